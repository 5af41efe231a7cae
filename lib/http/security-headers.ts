import { publicBaseUrl } from "@/lib/ai-agents/botframework-channel";

/**
 * The headers every page gets (proxy.ts). The API and static files get
 * nosniff and Referrer-Policy from next.config.js; these depend on the page
 * and on the request (a fresh nonce each time), so the proxy sets them.
 *
 * - script-src: only scripts carrying this response's nonce (Next.js puts it
 *   on its own scripts when it finds it in the request's CSP header), and what
 *   they load ('strict-dynamic'). No inline script without the nonce runs, so
 *   injected markup cannot execute. Development adds 'unsafe-eval' (React's
 *   dev tooling); production never does.
 * - style-src allows inline styles: React renders `style` props as attributes
 *   in server HTML and Radix sets positioning styles; a nonce cannot cover
 *   style attributes. Styles cannot run script; the cost is CSS-only tricks.
 * - frame-ancestors: the staff consoles and sign-in cannot be framed at all
 *   (clickjacking); the customer chat only by this origin, until the
 *   embeddable widget decides its own list. X-Frame-Options says the same to
 *   browsers older than CSP 2.
 * - HSTS and upgrade-insecure-requests only when the public URL is https:
 *   sent over plain http (a local or test install) they would lock browsers
 *   out of it.
 */
export function pageSecurityHeaders(pathname: string, nonce: string): Record<string, string> {
  const https = publicBaseUrl().startsWith("https:");
  const framedBySelf = pathname === "/chat" || pathname.startsWith("/chat/");
  const development = process.env.NODE_ENV === "development";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${framedBySelf ? "'self'" : "'none'"}`,
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "content-security-policy": policy,
    "x-frame-options": framedBySelf ? "SAMEORIGIN" : "DENY",
    ...(https ? { "strict-transport-security": "max-age=31536000" } : {}),
  };
}

/** 128 random bits, base64: unguessable, and new for every page response. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** Whether every %-escape in the path decodes (Next.js itself answers a plain 500 otherwise: vercel/next.js#92557). */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
