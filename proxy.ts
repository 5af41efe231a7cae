import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { isDecodablePath, newNonce, pageSecurityHeaders } from "@/lib/http/security-headers";

const consoles = ["/admin", "/supervisor", "/workspace"];

/**
 * Runs before Next.js routes a request (see `config.matcher` for which):
 * - a path that is not valid percent-encoding is a JSON 400 here, for pages
 *   and the API alike, instead of Next's plain-text 500 (vercel/next.js#92557);
 * - the staff consoles need a signed-in user: without a session cookie, go to
 *   sign-in first and come back (only a cheap cookie check here; every API call
 *   checks the session and the role for real);
 * - every page gets its security headers, with a fresh CSP nonce that Next.js
 *   reads from the request's own CSP header and puts on its scripts.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (!isDecodablePath(pathname)) {
    return NextResponse.json(
      {
        error: {
          code: "validation_failed",
          message: "the path is not valid percent-encoding",
          fields: { path: ["not valid percent-encoding"] },
        },
      },
      { status: 400 },
    );
  }
  if (pathname === "/api" || pathname.startsWith("/api/")) return NextResponse.next();
  const isConsole = consoles.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
  if (isConsole && !getSessionCookie(request)) {
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("next", pathname + request.nextUrl.search);
    return NextResponse.redirect(signIn);
  }
  const headers = pageSecurityHeaders(pathname, newNonce());
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", headers["content-security-policy"]);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Pages: everything but the API and Next's static files.
    "/((?!api(?:/|$)|_next/static|_next/image|favicon\\.ico).*)",
    // The API only where the path holds a '%' (the one check made there). Matching all of /api would make Next
    // buffer every request body for the proxy and wait for its end before the route ran (proxyClientMaxBodySize),
    // so an oversized upload would be read in full before its 413.
    "/api/(.*%.*)",
  ],
};
