/**
 * Errors become responses in exactly one place. JSON for the API (and clients that ask for
 * it), an HTML page otherwise; a 500 never leaks a stack, a Prisma message, SQL or a path.
 * Busy/locked database errors become 503 + Retry-After, never a 500 or a false success.
 */
import type { ErrorRequestHandler, Request, Response } from "express";
import { AppError, UnavailableError, ValidationError } from "../errors.ts";
import { logger } from "../logger.ts";
import { LIMITS_TEXT } from "../limits.ts";
import { plainErrorPage, render } from "./views.ts";
import { isLocale, t } from "../i18n/index.ts";

export function wantsJson(req: Request): boolean {
  return req.path.startsWith("/api/") || req.originalUrl.startsWith("/api/") || (!req.accepts("html") && Boolean(req.accepts("json")));
}

/** Map low-level errors (body parser, SQLite busy, Prisma timeouts) to typed ones. */
export function toAppError(err: unknown, path?: string): AppError | null {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; code?: string; message?: string; cause?: unknown };
  if (e?.type === "entity.too.large") return new AppError(LIMITS_TEXT.bodyTooLarge(path ?? ""), 413, "payload_too_large");
  if (e?.type === "parameters.too.many") return new AppError(t("errors.tooManyParams"), 413, "payload_too_large");
  if (e?.type === "body.invalid_utf8") return new ValidationError(t("errors.invalidUtf8"), undefined, 400);
  if (e?.type === "entity.parse.failed") return new ValidationError(t("errors.invalidJson"), undefined, 400);
  if (e?.type === "encoding.unsupported" || e?.type === "charset.unsupported") return new AppError(t("errors.encoding"), 415, "unsupported_media_type");
  const text = `${e?.code ?? ""} ${e?.message ?? ""} ${String((e?.cause as { message?: string })?.message ?? "")}`;
  if (/SQLITE_BUSY|SQLITE_LOCKED|database is locked|P1008|P2028|P2034|Transaction API error|Unable to start a transaction/i.test(text)) {
    return new UnavailableError();
  }
  if (/SQLITE_FULL|database or disk is full/i.test(text)) return new UnavailableError(t("errors.full"));
  if (typeof e?.status === "number" && e.status >= 400 && e.status < 500) {
    return new AppError(e.status === 404 ? t("errors.notFoundShort") : t("errors.badRequest"), e.status, "bad_request");
  }
  return null;
}

export function sendError(req: Request, res: Response, err: AppError | null, raw?: unknown) {
  const status = err?.status ?? 500;
  const message = err?.message ?? t("errors.internal");
  const code = err?.code ?? "internal_error";
  if (status >= 500 && !err) logger.error({ err: raw, requestId: res.locals.requestId }, "unhandled error");
  if (status === 503) res.setHeader("Retry-After", "2");
  res.status(status);
  if (wantsJson(req)) {
    res.json({ error: { status, code, message, ...(err?.fields ? { fields: err.fields } : {}), requestId: res.locals.requestId as string | undefined } });
    return;
  }
  try {
    res.type("html").send(render("error", { ...res.locals, title: t("error.title", { status }), status, message, code }));
  } catch (e) {
    logger.error({ err: e }, "error page failed");
    res.type("html").send(plainErrorPage(status, message, isLocale(res.locals.locale) ? res.locals.locale : undefined));
  }
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (res.headersSent) {
    // Abort rather than end: a cut-off stream (e.g. an export) must not look complete.
    res.destroy(err instanceof Error ? err : undefined);
    return;
  }
  sendError(req, res, toAppError(err, req.path), err);
};
