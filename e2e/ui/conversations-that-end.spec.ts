import { type Browser, expect, type Page, test } from "@playwright/test";
import { Api } from "../support/api";
import { signInAsRepresentative, signInAsStaff } from "../support/sign-in";
import { deskPage, expectAccessible, screenshot } from "../support/ui";

/**
 * Issue 10, "Conversations that end cleanly": what happens around the happy path when the customer goes away,
 * leaves mid-work, or the representative double-clicks. Every fault is caused for real: the customer's browser
 * context is closed (its streams drop as a closed tab's do), the customer presses "Leave chat" in their own page.
 */
const phoneOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** A representative signed in at their desk, available, with the workspace open. */
async function repAtDesk(browser: Browser, api: Api, rep: { id: string; name: string }): Promise<Page> {
  const desk = await deskPage(browser);
  await signInAsRepresentative(desk, api, rep);
  await api.ok("PUT", `/api/agents/${rep.id}/presence`, { presence: "available" });
  await desk.goto("/workspace");
  await expect(desk.getByText("No conversations right now.")).toBeVisible();
  return desk;
}

/** A customer on a phone starts a chat in `queueId` and says hello; resolves once `repName` answers. */
async function customerChats(browser: Browser, queueId: string, name: string, repName: string) {
  const context = await browser.newContext(phoneOptions);
  const phone = await context.newPage();
  await phone.goto(`/chat?queue=${queueId}`);
  await phone.getByLabel("Your name").fill(name);
  await phone.getByRole("button", { name: "Start chat" }).click();
  await expect(phone.locator("header").first()).toContainText(repName);
  const composer = phone.getByRole("textbox", { name: "Message" });
  await composer.fill("Hello, my parcel never came.");
  await composer.press("Enter");
  await expect(phone.getByRole("log", { name: "Conversation" })).toContainText("Hello, my parcel never came.");
  const stored = await phone.evaluate(() => window.localStorage.getItem("switchboard.chat"));
  const conversationId = JSON.parse(stored ?? "{}").conversationId as string;
  return { context, phone, conversationId };
}

async function openFromInbox(desk: Page, customer: string) {
  await desk
    .getByRole("navigation", { name: "Inbox" })
    .getByRole("button", { name: new RegExp(customer) })
    .click();
  await expect(desk.getByRole("log", { name: "Conversation" })).toContainText("Hello, my parcel never came.");
}

test("[UI] a customer who closes the tab shows as away, is ended as abandoned after the queue's time-out, and is told on coming back", async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const api = new Api(request);
  const tag = Math.random().toString(36).slice(2, 6);
  // Seconds, so the test runs on the real server's timer loop in a few seconds.
  const queue = await api.queue({ name: `Returns ${tag}`, inactivityTimeoutSeconds: 3 });
  const rep = await api.rep({ name: `Robin Park ${tag}`, capacity: 2, presence: "offline" });
  await api.join(queue.id, rep.id);
  const desk = await repAtDesk(browser, api, rep);

  const { context, conversationId } = await customerChats(browser, queue.id, "Dana", rep.name);
  await openFromInbox(desk, "Dana");
  const presence = desk.getByRole("status", { name: "Customer presence" });
  await expect(presence).toHaveText(/Connected/);
  await expect(desk.getByText("Capacity 1/2")).toBeVisible();

  // The customer closes the tab: their stream drops, the representative sees them away at once, live.
  const comingBack = await context.storageState();
  await context.close();
  await expect(presence).toHaveText(/Away/);
  await screenshot(desk, testInfo, "workspace-customer-away");

  // After the queue's time-out the conversation ends as abandoned: capacity released, the representative told.
  const notice = desk.getByRole("status", { name: "The customer left" });
  await expect(notice).toContainText("Dana went away and did not come back within 3 s");
  await expect(desk.getByText("Capacity 0/2")).toBeVisible();
  const timeline = await api.timeline(conversationId);
  const closed = timeline.find((e) => e.type === "conversation.closed");
  expect(closed).toMatchObject({ actorType: "system", data: { cause: "customer_inactive" } });
  expect(closed?.data.reason).toContain("customer inactive");
  expect(timeline.map((e) => e.type)).toContain("customer.away");
  await expectAccessible(desk, "the workspace after the customer went away");
  await screenshot(desk, testInfo, "workspace-customer-abandoned");

  // The representative wraps up and closes; the conversation leaves the inbox.
  await desk.getByLabel("Wrap-up notes").fill("Customer left before we found the parcel.");
  await desk.getByRole("button", { name: "Close conversation" }).click();
  await expect(desk.getByRole("navigation", { name: "Inbox" }).getByRole("button", { name: /Dana/ })).toHaveCount(0);
  const wrapped = (await api.timeline(conversationId)).find((e) => e.type === "conversation.wrapped_up");
  expect(wrapped?.data).toMatchObject({ agentId: rep.id, notes: "Customer left before we found the parcel." });

  // A supervisor reads why on the timeline.
  const supervisor = await deskPage(browser);
  await signInAsStaff(supervisor, "supervisor");
  await supervisor.goto(`/supervisor/conversations/${conversationId}`);
  const supervisorTimeline = supervisor.getByRole("region", { name: "Timeline", exact: true });
  await expect(supervisorTimeline).toContainText("Customer went away");
  await expect(supervisorTimeline).toContainText("Customer inactive for 3 s");
  await expect(supervisorTimeline).toContainText("Customer left before we found the parcel.");
  await screenshot(supervisor, testInfo, "supervisor-abandoned-timeline");

  // The customer comes back to the same browser: told the chat ended because they were away, and can start again.
  const back = await (await browser.newContext({ ...phoneOptions, storageState: comingBack })).newPage();
  await back.goto(`/chat?queue=${queue.id}`);
  await expect(back.getByText("This chat was closed because we didn't hear from you for a while.")).toBeVisible();
  await expectAccessible(back, "the chat after it was closed for inactivity");
  await screenshot(back, testInfo, "chat-phone-closed-inactive");
  await back.getByRole("button", { name: "Start a new chat" }).click();
  await expect(back.getByRole("heading", { name: "How can we help?" })).toBeVisible();
  await expect(back.getByLabel("Your name")).toHaveValue("Dana");
});

test("[UI] a customer who leaves while the representative works: the note and the reply are kept, then wrap-up and close", async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const api = new Api(request);
  const tag = Math.random().toString(36).slice(2, 6);
  const queue = await api.queue({ name: `Claims ${tag}` });
  const other = await api.queue({ name: `Claims desk ${tag}` });
  const rep = await api.rep({ name: `Kim Alvarez ${tag}`, presence: "offline" });
  await api.join(queue.id, rep.id);
  const desk = await repAtDesk(browser, api, rep);
  const { phone, conversationId } = await customerChats(browser, queue.id, "Noor", rep.name);
  await openFromInbox(desk, "Noor");

  // The representative has a reply half-written and the transfer dialog open with a note.
  const reply = desk.getByRole("textbox", { name: "Reply to Noor" });
  await reply.fill("Let me check with the warehouse, one moment");
  await desk.getByRole("button", { name: "Transfer to queue" }).click();
  const dialog = desk.getByRole("dialog", { name: "Transfer to queue" });
  await dialog.getByRole("radio", { name: other.name }).click();
  await dialog.getByLabel(/^Note/).fill("Parcel 7731 lost in transit; customer wants a refund.");

  // The customer leaves, from their own page.
  await phone.getByRole("button", { name: "Leave chat" }).click();
  await phone.getByRole("dialog", { name: "Leave this chat?" }).getByRole("button", { name: "Leave chat" }).click();
  await expect(phone.getByText("This chat has ended. Thanks for getting in touch.")).toBeVisible();

  // The dialog stays, with the note, and says why it cannot transfer any more.
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("status", { name: "The customer left" })).toContainText("Noor left the chat");
  await expect(dialog.getByLabel(/^Note/)).toHaveValue("Parcel 7731 lost in transit; customer wants a refund.");
  await expect(dialog.getByRole("button", { name: "Transfer" })).toBeDisabled();
  await screenshot(desk, testInfo, "workspace-customer-left-transfer-dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // The pane says the customer left, keeps the reply, and offers wrap-up.
  await expect(desk.getByRole("status", { name: "The customer left" })).toContainText("Noor left the chat");
  await expect(reply).toHaveValue("Let me check with the warehouse, one moment");
  await expect(reply).toBeDisabled();
  await expect(desk.getByText("Capacity 0/1")).toBeVisible();
  await expectAccessible(desk, "the workspace after the customer left");
  await screenshot(desk, testInfo, "workspace-customer-left");
  await desk.getByLabel("Wrap-up notes").fill("Refund to be approved by claims.");
  await desk.getByRole("button", { name: "Close conversation" }).click();
  await expect(desk.getByRole("log", { name: "Conversation" })).toHaveCount(0);
  await expect(desk.getByText("No conversations right now.")).toBeVisible();
  const wrapped = (await api.timeline(conversationId)).find((e) => e.type === "conversation.wrapped_up");
  expect(wrapped?.data).toMatchObject({ agentId: rep.id, notes: "Refund to be approved by claims." });
});

test("[UI] a double-clicked transfer transfers once, confirms once, closes the pane, and asks nothing more of what is gone", async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const api = new Api(request);
  const tag = Math.random().toString(36).slice(2, 6);
  const queue = await api.queue({ name: `Sales ${tag}` });
  const feedback = await api.queue({ name: `Feedback ${tag}` });
  const aria = await api.ai({ name: `Aria ${tag}`, greeting: "Hi {customerName}, Aria here." });
  await api.join(feedback.id, aria.id);
  const rep = await api.rep({ name: `Lee Moreau ${tag}`, presence: "offline" });
  await api.join(queue.id, rep.id);
  const desk = await repAtDesk(browser, api, rep);
  const { conversationId } = await customerChats(browser, queue.id, "Omar", rep.name);
  await openFromInbox(desk, "Omar");

  // Every request the workspace makes about this conversation from here on, and every console error.
  const refused: string[] = [];
  const consoleErrors: string[] = [];
  desk.on("response", (response) => {
    if (response.url().includes(conversationId) && response.status() >= 400)
      refused.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  desk.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });

  await desk.getByRole("button", { name: "Transfer to AI agent" }).click();
  const dialog = desk.getByRole("dialog", { name: "Transfer to AI agent" });
  await dialog.getByRole("group", { name: feedback.name }).getByRole("radio", { name: aria.name }).click();
  await dialog.getByRole("button", { name: "Transfer" }).dblclick();

  await expect(dialog).toBeHidden();
  await expect(desk.getByRole("log", { name: "Conversation" })).toHaveCount(0);
  await expect(desk).toHaveURL(/\/workspace$/);
  await expect(desk.getByText(`Transferred to ${aria.name}`, { exact: true })).toHaveCount(1);
  await expect(desk.getByText("Capacity 0/1")).toBeVisible();
  await screenshot(desk, testInfo, "workspace-after-double-clicked-transfer");

  // Settle: a second customer arrives and is shown, so whatever the workspace was going to ask about the first has
  // been asked by now (its stream events arrived long before this one's).
  await customerChats(browser, queue.id, "Zoe", rep.name);
  await expect(desk.getByRole("navigation", { name: "Inbox" }).getByRole("button", { name: /Zoe/ })).toBeVisible();
  const transfers = (await api.timeline(conversationId)).filter((e) => e.type === "conversation.transferred");
  expect(transfers).toHaveLength(1);
  expect(refused).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test("[ADMIN] the queue's customer inactivity time-out is set in the queue form, 10 minutes unless changed; a bad one is refused beside it", async ({
  page,
}, testInfo) => {
  const name = `Returns desk ${Math.random().toString(36).slice(2, 6)}`;
  await signInAsStaff(page, "admin");
  await page.goto("/admin");
  await page.getByRole("button", { name: "New queue" }).click();
  const dialog = page.getByRole("dialog", { name: "New queue" });
  await dialog.getByLabel("Name").fill(name);
  const timeout = dialog.getByLabel("Customer inactivity time-out (seconds)");
  await expect(timeout).toHaveValue("600");
  await timeout.fill("0");
  await dialog.getByRole("button", { name: "Create queue" }).click();
  await expect(timeout).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "the queue form refusing a time-out");
  await screenshot(page, testInfo, "admin-queue-inactivity-refused");
  await timeout.fill("90");
  await dialog.getByRole("button", { name: "Create queue" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  const settings = page.getByRole("region", { name: "Settings" });
  await expect(settings).toContainText("Ends the chat after 1 min 30 s away");

  // Cleared: never.
  await page.getByRole("button", { name: "Edit queue" }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${name}` });
  await expect(edit.getByLabel("Customer inactivity time-out (seconds)")).toHaveValue("90");
  await edit.getByLabel("Customer inactivity time-out (seconds)").fill("");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(settings).toContainText("Off: a customer who goes away keeps the chat");
});
