"use client";

import { createAuthClient } from "better-auth/react";

/** Better Auth's browser client (same origin): sign in, sign out, session. */
export const authClient = createAuthClient();
