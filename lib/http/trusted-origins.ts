import { publicBaseUrl } from "@/lib/ai-agents/botframework-channel";

/**
 * The origins a browser may send cookie-signed writes from (lib/http/csrf.ts),
 * and Better Auth's `trustedOrigins` (lib/auth/auth.ts): the origin the request
 * itself was addressed to, the public URL's (SWITCHBOARD_PUBLIC_URL), and any
 * listed in SWITCHBOARD_TRUSTED_ORIGINS (comma-separated, e.g.
 * `https://console.example.com,https://ops.example.com`).
 */
export function trustedOrigins(request?: Request): string[] {
  const own = request ? addressedOrigin(request) : null;
  return [...new Set([...(own ? [own] : []), new URL(publicBaseUrl()).origin, ...configuredOrigins()])];
}

/**
 * The origin the browser addressed: its Host header (or X-Forwarded-Host from
 * a proxy) with the scheme the proxy reports. Trusting these is safe here: a
 * page on another origin cannot make the victim's browser send them — the
 * browser sets Host itself, and custom headers need a CORS preflight.
 * (Next's `request.url` names the address the server bound to, not this.)
 */
function addressedOrigin(request: Request): string | null {
  const host = firstValue(request.headers.get("x-forwarded-host")) ?? request.headers.get("host");
  if (!host) return null;
  const scheme = firstValue(request.headers.get("x-forwarded-proto")) ?? new URL(request.url).protocol.slice(0, -1);
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return null;
  }
}

const firstValue = (header: string | null) => header?.split(",")[0]?.trim() || null;

let configured: { raw: string; origins: string[] } | null = null;

/** SWITCHBOARD_TRUSTED_ORIGINS, each reduced to its origin; a malformed entry stops the server at boot. */
export function configuredOrigins(): string[] {
  const raw = process.env.SWITCHBOARD_TRUSTED_ORIGINS ?? "";
  if (configured?.raw !== raw) configured = { raw, origins: parseOrigins(raw) };
  return configured.origins;
}

function parseOrigins(raw: string): string[] {
  return raw
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const origin = URL.canParse(entry) ? new URL(entry).origin : "null";
      if (origin === "null") {
        throw new Error(`SWITCHBOARD_TRUSTED_ORIGINS: "${entry}" is not an origin such as https://console.example.com`);
      }
      return origin;
    });
}
