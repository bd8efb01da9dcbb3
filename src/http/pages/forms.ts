/**
 * Server-rendered forms: parse the posted body with the resource's schema; on a validation
 * or domain error that names fields, re-render the same form with 422, the values as typed
 * and a message beside each field (nothing is written). Success redirects (303).
 */
import type { Request, Response } from "express";
import type { z } from "zod";
import { AppError } from "../../errors.ts";
import { formInput } from "../schemas.ts";
import { parse } from "../validate.ts";
import { render } from "../views.ts";
import { t } from "../../i18n/index.ts";

export interface FormOptions<S extends z.ZodType> {
  schema: S;
  /** Page template that renders the form. */
  view: string;
  title: string;
  /** Extra data the page needs (pickers, the record being edited). */
  viewData?: () => Promise<Record<string, unknown>>;
  /** Runs the use case; returns where to go next. */
  action: (input: z.infer<S>) => Promise<string>;
  /** Extra fields merged into the input before validation (e.g. route params). */
  extra?: Record<string, unknown>;
  /** Names under which the page reads the typed values and messages (for pages with several forms). */
  valuesKey?: string;
  errorsKey?: string;
  /**
   * For one of several small inline forms on a page (e.g. `review-12`): the typed values and
   * messages go to `inline: { key, values, errors, message }`, read by the `inlineBox` helper,
   * so only the box that was used shows them and the page's other forms keep their own values.
   */
  inlineKey?: string;
}

/**
 * Whether an error thrown while handling a form shows the form again, and with which status:
 * a user's mistake (4xx with a message) does; signing in (401), permission (403) and a body too
 * large to read (413) do not. A missing record (404) is the 404 page (`notFound: "page"`), a
 * field error when it names fields (`"fields"`, shown as 422), or always the form again
 * (`"form"`, 422: e.g. a publisher chosen on the ingest form that no longer exists).
 * Returns undefined when the error is to be thrown on.
 */
export function reRenderStatus(err: unknown, notFound: "page" | "fields" | "form" = "page"): number | undefined {
  if (!(err instanceof AppError) || err.status >= 500 || err.status === 401 || err.status === 403 || err.status === 413) return undefined;
  if (err.status !== 404) return err.status;
  if (notFound === "form" || (notFound === "fields" && err.fields)) return 422;
  return undefined;
}

export async function renderForm(res: Response, view: string, title: string, data: Record<string, unknown>, status = 200) {
  res.status(status).send(render(view, { ...res.locals, title, ...data }));
}

export async function handleForm<S extends z.ZodType>(req: Request, res: Response, opts: FormOptions<S>) {
  const values = (req.body ?? {}) as Record<string, unknown>;
  try {
    const input = parse(opts.schema, { ...formInput(values), ...(opts.extra ?? {}) });
    const location = await opts.action(input);
    req.session.flash = t("flash.saved");
    res.redirect(303, location);
  } catch (err) {
    // A missing record is a 404 page, not the form again; missing *referenced* records are
    // field errors (ValidationError, 422) raised by the use cases.
    const status = reRenderStatus(err);
    if (status !== undefined && err instanceof AppError) {
      const extra = opts.viewData ? await opts.viewData() : {};
      const errors = err.fields ?? {};
      const data = opts.inlineKey
        ? { ...extra, inline: { key: opts.inlineKey, values, errors, message: err.message } }
        : { ...extra, [opts.valuesKey ?? "values"]: values, [opts.errorsKey ?? "errors"]: errors, [`${opts.errorsKey ?? "errors"}Message`]: err.message };
      await renderForm(res, opts.view, opts.title, data, status);
      return;
    }
    throw err;
  }
}

/** Take (and clear) the one-shot message shown after a redirect. */
export function takeFlash(req: Request): string | undefined {
  const f = req.session?.flash;
  if (f) delete req.session.flash;
  return f;
}
