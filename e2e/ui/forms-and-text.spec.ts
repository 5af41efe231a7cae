import { expect, type Locator, type Page, test } from "@playwright/test";
import { Api } from "../support/api";
import { signInAsRepresentative, signInAsStaff } from "../support/sign-in";
import { deskPage, expectAccessible, noHorizontalScroll, phonePage, screenshot } from "../support/ui";

/**
 * Forms and text (issue 10): what broke around the happy path, each reproduced as it was reported — long unbroken
 * text spilling out of its bubble, a message over the limit refused in developer words, a supervisor asked "Who are
 * you?", the supervisor console scrolling sideways on a phone, a capacity of 0 shown with a green tick, no favicon.
 */
const tagged = () => Math.random().toString(36).slice(2, 6);

/** Elements inside `container` that reach past its left or right edge (more than a pixel): text spilling out. */
async function spilling(container: Locator): Promise<string[]> {
  return container.evaluate((root) => {
    const box = root.getBoundingClientRect();
    const out: string[] = [];
    for (const element of root.querySelectorAll("*")) {
      const rect = element.getBoundingClientRect();
      if (rect.width > 1 && (rect.right > box.right + 1 || rect.left < box.left - 1))
        out.push(
          `${element.tagName.toLowerCase()} "${(element.textContent ?? "").slice(0, 40)}…" spans ${Math.round(rect.left)}–${Math.round(rect.right)}, outside ${Math.round(box.left)}–${Math.round(box.right)}`,
        );
    }
    if (root.scrollWidth > root.clientWidth + 1)
      out.push(`the container scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
    return out;
  });
}

test("[TEXT] a long URL or token stays inside its bubble in the chat, the workspace and the hand-off card", async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const api = new Api(request);
  const tag = tagged();
  const queue = await api.queue({ name: `Links ${tag}` });
  const agent = await api.ai({
    name: `Lia ${tag}`,
    capacity: 10,
    escalationQueueId: queue.id,
    greeting: "Hi {customerName}.",
  });
  const rep = await api.rep({ name: `Noor ${tag}`, capacity: 3 });
  await api.join(queue.id, agent.id);
  await api.join(queue.id, rep.id);
  const url = `https://example.com/invoices/download?token=${"A1b2C3d4".repeat(30)}`;
  const token = `sk_live_${"9f8e7d6c5b4a".repeat(12)}`;

  const phone = await phonePage(browser);
  await phone.goto(`/chat?queue=${queue.id}`);
  await phone.getByLabel("Your name").fill("Dana");
  await phone.getByRole("button", { name: "Start chat" }).click();
  const chatLog = phone.getByRole("log", { name: "Conversation" });
  await expect(chatLog).toContainText("Hi Dana.");
  const composer = phone.getByRole("textbox", { name: "Message" });
  for (const text of [url, token]) {
    await composer.fill(text);
    await composer.press("Enter");
    await expect(chatLog).toContainText(text.slice(0, 30));
  }
  await expect(chatLog).toContainText("I'm not sure I can help with that");
  await phone.getByRole("button", { name: "Talk to a person" }).click();
  await expect(phone.locator("header").first()).toContainText(rep.name);
  await screenshot(phone, testInfo, "text-long-chat-phone");
  expect(await spilling(chatLog), "the chat on a phone").toEqual([]);
  await noHorizontalScroll(phone);

  const desk = await deskPage(browser);
  await signInAsRepresentative(desk, api, rep);
  await desk.goto("/workspace");
  await desk.getByRole("navigation", { name: "Inbox" }).getByRole("button", { name: /Dana/ }).click();
  const deskLog = desk.getByRole("log", { name: "Conversation" });
  await expect(deskLog).toContainText(token.slice(0, 30));
  const details = desk.getByRole("complementary", { name: "Conversation details" });
  await expect(details).toContainText("Escalated by the AI agent");
  await expect(details).toContainText(token.slice(0, 30));
  await screenshot(desk, testInfo, "text-long-workspace");
  expect(await spilling(deskLog), "the workspace transcript").toEqual([]);
  expect(await spilling(details), "the hand-off card").toEqual([]);
});

test("[TEXT] a message over the limit: the composer counts near it and says plainly why it cannot be sent", async ({
  browser,
  request,
}, testInfo) => {
  const api = new Api(request);
  const queue = await api.queue({ name: `Long ${tagged()}` });
  const phone = await phonePage(browser);
  await phone.goto(`/chat?queue=${queue.id}`);
  await phone.getByLabel("Your name").fill("Sam");
  await phone.getByRole("button", { name: "Start chat" }).click();
  await expect(phone.locator("header").first()).toContainText("Waiting for an agent");
  const composer = phone.getByRole("textbox", { name: "Message" });
  const counter = phone.getByTestId("composer-count");

  // Far from the limit, no counter; near it, how much is left.
  await composer.fill("Hello");
  await expect(counter).toHaveCount(0);
  await composer.fill("x".repeat(3_900));
  await expect(counter).toContainText("3,900 / 4,000");

  // Over it: said in plain words, once, and nothing is sent.
  await composer.fill("x".repeat(5_000));
  await composer.press("Enter");
  // (Next.js's route announcer is an empty alert of its own, outside the chat.)
  const alert = phone.getByRole("region", { name: "Support chat" }).getByRole("alert");
  await expect(alert).toHaveCount(1);
  await expect(alert).toHaveText("Your message is 1,000 characters too long. Shorten it, or send it in parts.");
  await expect(phone.getByText(/invalid request|too big|expected string/i)).toHaveCount(0);
  await expect(composer).toHaveValue("x".repeat(5_000));
  const height = (await alert.boundingBox())?.height ?? 0;
  expect(height, "the error takes a line or two, not half the screen").toBeLessThan(844 * 0.15);
  await screenshot(phone, testInfo, "composer-over-limit-phone");
  await expectAccessible(phone, "the composer over the limit");
  const messages = await api.ok("GET", `/api/conversations/${await conversationIdOf(phone)}/messages`);
  expect(messages).toEqual([]);

  // Shortened: the alert goes, and it sends.
  await composer.fill("Short again.");
  await expect(alert).toHaveCount(0);
  await composer.press("Enter");
  await expect(phone.getByRole("log", { name: "Conversation" })).toContainText("Short again.");
});

async function conversationIdOf(page: Page): Promise<string> {
  const session = await page.evaluate(() => localStorage.getItem("switchboard.chat"));
  return JSON.parse(session ?? "{}").conversationId;
}

test("[ADMIN] a capacity of 0 is refused with its reason, and no 'saved' tick beside it", async ({
  page,
  request,
}, testInfo) => {
  const api = new Api(request);
  const rep = await api.rep({ name: `Zed ${tagged()}`, capacity: 2 });
  await signInAsStaff(page, "admin");
  await page.goto("/admin/representatives");
  const row = page.getByRole("row", { name: new RegExp(rep.name) });
  const capacity = page.getByLabel(`Capacity of ${rep.name}`);
  // A save that works shows its tick; a refused value right after must not stand beside it.
  await capacity.fill("3");
  await capacity.press("Enter");
  await expect(row.getByText("Capacity saved")).toBeAttached();
  await capacity.fill("0");
  await capacity.press("Enter");
  await expect(row.getByRole("alert")).toHaveText("Capacity must be at least 1");
  await capacity.blur();
  await expect(row.getByRole("alert")).toHaveText("Capacity must be at least 1");
  await expect(row.getByText("Capacity saved")).toHaveCount(0);
  await expect(row.locator("svg.text-emerald-600")).toHaveCount(0);
  await screenshot(page, testInfo, "admin-capacity-zero");
  expect((await api.ok("GET", `/api/agents/${rep.id}`)).capacity).toBe(3);
});

test("[WORKSPACE] a supervisor opening the workspace is asked whom to act for, in words that fit", async ({
  browser,
  request,
}, testInfo) => {
  const api = new Api(request);
  await api.rep({ name: `Ada Lovelace-Byron ${tagged()}` });
  const desk = await deskPage(browser);
  await signInAsStaff(desk, "supervisor");
  await desk.evaluate(() => localStorage.removeItem("switchboard.currentAgentId")).catch(() => undefined);
  await desk.goto("/workspace");
  await expect(desk.getByRole("heading", { name: "Who are you?" })).toHaveCount(0);
  await expect(desk.getByRole("heading", { name: "Choose a representative to act for" })).toBeVisible();
  const picker = desk.getByRole("combobox", { name: "Representative" });
  await expect(picker).toHaveText("Choose a representative");
  const cut = await picker.evaluate((trigger) =>
    [...trigger.querySelectorAll("span")].some((span) => span.scrollWidth > span.clientWidth + 1),
  );
  expect(cut, "the placeholder is cut off").toBe(false);
  await expectAccessible(desk, "the workspace for a supervisor");
  await screenshot(desk, testInfo, "workspace-supervisor-choose");
});

test("[SUPERVISOR] the supervisor console fits a 390 px phone", async ({ browser }, testInfo) => {
  const phone = await phonePage(browser);
  await signInAsStaff(phone, "supervisor");
  await phone.goto("/supervisor");
  await expect(phone.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(phone.getByRole("table").first()).toBeVisible();
  await screenshot(phone, testInfo, "supervisor-phone");
  await noHorizontalScroll(phone);
});

test("[PAGES] every page has its icon: /favicon.ico is served, not a 404", async ({ page, request }) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  for (const path of ["/chat", "/sign-in"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/^image\//);
  expect(missing).toEqual([]);
});
