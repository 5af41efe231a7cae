import { expect, test } from "@playwright/test";
import { Api } from "../support/api";
import { expectAccessible, noHorizontalScroll, phonePage, screenshot } from "../support/ui";

/**
 * Escalations that always work (issue 10), as the customer on a phone sees them: a survey's 1–5 buttons, "Talk to a
 * person" in the middle of that survey reaching a representative, and a wait nobody can promise shown as unknown.
 */
const tagged = () => Math.random().toString(36).slice(2, 6);

test("[UI] mid-survey, the 1–5 buttons answer and 'Talk to a person' reaches a representative", async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(90_000);
  const api = new Api(request);
  const tag = tagged();
  const sales = await api.queue({ name: `Sales ${tag}` });
  const feedback = await api.queue({ name: `Feedback ${tag}` });
  const rep = await api.rep({ name: `Riley ${tag}`, capacity: 3 });
  await api.join(sales.id, rep.id);
  const quinn = await api.ai({
    name: `Quinn ${tag}`,
    greeting: "Hi {customerName}, I'm Quinn.",
    escalationQueueId: sales.id,
    surveyQuestions: [
      { id: "satisfaction", question: "On a scale of 1 to 5, how satisfied are you with the help you received?" },
      { id: "speed", question: "And how quick was it, 1 to 5?" },
      { id: "comment", question: "Anything we could do better?" },
    ],
  });
  await api.join(feedback.id, quinn.id);

  const phone = await phonePage(browser);
  await phone.goto(`/chat?queue=${sales.id}`);
  await phone.getByLabel("Your name").fill("Dana");
  await phone.getByRole("button", { name: "Start chat" }).click();
  const header = phone.locator("header").first();
  await expect(header).toContainText(rep.name);
  const conversationId = JSON.parse(
    (await phone.evaluate(() => localStorage.getItem("switchboard.chat"))) ?? "{}",
  ).conversationId;
  // Riley hands the customer to Quinn for the survey.
  await api.ok("POST", `/api/conversations/${conversationId}/transfer`, { toAgentId: quinn.id, byAgentId: rep.id });
  const log = phone.getByRole("log", { name: "Conversation" });
  await expect(log).toContainText("On a scale of 1 to 5");
  const answers = phone.getByRole("group", { name: "Suggested answers" });
  await expect(answers.getByRole("button")).toHaveText(["1", "2", "3", "4", "5"]);
  await noHorizontalScroll(phone);
  await expectAccessible(phone, "a survey question with its buttons");
  await screenshot(phone, testInfo, "chat-phone-survey-buttons");

  // One tap answers; the next question comes with its own buttons; typing still works for the last one.
  await answers.getByRole("button", { name: "4" }).click();
  await expect(log).toContainText("And how quick was it, 1 to 5?");
  const context = async () => (await api.conversation(conversationId)).context.survey;
  await expect.poll(context).toMatchObject({ answers: { satisfaction: "4" }, next: 1 });

  // Mid-survey, "Talk to a person" reaches Riley, and is not taken as the answer.
  await phone.getByRole("button", { name: "Talk to a person" }).click();
  await expect(header).toContainText(rep.name);
  await expect(header).toContainText("Person");
  await expect(answers).toHaveCount(0);
  await expect.poll(context).toMatchObject({ answers: { satisfaction: "4" }, next: 1, done: false });
  await screenshot(phone, testInfo, "chat-phone-survey-escalated");
});

test("[UI] a customer nobody can take now is told their place, and that the wait is unknown", async ({
  browser,
  request,
}, testInfo) => {
  const api = new Api(request);
  const queue = await api.queue({ name: `Billing ${tagged()}` });
  const rep = await api.rep({ capacity: 1, presence: "offline" });
  await api.join(queue.id, rep.id);
  // History that would otherwise give an estimate: a conversation that waited, then was taken.
  const earlier = await api.start({ queueId: queue.id });
  await api.ok("PUT", `/api/agents/${rep.id}/presence`, { presence: "available" });
  expect((await api.conversation(earlier.conversation.id)).assignee?.id).toBe(rep.id);
  await api.ok("PUT", `/api/agents/${rep.id}/presence`, { presence: "offline" });

  const phone = await phonePage(browser);
  await phone.goto(`/chat?queue=${queue.id}`);
  await phone.getByLabel("Your name").fill("Priya");
  await phone.getByRole("button", { name: "Start chat" }).click();
  const header = phone.locator("header").first();
  await expect(header).toContainText("You're 1st in line · wait time unknown");
  await expect(header).not.toContainText("less than a minute");
  await screenshot(phone, testInfo, "chat-phone-wait-unknown");
});
