/**
 * The handful of typed errors the domain throws. Each has an HTTP status and a stable code;
 * `message` is safe to show to the user. Mapped to responses in exactly one place
 * (src/http/error-handler.ts).
 */
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
  constructor(what = "The requested item") {
    super(`${what} was not found.`, 404, "not_found");
  }
}
export class ConflictError extends AppError {
  constructor(message: string, fields?: FieldErrors) {
    super(message, 409, "conflict", fields);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do that.") {
    super(message, 403, "forbidden");
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = "Sign in to continue.") {
    super(message, 401, "unauthorized");
  }
}
export class UnavailableError extends AppError {
  constructor(message = "The database is busy; try again in a moment.") {
    super(message, 503, "unavailable");
  }
}
