import type { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { AppError, type ErrorCode } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics/registry";
import { requireTrustedOrigin } from "./csrf";
import { readJsonBody } from "./json-body";
import { routePattern } from "./route-pattern";
import { requireStorableParams } from "./storable-text";

const statusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  invalid_state: 409,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  upstream_failed: 502,
};

export type RouteContext<P extends Record<string, string | string[]> = Record<string, string>> = { params: Promise<P> };

/**
 * Wraps a route handler: a write signed in by the session cookie from an
 * untrusted origin is refused first (lib/http/csrf.ts), then a NUL character in the path or query
 * (lib/http/storable-text.ts); every thrown error
 * becomes a JSON error with the right status; nothing internal leaks from an
 * unexpected one. Every request's duration is recorded by its route pattern (the metrics' one central place).
 */
export function route<P extends Record<string, string | string[]>>(
  handler: (request: Request, params: P) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    const startedAt = performance.now();
    const params = (await context.params) ?? {}; // a route without parameters has none
    const response = await handled(request, params as P, handler);
    observeDuration(request, params, response.status, startedAt);
    return response;
  };
}

async function handled<P extends Record<string, string | string[]>>(
  request: Request,
  params: P,
  handler: (request: Request, params: P) => Promise<Response>,
): Promise<Response> {
  try {
    requireTrustedOrigin(request);
    requireStorableParams(params, new URL(request.url));
    return await handler(request, params);
  } catch (error) {
    return errorResponse(error);
  }
}

/** Until the response starts: a stream counts its opening, not its life (switchboard_open_streams counts that). */
function observeDuration(
  request: Request,
  params: Record<string, string | string[]>,
  status: number,
  startedAt: number,
) {
  const labels = { method: request.method, route: routePattern(new URL(request.url).pathname, params), status };
  metrics().httpDuration.observe(labels, (performance.now() - startedAt) / 1000);
}

export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  if (appError) {
    const retryAfter = appError.details?.retryAfterSeconds;
    return Response.json(
      { error: { code: appError.code, message: appError.message, ...appError.details } },
      { status: statusOf[appError.code], headers: retryAfter ? { "retry-after": String(retryAfter) } : undefined },
    );
  }
  logger.error({ err: error }, "unhandled error in route");
  return Response.json({ error: { code: "internal", message: "internal error" } }, { status: 500 });
}

function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2025") return new AppError("not_found", "the record was not found");
    if (error.code === "P2002") return new AppError("conflict", "a record with these values already exists");
    if (error.code === "P2003")
      return new AppError("invalid_state", "the record is still referenced elsewhere", { state: "referenced" });
  }
  return null;
}

/** The JSON body (lib/http/json-body.ts: type, size and depth checked), parsed with `schema`. */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: { maxBytes?: number } = {},
): Promise<z.output<S>> {
  return parse(schema, await readJsonBody(request, options.maxBytes));
}

export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  return parse(schema, Object.fromEntries(new URL(request.url).searchParams));
}

export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // No prototype: a field may be called "__proto__" or "constructor".
  const fields: Record<string, string[]> = Object.create(null);
  for (const issue of result.error.issues) {
    // zod reports unknown keys on the object holding them; the caller's mistake is each key, so name those.
    const paths = issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    const message = issue.code === "unrecognized_keys" ? "unknown field" : issue.message;
    for (const path of paths) {
      const field = path.length ? path.join(".") : "body";
      fields[field] = [...(fields[field] ?? []), message];
    }
  }
  const summary = Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
    .join("; ");
  throw new AppError("validation_failed", `invalid request: ${summary}`, { fields });
}

export const json = (data: unknown, status = 200) => Response.json(data, { status });
export const noContent = () => new Response(null, { status: 204 });
