import { beforeEach, describe, expect, it } from "vitest";
import { setPresence } from "@/lib/agents/set-presence";
import { closeConversation } from "@/lib/conversations/close-conversation";
import { endConversation } from "@/lib/conversations/end-conversation";
import { getConversation } from "@/lib/conversations/get-conversation";
import { postMessage } from "@/lib/conversations/post-message";
import { requestPerson } from "@/lib/conversations/request-person";
import { startConversation } from "@/lib/conversations/start-conversation";
import { toCustomerEvents } from "@/lib/conversations/to-customer-view";
import { transferConversation } from "@/lib/conversations/transfer-conversation";
import { getDb } from "@/lib/db/client";
import { updateQueue } from "@/lib/queues/save-queue";
import { buildAiAgent, buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { getTimeline } from "@/lib/timeline/get-timeline";
import { agentActor, customerActor } from "@/lib/timeline/types";
import { settleBotDeliveries } from "./dispatch";

/**
 * Requests for a person, through the engine with built-in AI agents (they answer in-process, before the call
 * returns): they win over a survey, and they never end in a queue where no person could ever take the conversation.
 */
const survey = [
  { id: "satisfaction", question: "On a scale of 1 to 5, how satisfied are you with the help you received?" },
  { id: "comment", question: "Anything we could do better?" },
];
const customer = (conversationId: string) => ({ conversationId, actor: customerActor });
const say = (conversationId: string, text: string) => postMessage({ ...customer(conversationId), text });

beforeEach(resetDatabase);

/** Sales (an AI agent, then a representative) hands back to Feedback, where an AI agent runs the survey. */
async function handedBackForASurvey(options: { escalationQueueOfTheSurveyAgent?: "sales" } = {}) {
  const sales = await buildQueue({ name: "Sales" });
  const feedback = await buildQueue({ name: "Feedback" });
  await buildAiAgent({ name: "Aria", capacity: 10, escalationQueueId: sales.id, queues: [sales.id] });
  const riley = await buildRep({ name: "Riley", capacity: 5, queues: [sales.id] });
  const quinn = await buildAiAgent({
    name: "Quinn",
    surveyQuestions: survey,
    queues: [feedback.id],
    escalationQueueId: options.escalationQueueOfTheSurveyAgent === "sales" ? sales.id : undefined,
  });
  const { conversation } = await startConversation({ customer: { name: "Dana" }, queueId: sales.id });
  await say(conversation.id, "Can I talk to a person?");
  expect(await getConversation(conversation.id)).toMatchObject({ status: "active", assigneeId: riley.id });
  await transferConversation({
    conversationId: conversation.id,
    actor: agentActor(riley.id),
    target: { queueId: feedback.id },
  });
  expect(await getConversation(conversation.id)).toMatchObject({ status: "active", assigneeId: quinn.id });
  return { id: conversation.id, sales, feedback, riley, quinn };
}

const surveyState = async (id: string) =>
  ((await getDb().conversation.findUniqueOrThrow({ where: { id } })).context as { survey?: unknown }).survey;

describe("[ESCALATION] a request for a person wins over a survey", () => {
  it("the chat's button mid-survey reaches a representative, and is not stored as the 1–5 answer", async () => {
    const { id, riley } = await handedBackForASurvey({ escalationQueueOfTheSurveyAgent: "sales" });
    await requestPerson(customer(id));
    expect(await getConversation(id)).toMatchObject({ status: "active", assigneeId: riley.id });
    expect(await surveyState(id)).toEqual({ answers: {}, next: 0, done: false });
  });

  it("words that ask for a person mid-survey reach a representative too", async () => {
    const { id, riley } = await handedBackForASurvey({ escalationQueueOfTheSurveyAgent: "sales" });
    await say(id, "Talk to a person");
    expect(await getConversation(id)).toMatchObject({ status: "active", assigneeId: riley.id });
    expect(await surveyState(id)).toEqual({ answers: {}, next: 0, done: false });
  });

  it("a real answer is still an answer, and the 1–5 question offers buttons to the customer", async () => {
    const { id, quinn } = await handedBackForASurvey();
    const events = toCustomerEvents(await getTimeline(id));
    const question = events.findLast((e) => e.type === "message" && e.message.text.includes("scale of 1 to 5"));
    expect(question?.type === "message" && question.message.choices?.map((c) => c.value)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
    ]);
    await say(id, "4");
    expect(await getConversation(id)).toMatchObject({ status: "active", assigneeId: quinn.id });
    expect(await surveyState(id)).toEqual({ answers: { satisfaction: "4" }, next: 1, done: false });
  });
});

describe("[ESCALATION] never into a queue where no person could ever take it", () => {
  it("an AI agent without an escalation queue, in a queue without representatives, falls back to the default queue", async () => {
    const { id, feedback } = await handedBackForASurvey();
    const support = await buildQueue({ name: "Support", isDefault: true });
    const kim = await buildRep({ name: "Kim", queues: [support.id] });
    await requestPerson(customer(id));

    expect(await getConversation(id)).toMatchObject({ status: "active", assigneeId: kim.id, queueId: support.id });
    const routed = (await getTimeline(id)).findLast((e) => e.type === "conversation.routed");
    expect(routed?.data.reason).toBe(
      "escalation: no representative could ever take it in Feedback, so it went to Support",
    );
    expect(feedback.id).not.toBe(support.id);
  });

  it("a queue whose overflow leads to a representative is not a dead end: it overflows as configured", async () => {
    const { id, feedback } = await handedBackForASurvey();
    const backOffice = await buildQueue({ name: "Back office" });
    const sam = await buildRep({ name: "Sam", queues: [backOffice.id] });
    await updateQueue(feedback.id, { overflowAction: "transfer", overflowQueueId: backOffice.id });
    await requestPerson(customer(id));
    expect(await getConversation(id)).toMatchObject({ status: "active", assigneeId: sam.id, queueId: backOffice.id });
    expect((await getTimeline(id)).some((e) => e.type === "conversation.overflowed")).toBe(true);
  });

  it("where no queue leads to a person, it waits with no promise: the estimate is unknown", async () => {
    const { id, feedback, quinn } = await handedBackForASurvey();
    // History that would give an estimate: a conversation that waited in Feedback until Quinn came back.
    await setPresence(quinn.id, "offline");
    const { conversation: earlier } = await startConversation({ customer: { name: "Eli" }, queueId: feedback.id });
    await setPresence(quinn.id, "available");
    expect(await getConversation(earlier.id)).toMatchObject({ status: "active", assigneeId: quinn.id });

    await requestPerson(customer(id));
    const waiting = await getConversation(id);
    expect(waiting).toMatchObject({ status: "open", queueId: feedback.id });
    expect(waiting.waiting).toEqual({ position: 1, estimatedWaitSeconds: null });
  });
});

describe("[ESCALATION] a request for a person never lands on another AI agent", () => {
  it("escalated into a queue where an AI agent has room and the representative has none, it waits for the person", async () => {
    const sales = await buildQueue({ name: "Sales" });
    await buildAiAgent({ name: "Aria", capacity: 10, escalationQueueId: sales.id, queues: [sales.id] });
    const riley = await buildRep({ name: "Riley", capacity: 1, queues: [sales.id] });
    const ava = await buildAiAgent({ name: "Ava", capacity: 1, queues: [sales.id] });
    const { conversation: first } = await startConversation({ customer: { name: "Dana" }, queueId: sales.id });
    await say(first.id, "Can I talk to a person?");
    expect(await getConversation(first.id)).toMatchObject({ status: "active", assigneeId: riley.id });

    // Riley is full; Ava (an AI agent that never had the second chat) has room, and must not be offered it.
    const { conversation: second } = await startConversation({ customer: { name: "Eli" }, queueId: sales.id });
    await requestPerson(customer(second.id));
    await settleBotDeliveries(); // Aria's greeting may still be on its way: the request waits behind it, in order
    const waiting = await getConversation(second.id);
    expect(waiting).toMatchObject({ status: "open", queueId: sales.id });
    expect(waiting.waiting?.estimatedWaitSeconds ?? null).toBeNull(); // the only person is full: no promise
    const queued = (await getTimeline(second.id)).findLast((e) => e.type === "conversation.queued");
    expect(queued?.data.excluded).toEqual(
      expect.arrayContaining([expect.objectContaining({ agentId: ava.id, reason: "person_requested" })]),
    );

    // Riley frees up: the person takes it.
    await endConversation({ conversationId: first.id, actor: agentActor(riley.id) });
    await closeConversation({ conversationId: first.id, actor: agentActor(riley.id) });
    expect(await getConversation(second.id)).toMatchObject({ status: "active", assigneeId: riley.id });
  });
});

describe("[ESCALATION] the wait estimate is unknown when nobody can take the conversation now", () => {
  it("an estimate from history while a representative is busy, none when every one is offline", async () => {
    const queue = await buildQueue({ name: "Billing" });
    const rep = await buildRep({ name: "Lee", capacity: 1, queues: [queue.id] });
    // History: one conversation waited, then was taken.
    const { conversation: first } = await startConversation({ customer: { name: "A" }, queueId: queue.id });
    const { conversation: second } = await startConversation({ customer: { name: "B" }, queueId: queue.id });
    expect((await getConversation(second.id)).status).toBe("open");
    await endConversation({ conversationId: first.id, actor: agentActor(rep.id) });
    await closeConversation({ conversationId: first.id, actor: agentActor(rep.id) });
    expect(await getConversation(second.id)).toMatchObject({ status: "active", assigneeId: rep.id });

    const { conversation: third } = await startConversation({ customer: { name: "C" }, queueId: queue.id });
    expect((await getConversation(third.id)).waiting?.estimatedWaitSeconds).toEqual(expect.any(Number));

    await setPresence(rep.id, "offline");
    expect((await getConversation(third.id)).waiting).toEqual({ position: 1, estimatedWaitSeconds: null });
  });
});
