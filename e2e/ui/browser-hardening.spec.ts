import http from "node:http";
import type { AddressInfo } from "node:net";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { Api, unique } from "../support/api";
import { staffPasswords } from "../support/sign-in";

/**
 * The consoles in Chromium under their Content Security Policy (proxy.ts,
 * lib/http/security-headers.ts): every console works without one violation,
 * and no other site can frame a staff console or the sign-in page.
 */

/** Collects CSP violations (reported by the page itself), console errors and uncaught errors, across navigations. */
async function watch(context: BrowserContext) {
  const violations: string[] = [];
  const errors: string[] = [];
  await context.exposeBinding("__cspViolation", (_source, text: string) => void violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      (window as unknown as { __cspViolation: (text: string) => void }).__cspViolation(
        `${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      ),
    );
  });
  const follow = (page: Page) => {
    const where = () => new URL(page.url()).pathname;
    page.on("console", (message) => {
      // A failed load is reported below with its address (the console's message has none).
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        errors.push(`${where()}: ${message.text()}`);
      }
    });
    page.on("pageerror", (error) => errors.push(`${where()}: ${error.message}`));
    page.on("response", (response) => {
      // There is no favicon; the browser asks anyway.
      if (response.status() >= 400 && new URL(response.url()).pathname !== "/favicon.ico") {
        errors.push(`${where()}: ${response.status()} from ${response.url()}`);
      }
    });
  };
  context.on("page", follow);
  return { violations, errors };
}

test("[HEADERS] the staff consoles and sign-in work under the Content Security Policy, without a single violation", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const seen = await watch(context);
  const page = await context.newPage();

  // Sign in through the form (its script posts to Better Auth, then reads /api/me).
  await page.goto("/sign-in?next=/admin");
  await page.getByLabel("Email").fill("admin@e2e.test");
  await page.getByLabel("Password").fill(staffPasswords.admin);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);

  // Admin: a dialog (Radix), a form with a select (Radix), the other sections.
  await page.getByRole("button", { name: "New queue" }).click();
  const dialog = page.getByRole("dialog", { name: "New queue" });
  const queueName = unique("Made under CSP");
  await dialog.getByLabel("Name").fill(queueName);
  await dialog.getByRole("button", { name: "Create queue" }).click();
  await expect(page.getByRole("heading", { level: 2, name: queueName })).toBeVisible();
  await page.goto("/admin/agents/new");
  await page.getByRole("combobox", { name: "Escalation queue" }).click();
  await page.getByRole("option", { name: queueName }).click();
  await expect(page.getByRole("combobox", { name: "Escalation queue" })).toHaveText(queueName);
  await page.goto("/admin/representatives");
  await expect(page.getByRole("heading", { name: "Add a representative" })).toBeVisible();
  await page.goto("/admin/routing");
  await expect(page.getByRole("heading", { name: "Rules, in order" })).toBeVisible();

  // Supervisor and workspace (their live streams connect under connect-src 'self').
  await page.goto("/supervisor");
  await expect(page.getByRole("heading", { name: "Live dashboard" })).toBeVisible();
  await page.goto("/workspace");
  await expect(page.getByRole("heading", { name: "Workspace" })).toBeVisible();

  expect(seen.violations).toEqual([]);
  expect(seen.errors).toEqual([]);
  await context.close();
});

test("[HEADERS] the customer chat works under the Content Security Policy, without a single violation", async ({
  browser,
  request,
}) => {
  const api = new Api(request);
  const queue = await api.queue({ name: unique("CSP") });
  const ai = await api.ai({ name: unique("Greeter") });
  await api.join(queue.id, ai.id);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const seen = await watch(context);
  const chat = await context.newPage();
  // Start, be greeted over the stream, write.
  await chat.goto(`/chat?queue=${queue.id}`);
  await chat.getByLabel("Your name").fill("Dana");
  await chat.getByRole("button", { name: "Start chat" }).click();
  const log = chat.getByRole("log", { name: "Conversation" });
  await expect(log).toContainText("Hi Dana");
  await chat.getByRole("textbox", { name: "Message" }).fill("Just checking");
  await chat.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect(log).toContainText("Just checking");

  expect(seen.violations).toEqual([]);
  expect(seen.errors).toEqual([]);
  await context.close();
});

test("[HEADERS] no other site can frame a staff console or sign-in; the chat only its own site", async ({
  browser,
}) => {
  // Another origin (another port on this host), whose page frames the consoles.
  const pages = ["/admin", "/supervisor", "/workspace", "/sign-in", "/chat"];
  const framer = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(
      `<!doctype html><title>framer</title>${pages.map((p) => `<iframe name="${p}" src="${baseURL}${p}"></iframe>`).join("")}` +
        `<iframe name="control" src="${baseURL}/api/health"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => framer.listen(0, "127.0.0.1", resolve));
  const framerUrl = `http://127.0.0.1:${(framer.address() as AddressInfo).port}/`;
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Signed in (the same host: the cookie goes along), so /admin itself is what is framed, not a redirect.
    await page.request.post("/api/auth/sign-in/email", {
      data: { email: "admin@e2e.test", password: staffPasswords.admin },
    });
    await page.goto(framerUrl);
    // The control (an API response has no framing rule) shows: the frames did load what they could.
    await expect(page.frameLocator('iframe[name="control"]').locator("body")).toContainText('"ok":true');
    for (const path of pages) {
      await test.step(path, async () => {
        const frame = page.frame({ name: path });
        expect(frame, path).toBeTruthy();
        // Blocked: Chromium shows its own error page, nothing of ours.
        await expect.poll(() => frame?.url(), { message: path }).toMatch(/^chrome-error:/);
        expect(await frame?.title()).not.toContain("Switchboard");
      });
    }
    // The chat may be framed by its own site; a console may not be, even there.
    await page.goto("/api/health");
    await page.evaluate(() => {
      for (const path of ["/chat", "/admin"]) {
        const frame = document.createElement("iframe");
        frame.name = path;
        frame.src = path;
        document.body.append(frame);
      }
    });
    await expect(
      page.frameLocator('iframe[name="/chat"]').getByRole("heading", { name: "How can we help?" }),
    ).toBeVisible();
    await expect.poll(() => page.frame({ name: "/admin" })?.url()).toMatch(/^chrome-error:/);
    await context.close();
  } finally {
    framer.close();
  }
});
