/**
 * The handful of typed errors the domain throws. Each has an HTTP status and a stable code;
 * `message` is safe to show to the user. Mapped to responses in exactly one place
 * (src/http/error-handler.ts). Default messages are in the language of the work in progress
 * (src/i18n): the request's, or the CLI's.
 */
import { hasKey, t } from "./i18n/index.ts";

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fields?: FieldErrors, status = 422) {
    super(message, status, "validation_failed", fields);
  }
}
export class NotFoundError extends AppError {
  /** `what`: "The claim", "The source" … (translated when the catalogue knows it). */
  constructor(what = "The requested item") {
    const key = `entity.${what.replace(/^The /, "").replace(/\s+/g, "_")}`;
    super(t("errors.notFound", { what: hasKey(key) ? t(key) : what }), 404, "not_found");
  }
}
export class ConflictError extends AppError {
  constructor(message: string, fields?: FieldErrors) {
    super(message, 409, "conflict", fields);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = t("errors.forbidden")) {
    super(message, 403, "forbidden");
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = t("errors.unauthorized")) {
    super(message, 401, "unauthorized");
  }
}
export class UnavailableError extends AppError {
  constructor(message = t("errors.busy")) {
    super(message, 503, "unavailable");
  }
}
