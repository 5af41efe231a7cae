import { apiKey } from "@better-auth/api-key";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { publicBaseUrl } from "@/lib/ai-agents/botframework-channel";
import { getDb } from "@/lib/db/client";
import { clientAddressHeader } from "@/lib/http/client-address";
import { trustedOrigins } from "@/lib/http/trusted-origins";
import { authSecret } from "./secret";
import { serializedClient } from "./serialized-client";
import { signInThrottle } from "./sign-in-throttle-plugin";

export const roles = ["admin", "supervisor", "representative"] as const;
export type Role = (typeof roles)[number];

function createAuth() {
  return betterAuth({
    appName: "Switchboard",
    baseURL: publicBaseUrl(),
    secret: authSecret(),
    // Staff sign in from wherever they reach the server; the same list guards the app's writes (lib/http/csrf.ts).
    trustedOrigins: (request) => trustedOrigins(request),
    database: prismaAdapter(serializedClient(getDb()), { provider: "sqlite", transaction: false }),
    // Accounts are created by an admin (or the seed), never by signing up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    user: {
      additionalFields: {
        role: { type: "string", required: true, defaultValue: "representative", input: false },
        agentId: { type: "string", required: false, input: false },
      },
    },
    // Most API calls then need no database read to know who is calling.
    session: { cookieCache: { enabled: true, maxAge: 60 } },
    plugins: [
      // Keys for scripts and tests act with their owner's role (x-api-key header).
      apiKey({ enableSessionForAPIKeys: true, rateLimit: { enabled: false }, defaultPrefix: "sb_" }),
      // Failed sign-ins locked out per account and per client address, with backoff (sign-in-throttle.ts).
      signInThrottle(),
      nextCookies(),
    ],
    telemetry: { enabled: false },
    // Better Auth's own per-address request limit still guards its other endpoints; email sign-in is left to the
    // throttle above, which counts only failures (its 3 tries per 10 s would lock out an office behind one router).
    // AUTH_RATE_LIMIT=off switches it off (the end-to-end server does).
    rateLimit: { enabled: process.env.AUTH_RATE_LIMIT !== "off", customRules: { "/sign-in/email": false } },
    advanced: { ipAddress: ipAddressOptions() },
  });
}

/**
 * The client address the server stamped on the request (lib/http/client-address.ts), never a header the client
 * wrote. Without the stamp (a script, not the server) there is no address to go by: tracking is off.
 */
function ipAddressOptions() {
  const header = clientAddressHeader();
  return header ? { ipAddressHeaders: [header] } : { disableIpTracking: true };
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { switchboardAuth?: Auth };

export function getAuth(): Auth {
  globalForAuth.switchboardAuth ??= createAuth();
  return globalForAuth.switchboardAuth;
}
