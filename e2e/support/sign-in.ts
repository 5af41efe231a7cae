import { expect, type Page } from "@playwright/test";
import type { Api } from "./api";

/** The staff accounts scripts/e2e-server.sh created. */
export const staffPasswords = { admin: "e2e-admin-password", supervisor: "e2e-supervisor-password" } as const;

/** Signs the page's browser context in (the cookie then rides along with every page and API call). */
export async function signIn(page: Page, email: string, password: string) {
  const response = await page.request.post("/api/auth/sign-in/email", { data: { email, password } });
  expect(response.status(), `sign in as ${email}`).toBe(200);
}

export const signInAsStaff = (page: Page, role: "admin" | "supervisor") =>
  signIn(page, `${role}@e2e.test`, staffPasswords[role]);

/** Creates a sign-in account for a representative's agent (through the admin API) and signs the page in as them. */
export async function signInAsRepresentative(page: Page, api: Api, agent: { id: string; name: string }) {
  const email = `${agent.id}@e2e.test`;
  const password = "representative-password";
  await api.ok("POST", "/api/accounts", {
    name: agent.name,
    email,
    password,
    role: "representative",
    agentId: agent.id,
  });
  await signIn(page, email, password);
}
