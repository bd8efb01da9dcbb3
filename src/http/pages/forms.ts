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
    setFlash(req, { key: "flash.saved" });
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

/**
 * The one-shot message shown after a redirect. It is kept as catalogue keys and values, not as
 * text, and written out by the GET that shows it: the user may switch language between the POST
 * and the page it leads to (or while a long report's suggestions are computed), and the message
 * must come out in the language of the page it sits on. A value may itself be a message (a count
 * inside a sentence); `text` parts (a PDF reader's notes) are shown as they are.
 */
export type FlashPart = { key: string; values?: Record<string, unknown> } | { text: string };

export function setFlash(req: Request, ...parts: FlashPart[]) {
  req.session.flash = parts;
}

function isPart(v: unknown): v is FlashPart {
  return typeof v === "object" && v !== null && ("key" in v || "text" in v);
}

function writeOut(part: FlashPart): string {
  if ("text" in part) return part.text;
  const values = part.values && Object.fromEntries(Object.entries(part.values).map(([k, v]) => [k, isPart(v) ? writeOut(v) : v]));
  return t(part.key, values);
}

/** Take (and clear) the message parts waiting in the session. */
export function takeFlashParts(req: Request): FlashPart[] | undefined {
  const f = req.session?.flash;
  if (!f) return undefined;
  delete req.session.flash;
  // A session written before messages were kept as keys holds plain text.
  return typeof f === "string" ? [{ text: f }] : f;
}

/** The message written out in the current language. */
export function flashText(parts: FlashPart[] | undefined): string | undefined {
  return parts?.length ? parts.map(writeOut).join(" ") : undefined;
}

/** Put back the message this GET took (a page that is not the one it speaks of, e.g. progress). */
export function keepFlash(req: Request, res: Response) {
  const parts = res.locals.flashParts as FlashPart[] | undefined;
  if (parts?.length) req.session.flash = parts;
  res.locals.flash = undefined;
  res.locals.flashParts = undefined;
}
