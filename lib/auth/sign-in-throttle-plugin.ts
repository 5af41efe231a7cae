import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { clientAddress } from "@/lib/http/client-address";
import { admitSignIn, type SignInAttempt, settleSignIn } from "./sign-in-throttle";

const signInPath = "/sign-in/email";

/** Who is trying: the email as sent (only a plausible one counts), and the client address the server saw. */
function attemptOf(ctx: { body?: unknown; headers?: Headers; request?: Request }): SignInAttempt | null {
  const headers = ctx.headers ?? ctx.request?.headers;
  if (!headers) return null; // a server-side call, not someone at the door
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  return {
    email: typeof email === "string" && email.length <= 320 ? email : null,
    address: clientAddress(headers),
  };
}

/**
 * Better Auth's email sign-in, throttled per account and per client address (lib/auth/sign-in-throttle.ts):
 * refused with 429, a Retry-After header and a JSON body that says when — before any password is checked.
 */
export const signInThrottle = () =>
  ({
    id: "switchboard-sign-in-throttle",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === signInPath,
          handler: createAuthMiddleware(async (ctx) => {
            const attempt = attemptOf(ctx);
            if (!attempt) return;
            const admission = await admitSignIn(attempt);
            if (admission.admitted) return;
            const seconds = admission.retryAfterSeconds;
            const from = admission.scope === "account" ? "for this account" : "from your network";
            throw new APIError(
              "TOO_MANY_REQUESTS",
              {
                code: "TOO_MANY_FAILED_SIGN_INS",
                message: `Too many failed sign-in attempts ${from} — try again in ${seconds} s.`,
                scope: admission.scope,
                retryAfterSeconds: seconds,
                retryAt: new Date(Date.now() + seconds * 1000).toISOString(),
              },
              { "retry-after": String(seconds) },
            );
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === signInPath,
          handler: createAuthMiddleware(async (ctx) => {
            const attempt = attemptOf(ctx);
            if (!attempt) return;
            const returned = ctx.context.returned;
            const outcome = !isAPIError(returned)
              ? "signed_in"
              : returned.statusCode === 401
                ? "wrong_credentials"
                : "refused_otherwise";
            await settleSignIn(attempt, outcome);
          }),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;
