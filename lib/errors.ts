/**
 * The one error type the domain throws. Route handlers map `code` to an HTTP
 * status in one place (lib/http/handle.ts), so a use case never thinks in HTTP.
 */
export type ErrorCode =
  | "validation_failed" // 400: the request is malformed; `details.fields` names the fields
  | "unauthorized" // 401
  | "forbidden" // 403 (also: a cookie-signed write from an untrusted origin, lib/http/csrf.ts)
  | "not_found" // 404
  | "invalid_state" // 409: the conversation's (or agent's) state forbids the action
  | "conflict" // 409: a concurrent change won; safe to retry
  | "rate_limited" // 429: too many at once; `details.retryAfterSeconds` (and the Retry-After header) say when to retry
  | "payload_too_large" // 413: the body is over the limit (lib/http/limits.ts); `details.limitBytes`
  | "unsupported_media_type" // 415: a body that is not declared JSON; `details.contentType`
  | "upstream_failed"; // 502: an AI agent's endpoint failed

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (entity: string, id: string) =>
  new AppError("not_found", `${entity} ${id} was not found`, { entity, id });

export const invalidState = (message: string, details?: Record<string, unknown>) =>
  new AppError("invalid_state", message, details);

export const validationFailed = (field: string, message: string) =>
  new AppError("validation_failed", `${field}: ${message}`, { fields: { [field]: [message] } });

export const rateLimited = (message: string, retryAfterSeconds: number, details?: Record<string, unknown>) =>
  new AppError("rate_limited", message, { ...details, retryAfterSeconds });

/** Thrown inside a transaction when an optimistic claim lost a race; the transaction is retried. */
export class ClaimLostError extends Error {
  constructor(what: string) {
    super(`claim lost: ${what}`);
    this.name = "ClaimLostError";
  }
}
