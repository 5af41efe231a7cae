import { expect, type Page, test } from "@playwright/test";
import { Api } from "../support/api";
import { signInAsRepresentative, signInAsStaff } from "../support/sign-in";
import { deskPage, expectAccessible, noHorizontalScroll, screenshot } from "../support/ui";

/**
 * The reference document's first flow, driven through the two consoles at
 * once: a customer on a phone in /chat and a representative at a desk in
 * /workspace, each seeing the other's actions live.
 */
test("[UI] customer escalates to a representative, who hands them to Agent B — live on both screens", async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(120_000); // two browsers, six accessibility scans; slow when the machine is shared
  const api = new Api(request);
  const tag = Math.random().toString(36).slice(2, 6);
  const orders = await api.queue({ name: `Orders ${tag}` });
  const feedback = await api.queue({ name: `Feedback ${tag}` });
  const agentA = await api.ai({
    name: "Agent A",
    capacity: 10,
    escalationQueueId: orders.id,
    greeting: "Hi {customerName}, I'm Agent A. How can I help today?",
    faq: [{ keywords: ["order"], answer: "Orders usually arrive within 3–5 working days." }],
  });
  const agentB = await api.ai({
    name: "Agent B",
    greeting: "Welcome back {customerName}, I'm Agent B.",
    surveyQuestions: [{ id: "rating", question: "How would you rate the help you got, 1 to 5?" }],
  });
  const riley = await api.rep({ name: `Riley Chen ${tag}`, capacity: 2, presence: "offline" });
  const sam = await api.rep({ name: `Sam Ortiz ${tag}`, presence: "offline" });
  await api.join(orders.id, agentA.id);
  await api.join(orders.id, riley.id);
  await api.join(orders.id, sam.id);
  await api.join(feedback.id, agentB.id);

  // The representative signs in, opens the workspace (it knows who they are) and becomes available.
  const desk = await deskPage(browser);
  await signInAsRepresentative(desk, api, riley);
  await desk.goto("/workspace");
  await expect(desk.getByRole("combobox", { name: "Representative" })).toHaveCount(0);
  await expect(desk.getByText(riley.name)).toBeVisible();
  await desk.getByRole("combobox", { name: "Presence" }).click();
  await desk.getByRole("option", { name: /^Available/ }).click();
  await expect(desk.getByRole("combobox", { name: "Presence" })).toHaveText(/Available/);
  await expect.poll(async () => (await api.ok("GET", `/api/agents/${riley.id}`)).presence).toBe("available");
  await expect(desk.getByText("No conversations right now.")).toBeVisible();

  // The customer, on a phone, starts a chat; Agent A (an AI agent) greets them.
  const phone = await (
    await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  ).newPage();
  await phone.goto(`/chat?queue=${orders.id}`);
  await phone.getByLabel("Your name").fill("Dana");
  await phone.getByLabel("What is it about?").fill("Missing order");
  await phone.getByRole("button", { name: "Start chat" }).click();
  const chatLog = phone.getByRole("log", { name: "Conversation" });
  await expect(chatLog).toContainText("Hi Dana, I'm Agent A. How can I help today?");
  const chatHeader = phone.locator("header").first();
  await expect(chatHeader).toContainText("Agent A");
  await expect(chatHeader).toContainText("AI agent");

  const composer = phone.getByRole("textbox", { name: "Message" });
  await composer.fill("Where is my order? It's been two weeks.");
  await composer.press("Enter");
  await expect(chatLog).toContainText("Orders usually arrive within 3–5 working days.");
  await expect(composer).toHaveValue("");
  await noHorizontalScroll(phone);
  await expectAccessible(phone, "the chat with an AI agent");
  await screenshot(phone, testInfo, "chat-phone-ai-agent");

  // "Talk to a person": Agent A escalates, and the representative takes over.
  await phone.getByRole("button", { name: "Talk to a person" }).click();
  await expect(chatLog).toContainText("connecting you to a person");
  await expect(chatHeader).toContainText(riley.name);
  await expect(chatHeader).toContainText("Person");

  // The conversation appears in the representative's inbox without a reload, flagged as new.
  const inbox = desk.getByRole("navigation", { name: "Inbox" });
  const item = inbox.getByRole("button", { name: /Dana/ });
  await expect(item).toBeVisible();
  await expect(item).toContainText("New");
  await expect(inbox.getByText("New conversation from Dana about Missing order.")).toBeAttached();
  await screenshot(desk, testInfo, "workspace-new-conversation");
  await item.click();
  await expect(item).toHaveAttribute("aria-current", "true");

  // They read Agent A's part of the transcript and the hand-off summary.
  const deskLog = desk.getByRole("log", { name: "Conversation" });
  await expect(deskLog).toContainText("Hi Dana, I'm Agent A. How can I help today?");
  await expect(deskLog).toContainText("Where is my order? It's been two weeks.");
  const details = desk.getByRole("complementary", { name: "Conversation details" });
  await expect(details).toContainText("Escalated by the AI agent");
  await expect(details).toContainText("I'd like to talk to a person");
  await expect(details).toContainText("Missing order");

  // They reply; the customer sees it.
  const reply = desk.getByRole("textbox", { name: "Reply to Dana" });
  await reply.fill("Hi Dana, I'm Riley. I've re-sent your order: it arrives tomorrow.");
  await reply.press("Enter");
  await expect(chatLog).toContainText("I've re-sent your order: it arrives tomorrow.");
  await expect(deskLog).toContainText("I've re-sent your order: it arrives tomorrow.");

  // The open conversation is in the address: a reload (or a bookmark) keeps it open.
  await expect(desk).toHaveURL(/\/workspace\?conversation=/);
  await desk.reload();
  await expect(deskLog).toContainText("I've re-sent your order: it arrives tomorrow.");
  await expect(item).toHaveAttribute("aria-current", "true");
  await expectAccessible(desk, "the workspace conversation");
  await screenshot(desk, testInfo, "workspace-conversation");

  // A transfer the server refuses is explained in place, and changes nothing.
  await desk.getByRole("button", { name: "Transfer to representative" }).click();
  const repDialog = desk.getByRole("dialog", { name: "Transfer to representative" });
  await repDialog.getByRole("radio", { name: sam.name }).click();
  await repDialog.getByRole("button", { name: "Transfer" }).click();
  await expect(repDialog.getByRole("alert")).toContainText(
    `${sam.name} cannot take the conversation: presence is offline`,
  );
  await screenshot(desk, testInfo, "workspace-transfer-refused");
  await repDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(item).toBeVisible();
  await expect(item).not.toContainText("New"); // put back, not newly arrived

  // "Transfer to AI agent": Agent B, in the Feedback queue, with a note.
  await desk.getByRole("button", { name: "Transfer to AI agent" }).click();
  const aiDialog = desk.getByRole("dialog", { name: "Transfer to AI agent" });
  await expect(
    aiDialog.getByRole("group", { name: orders.name }).getByRole("radio", { name: "Agent A" }),
  ).toBeVisible();
  await aiDialog.getByRole("group", { name: feedback.name }).getByRole("radio", { name: "Agent B" }).click();
  await aiDialog.getByLabel("Note for the AI agent").fill("Order re-sent; please run the satisfaction survey.");
  await expectAccessible(desk, "the Transfer to AI agent dialog");
  await screenshot(desk, testInfo, "workspace-transfer-to-ai-agent");
  await aiDialog.getByRole("button", { name: "Transfer" }).click();

  // The conversation leaves the representative's workspace at once…
  await expect(aiDialog).toBeHidden();
  await expect(inbox.getByRole("button", { name: /Dana/ })).toHaveCount(0);
  await expect(desk).toHaveURL(/\/workspace$/);
  await expect(desk.getByRole("log", { name: "Conversation" })).toHaveCount(0);
  await expect(desk.getByText("Transferred to Agent B", { exact: true }).first()).toBeVisible();
  await expect(desk.getByText("Capacity 0/2")).toBeVisible(); // the representative's capacity is released
  await screenshot(desk, testInfo, "workspace-after-transfer");

  // …and Agent B greets the customer, who now talks to an AI agent again.
  await expect(chatLog).toContainText("Welcome back Dana, I'm Agent B.");
  await expect(chatLog).toContainText("How would you rate the help you got, 1 to 5?");
  await expect(chatHeader).toContainText("Agent B");
  await expect(chatHeader).toContainText("AI agent");
  await noHorizontalScroll(phone);
  await screenshot(phone, testInfo, "chat-phone-agent-b");

  // The note reached Agent B in its set-context event.
  const { id } = await api.conversation(await conversationIdOf(phone));
  const timeline = await api.timeline(id);
  const contextSet = timeline.filter((e) => e.type === "context.set").at(-1);
  expect(contextSet?.data).toMatchObject({
    agentId: agentB.id,
    context: { handoff: { fromAgentId: riley.id, note: "Order re-sent; please run the satisfaction survey." } },
  });

  // The chat survives a reload, and reads well on a desktop screen too.
  await phone.reload();
  await expect(chatLog).toContainText("Welcome back Dana, I'm Agent B.");
  await phone.setViewportSize({ width: 1280, height: 800 });
  await phone.getByRole("textbox", { name: "Message" }).fill("5");
  await phone.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect(chatLog).toContainText("Thank you for your answers!");
  await screenshot(phone, testInfo, "chat-desktop");
});

test("[UI] a waiting customer sees their place in line live; the representative ends, wraps up and closes", async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(120_000); // two browsers, six accessibility scans; slow when the machine is shared
  const api = new Api(request);
  const tag = Math.random().toString(36).slice(2, 6);
  const billing = await api.queue({ name: `Billing ${tag}`, wrapUpSeconds: 600 });
  const jordan = await api.rep({ name: `Jordan Lee ${tag}`, presence: "offline" });
  await api.join(billing.id, jordan.id);
  const ahead = await api.start({ queueId: billing.id, customer: { name: "Alex" } });

  // Nobody is available: the customer waits, second in line.
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
  await phone.goto(`/chat?queue=${billing.id}&topic=Refund`);
  await expect(phone.getByLabel("What is it about?")).toHaveValue("Refund");
  await phone.getByLabel("Your name").fill("Priya");
  await phone.getByRole("button", { name: "Start chat" }).click();
  const chatHeader = phone.locator("header").first();
  await expect(chatHeader).toContainText("Waiting for an agent");
  await expect(chatHeader).toContainText("You're 2nd in line");
  await expectAccessible(phone, "the waiting chat");
  await screenshot(phone, testInfo, "chat-phone-waiting");

  // The customer ahead leaves: the place in line updates without a reload.
  await api.ok(
    "POST",
    `/api/conversations/${ahead.conversation.id}/close`,
    {},
    { authorization: `Bearer ${ahead.customerToken}` },
  );
  await expect(chatHeader).toContainText("You're 1st in line");
  const composer = phone.getByRole("textbox", { name: "Message" });
  await composer.fill("I was charged twice.");
  await composer.press("Enter");

  // A supervisor, acting for the representative, makes them available in the workspace; they get the conversation.
  const desk = await deskPage(browser);
  await signInAsStaff(desk, "supervisor");
  await desk.goto("/workspace");
  await desk.getByRole("combobox", { name: "Representative" }).click();
  await desk.getByRole("option", { name: jordan.name }).click();
  await desk.getByRole("combobox", { name: "Presence" }).click();
  await desk.getByRole("option", { name: /^Available/ }).click();
  const item = desk.getByRole("navigation", { name: "Inbox" }).getByRole("button", { name: /Priya/ });
  await expect(item).toContainText("New");
  await expect(chatHeader).toContainText(jordan.name);
  await expect(chatHeader).toContainText("Person");
  await item.click();
  await expect(desk.getByRole("log", { name: "Conversation" })).toContainText("I was charged twice.");

  // End → wrap-up notes → Close.
  await desk.getByRole("button", { name: "End", exact: true }).click();
  const endDialog = desk.getByRole("dialog", { name: "End the conversation with Priya?" });
  await endDialog.getByRole("button", { name: "End conversation" }).click();
  await expect(endDialog).toBeHidden();
  await expect(desk.getByRole("heading", { name: /Priya/ })).toContainText("Wrap-up");
  await expect(phone.getByText("This chat has ended. Thanks for getting in touch.")).toBeVisible();
  await expect(phone.getByRole("log", { name: "Conversation" })).toContainText(`${jordan.name} ended the chat`);
  await desk.getByLabel("Wrap-up notes").fill("Refunded the duplicate charge.");
  await expectAccessible(desk, "wrap-up");
  await screenshot(desk, testInfo, "workspace-wrap-up");
  await desk.getByRole("button", { name: "Close conversation" }).click();
  await expect(desk.getByRole("navigation", { name: "Inbox" }).getByRole("button", { name: /Priya/ })).toHaveCount(0);
  await expect(desk.getByText("Capacity 0/1")).toBeVisible();
  const closed = await api.conversation(await conversationIdOf(phone));
  expect(closed.status).toBe("closed");

  // The customer can start over.
  await screenshot(phone, testInfo, "chat-phone-ended");
  await phone.getByRole("button", { name: "Start a new chat" }).click();
  await expect(phone.getByRole("heading", { name: "How can we help?" })).toBeVisible();
});

test("[UI] the chat's start form on a phone", async ({ browser }, testInfo) => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
  await page.goto("/chat");
  await page.getByRole("button", { name: "Start chat" }).click();
  await expect(page.getByText("Please tell us your name.")).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Your name")).toBeFocused();
  await noHorizontalScroll(page);
  await expectAccessible(page, "the chat's start form");
  await screenshot(page, testInfo, "chat-phone-start-form");
});

async function conversationIdOf(page: Page): Promise<string> {
  const stored = await page.evaluate(() => window.localStorage.getItem("switchboard.chat"));
  return JSON.parse(stored ?? "{}").conversationId;
}
