import { expect, type Locator, type Page, test } from "@playwright/test";
import { Api } from "../support/api";
import { signInAsRepresentative, signInAsStaff } from "../support/sign-in";
import { deskPage, phonePage, screenshot } from "../support/ui";

/**
 * Both flows of the reference document, through the real UI only, with three
 * people at once: the customer chatting, the representative working, the
 * supervisor watching the timeline live. (Queues and agents are configured
 * through the API first, as an admin would have done.)
 */
type Flow = "two queues" | "one queue";

async function chatAs(phone: Page, customer: string, queueId: string) {
  await phone.goto(`/chat?queue=${queueId}`);
  await phone.getByLabel("Your name").fill(customer);
  await phone.getByLabel("What is it about?").fill("Late delivery");
  await phone.getByRole("button", { name: "Start chat" }).click();
  return phone.getByRole("log", { name: "Conversation" });
}

async function becomeAvailable(desk: Page) {
  await desk.goto("/workspace");
  await desk.getByRole("combobox", { name: "Presence" }).click();
  await desk.getByRole("option", { name: /^Available/ }).click();
  await expect(desk.getByRole("combobox", { name: "Presence" })).toHaveText(/Available/);
}

/** The types of the supervisor's timeline entries, in the order shown. */
const shownTypes = (timeline: Locator) =>
  timeline.locator("li[data-type]").evaluateAll((items) => items.map((item) => item.getAttribute("data-type")));

for (const flow of ["two queues", "one queue"] as Flow[]) {
  test(`[UI FLOW] two AI agents in ${flow}: customer, representative and supervisor at once`, async ({
    browser,
    request,
  }, testInfo) => {
    test.setTimeout(120_000);
    const api = new Api(request);
    const tag = Math.random().toString(36).slice(2, 6);
    const queue1 = await api.queue({ name: `Deliveries ${tag}` });
    const queue2 = flow === "two queues" ? await api.queue({ name: `Follow-up ${tag}` }) : queue1;
    const agentA = await api.ai({
      name: `Agent A ${tag}`,
      capacity: 10,
      escalationQueueId: queue1.id,
      greeting: "Hi {customerName}, I'm Agent A.",
    });
    const rep = await api.rep({ name: `Riley ${tag}`, capacity: 5, presence: "offline" });
    const agentB = await api.ai({
      name: `Agent B ${tag}`,
      capacity: 1,
      greeting: "Welcome back {customerName}, Agent B here.",
    });
    await api.join(queue1.id, agentA.id);
    await api.join(queue1.id, rep.id);
    await api.join(queue2.id, agentB.id);
    const customer = `Dana ${tag}`;

    // Three people: the supervisor watching, the representative at work, the customer on a phone.
    const supervisor = await deskPage(browser);
    await signInAsStaff(supervisor, "supervisor");
    await supervisor.goto("/supervisor");
    const desk = await deskPage(browser);
    await signInAsRepresentative(desk, api, rep);
    await becomeAvailable(desk);
    const phone = await phonePage(browser);

    // 1–3. The customer starts a chat; it is routed to the queue; Agent A accepts and greets.
    const chat = await chatAs(phone, customer, queue1.id);
    await expect(chat).toContainText(`Hi ${customer}, I'm Agent A.`);

    // The supervisor sees the conversation appear and opens its timeline.
    const row = supervisor.getByTestId("conversation-table").getByRole("row", { name: new RegExp(customer) });
    await expect(row).toContainText(agentA.name);
    await row.getByRole("link", { name: customer }).click();
    const timeline = supervisor.getByTestId("timeline");
    await expect(timeline.locator("li[data-type='agent.assigned']").first()).toContainText(
      `${agentA.name} chosen by highest capacity`,
    );

    // 4–5. The customer asks for a person; the representative receives it live.
    await phone.getByRole("button", { name: "Talk to a person" }).click();
    const item = desk.getByRole("navigation", { name: "Inbox" }).getByRole("button", { name: new RegExp(customer) });
    await expect(item).toBeVisible();
    await item.click();

    // 6. They chat.
    const reply = desk.getByRole("textbox", { name: `Reply to ${customer}` });
    await reply.fill("Found it — your parcel is on its way.");
    await reply.press("Enter");
    await expect(chat).toContainText("Found it — your parcel is on its way.");

    // 7–8. The representative hands back and is disconnected.
    if (flow === "two queues") {
      await desk.getByRole("button", { name: "Transfer to AI agent" }).click();
      const dialog = desk.getByRole("dialog", { name: "Transfer to AI agent" });
      await dialog.getByRole("group", { name: queue2.name }).getByRole("radio", { name: agentB.name }).click();
      await dialog.getByLabel("Note for the AI agent").fill("Parcel re-sent; check they are happy.");
      await dialog.getByRole("button", { name: "Transfer" }).click();
    } else {
      await desk.getByRole("button", { name: "Transfer to queue" }).click();
      const dialog = desk.getByRole("dialog", { name: "Transfer to queue" });
      await dialog.getByRole("radio", { name: new RegExp(queue1.name) }).click();
      await dialog.getByRole("button", { name: "Transfer" }).click();
    }
    await expect(item).toHaveCount(0);

    // 9–11. Agent B gets it and greets the customer, who now chats with Agent B.
    await expect(chat).toContainText(`Welcome back ${customer}, Agent B here.`);
    await expect(phone.locator("header").first()).toContainText(agentB.name);
    await screenshot(phone, testInfo, `flow-${flow.replace(" ", "-")}-customer`);

    // The supervisor's timeline, updated live: hand-back, then "agent added", set context, greeting — explained.
    const handBack = timeline.locator("li[data-type='conversation.transferred']").last();
    await expect(handBack).toContainText(rep.name);
    const toB = timeline.locator("li[data-type='agent.assigned']").last();
    await expect(toB).toContainText(agentB.name);
    if (flow === "one queue") {
      await expect(toB).toContainText(`${agentB.name} chosen by highest capacity`);
      await expect(toB).toContainText("an AI agent that already handled this conversation");
      await expect(toB).toContainText("transferred this conversation here");
    }
    await expect(timeline.locator("li[data-type='message.sent']").last()).toContainText("Agent B here");
    const types = await shownTypes(timeline);
    const afterHandBack = types.slice(types.lastIndexOf("conversation.transferred"));
    expect(afterHandBack.filter((t) => t !== "conversation.routed")).toEqual([
      "conversation.transferred",
      "agent.assigned",
      "agent.added",
      "context.set",
      "message.sent",
    ]);
    expect(types.indexOf("agent.removed")).toBeGreaterThan(-1);
    await screenshot(supervisor, testInfo, `flow-${flow.replace(" ", "-")}-supervisor`);
  });
}
