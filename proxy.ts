import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";

/**
 * The staff consoles need a signed-in user: without a session cookie, go to
 * sign-in first and come back. (Only a cheap cookie check here; every API call
 * checks the session and the role for real.)
 */
export function proxy(request: NextRequest) {
  if (getSessionCookie(request)) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("next", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
}

export const config = { matcher: ["/admin/:path*", "/supervisor/:path*", "/workspace/:path*"] };
