import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth/auth";
import { errorResponse } from "@/lib/http/handle";
import { withBodyWithin } from "@/lib/http/json-body";

/**
 * Better Auth's endpoints: sign-in/out, session, API keys (/api/auth/*). It
 * checks the origin of cookie-signed calls itself, against the same trusted
 * origins (lib/auth/auth.ts); the body size limit is applied here, as it
 * reads bodies itself.
 */
export async function GET(request: Request) {
  return toNextJsHandler(getAuth()).GET(request);
}

export async function POST(request: Request) {
  let within: Request;
  try {
    within = await withBodyWithin(request);
  } catch (error) {
    return errorResponse(error);
  }
  return toNextJsHandler(getAuth()).POST(within);
}
