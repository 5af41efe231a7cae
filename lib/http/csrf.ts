import { getSessionCookie } from "better-auth/cookies";
import { AppError } from "@/lib/errors";
import { trustedOrigins } from "./trusted-origins";

const stateChanging = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Cross-site request forgery: a browser attaches the staff session cookie to
 * any request to this server, whichever site's page sends it. So a write
 * signed in by that cookie must say it comes from a trusted origin (Origin,
 * or Referer when a browser sends no Origin); otherwise 403 before the
 * handler runs. Calls with an API key (x-api-key) or a customer token
 * (Authorization) are not at risk — no other site's page can add those
 * headers without a CORS preflight, which this server never grants — and a
 * request without the session cookie is not signed in by it.
 */
export function requireTrustedOrigin(request: Request): void {
  if (!stateChanging.has(request.method)) return;
  if (request.headers.has("x-api-key") || request.headers.has("authorization")) return;
  if (!getSessionCookie(request.headers)) return;
  const origin = request.headers.get("origin") ?? originOf(request.headers.get("referer"));
  if (origin === null || origin === "null") {
    throw new AppError(
      "forbidden",
      "a change signed in by the session cookie needs an Origin (or Referer) header naming this site",
      { origin: null },
    );
  }
  if (!trustedOrigins(request).includes(origin)) {
    throw new AppError(
      "forbidden",
      `a change signed in by the session cookie must come from this site, not from ${origin.slice(0, 200)} (see SWITCHBOARD_TRUSTED_ORIGINS)`,
      { origin: origin.slice(0, 200) },
    );
  }
}

function originOf(referer: string | null): string | null {
  if (!referer || !URL.canParse(referer)) return null;
  return new URL(referer).origin;
}
