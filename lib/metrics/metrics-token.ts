import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";

const VARIABLE = "SWITCHBOARD_METRICS_TOKEN";
/** Long enough not to be guessed through the endpoint; `openssl rand -hex 32` gives 64. */
const MIN_LENGTH = 16;

/**
 * SWITCHBOARD_METRICS_TOKEN: unset, the metrics endpoint is off; set, scrapers must send it as a bearer token.
 * A token too short to resist guessing stops the server at boot (lib/boot.ts) rather than serving with it.
 */
export function metricsToken(): string | null {
  const token = process.env[VARIABLE]?.trim();
  if (!token) return null;
  if (token.length < MIN_LENGTH) throw new Error(`${VARIABLE} must be at least ${MIN_LENGTH} characters long`);
  return token;
}

/**
 * Lets a scraper in, or refuses: 404 while the endpoint is off (it looks like any other path that does not exist),
 * 401 without the token. Compared in constant time, through digests of equal length, so neither the token nor its
 * length leaks through timing.
 */
export function requireMetricsScraper(request: Request): void {
  const token = metricsToken();
  if (!token) throw new AppError("not_found", "not found");
  const given = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim() ?? "";
  if (!timingSafeEqual(digest(given), digest(token))) {
    throw new AppError("unauthorized", "the metrics need the bearer token set in SWITCHBOARD_METRICS_TOKEN");
  }
}

const digest = (value: string) => createHash("sha256").update(value).digest();
