import { apiKey } from "@better-auth/api-key";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { publicBaseUrl } from "@/lib/ai-agents/botframework-channel";
import { getDb } from "@/lib/db/client";
import { trustedOrigins } from "@/lib/http/trusted-origins";
import { authSecret } from "./secret";
import { serializedClient } from "./serialized-client";

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
      nextCookies(),
    ],
    telemetry: { enabled: false },
    // Sign-in attempts are rate limited per address; the browser tests sign in dozens of times from one address.
    rateLimit: { enabled: process.env.AUTH_RATE_LIMIT !== "off" },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { switchboardAuth?: Auth };

export function getAuth(): Auth {
  globalForAuth.switchboardAuth ??= createAuth();
  return globalForAuth.switchboardAuth;
}
