import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ModelServer, type ScriptedReply } from "@/e2e/support/model-server";
import { postMessage } from "@/lib/conversations/post-message";
import { startConversation } from "@/lib/conversations/start-conversation";
import { getDb } from "@/lib/db/client";
import { getBus } from "@/lib/events/bus";
import { buildLlmAgent, buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { getTimeline } from "@/lib/timeline/get-timeline";
import { customerActor } from "@/lib/timeline/types";
import { settleBotDeliveries } from "../dispatch";
import { type DraftFrame, draftTopic } from "./draft";

/**
 * Failure is never silence: each fault is caused for real on a real local HTTP server — it hangs, stops half-way
 * through a stream, refuses the key, fails, sends tool calls that cannot be read, or is not there at all — and each
 * time the conversation is escalated to the agent's escalation queue with a note saying why, and everything the
 * customer wrote is still in the transcript.
 */
let model: ModelServer;
beforeEach(async () => {
  await resetDatabase();
  model = await ModelServer.start();
});
afterEach(async () => {
  await settleBotDeliveries();
  await model.stop().catch(() => undefined);
});

const notice = "Sorry for the wait — I'm connecting you to a person who can help.";

async function scene(fields: Partial<Parameters<typeof buildLlmAgent>[0]> = {}) {
  const entry = await buildQueue({ name: "Support" });
  const people = await buildQueue({ name: "People" });
  const rep = await buildRep({ name: "Riley", capacity: 3, queues: [people.id] });
  const agent = await buildLlmAgent({
    name: "Ava",
    baseUrl: `${model.url}/v1`,
    escalationQueueId: people.id,
    queues: [entry.id],
    replyTimeoutMs: 2000,
    ...fields,
  });
  return { entry, people, rep, agent };
}

async function startAndSay(queueId: string, ...texts: string[]) {
  const { conversation } = await startConversation({ customer: { name: "Robin" }, queueId });
  await settleBotDeliveries();
  for (const text of texts) {
    await postMessage({ conversationId: conversation.id, actor: customerActor, text });
    await settleBotDeliveries();
  }
  return conversation.id;
}

async function expectEscalatedFor(conversationId: string, repId: string, why: RegExp, customerSaid: string[]) {
  const conversation = await getDb().conversation.findUniqueOrThrow({ where: { id: conversationId } });
  expect(conversation).toMatchObject({ status: "active", assigneeId: repId });
  expect(conversation.handoff).toMatchObject({ reason: "agent_failed", fromAgentName: "Ava" });
  expect((conversation.handoff as { summary: string }).summary).toMatch(why);
  const transferred = (await getTimeline(conversationId)).find((e) => e.type === "conversation.transferred");
  expect(transferred?.data).toMatchObject({ reason: "agent_failed", summary: expect.stringMatching(why) });
  const messages = await getDb().message.findMany({
    where: { conversationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  expect(messages.filter((m) => m.authorType === "customer").map((m) => m.text)).toEqual(customerSaid);
  expect(messages.at(-1)).toMatchObject({ authorType: "system", text: notice });
}

const greeting: ScriptedReply = { text: "Hi! How can I help?" };

describe("[LLM] failure is never silence", () => {
  it.each<[string, ScriptedReply, RegExp]>([
    ["the server hangs (no answer within the reply timeout)", { hang: true }, /Ava did not answer within 2000 ms/],
    [
      "the stream stops half-way",
      { text: "Let me look that up for you right now", stallAfterChunks: 2 },
      /Ava did not answer within 2000 ms/,
    ],
    [
      "the key is refused (401)",
      { status: 401, errorMessage: "Incorrect API key provided" },
      /API key was not accepted \(HTTP 401\)/,
    ],
    ["the server fails (500)", { status: 500, errorMessage: "model crashed" }, /got HTTP 500 from the model's server/],
    [
      "tool-call arguments are not JSON",
      { toolCalls: [{ name: "escalate", arguments: '{"reason": "help' }] },
      /sent a malformed call to its tool "escalate"/,
    ],
    [
      "a tool that does not exist is called",
      { toolCalls: [{ name: "refund_money", arguments: { amount: 400 } }] },
      /sent a malformed call to its tool "refund_money"/,
    ],
    ["the model says nothing", { text: "   " }, /Ava gave no answer/],
  ])("%s: escalated with the reason, nothing the customer wrote lost", async (_name, fault, why) => {
    const { entry, rep } = await scene();
    model.setScript([greeting, fault]);
    const conversationId = await startAndSay(entry.id, "Where is my parcel?");
    await expectEscalatedFor(conversationId, rep.id, why, ["Where is my parcel?"]);
  });

  it("a stream cut half-way: the customer's draft is closed and its partial text never stored", async () => {
    const { entry, rep } = await scene({ greeting: "Hi!" });
    model.setScript([{ text: "Your parcel left our warehouse yesterday and", stallAfterChunks: 3, chunkSize: 6 }]);
    const { conversation } = await startConversation({ customer: { name: "Robin" }, queueId: entry.id });
    await settleBotDeliveries();
    const frames: DraftFrame[] = [];
    const off = getBus().subscribe(draftTopic(conversation.id), (frame) => frames.push(frame as DraftFrame));
    await postMessage({ conversationId: conversation.id, actor: customerActor, text: "Where is my parcel?" });
    await settleBotDeliveries();
    off();
    expect(frames.map((f) => f.text).join("")).toBe("Your parcel left o");
    expect(frames.at(-1)?.done).toBe(true);
    await expectEscalatedFor(conversation.id, rep.id, /did not answer within 2000 ms/, ["Where is my parcel?"]);
    const stored = await getDb().message.findMany({ where: { conversationId: conversation.id, authorType: "agent" } });
    expect(stored.map((m) => m.text)).toEqual(["Hi!"]);
  });

  it("the server is stopped: the greeting itself escalates", async () => {
    const { entry, rep } = await scene();
    await model.stop();
    const conversationId = await startAndSay(entry.id);
    await expectEscalatedFor(conversationId, rep.id, /could not reach the model's server/, []);
  });

  it("the turn limit: the turn after the last allowed one escalates without calling the model", async () => {
    const { entry, rep } = await scene({ maxTurns: 2 });
    model.setScript([greeting, { text: "It is on its way." }]);
    const conversationId = await startAndSay(entry.id, "Where is my parcel?", "And when does it arrive?");
    expect(model.requests).toHaveLength(2);
    await expectEscalatedFor(conversationId, rep.id, /reached its limit of 2 turns in this conversation/, [
      "Where is my parcel?",
      "And when does it arrive?",
    ]);
  });

  it("the token limit: once used up, the next turn escalates", async () => {
    const { entry, rep, agent } = await scene({ maxTokens: 100 });
    model.setScript([{ text: "Hi!", usage: { prompt_tokens: 90, completion_tokens: 20 } }]);
    const conversationId = await startAndSay(entry.id, "Where is my parcel?");
    expect(model.requests).toHaveLength(1);
    await expectEscalatedFor(
      conversationId,
      rep.id,
      /reached its limit of 100 tokens in this conversation \(110 used\)/,
      ["Where is my parcel?"],
    );
    const usage = await getDb().modelUsage.findUniqueOrThrow({
      where: { conversationId_agentId: { conversationId, agentId: agent.id } },
    });
    expect(usage).toMatchObject({ turns: 1, inputTokens: 90, outputTokens: 20 });
  });

  it("a model host off the allow-list is not called", async () => {
    const { entry, rep } = await scene();
    process.env.SWITCHBOARD_BOT_HOSTS = "models.example.com";
    try {
      const conversationId = await startAndSay(entry.id);
      await expectEscalatedFor(
        conversationId,
        rep.id,
        /was not called: 127\.0\.0\.1:\d+ is not an allowed bot host/,
        [],
      );
      expect(model.requests).toHaveLength(0);
    } finally {
      delete process.env.SWITCHBOARD_BOT_HOSTS;
    }
  });

  it("sends the API key as a bearer token, and only to the configured server", async () => {
    const { entry } = await scene({ modelApiKey: "sk-local-test" });
    model.setScript([greeting]);
    await startAndSay(entry.id);
    expect(model.requests[0].authorization).toBe("Bearer sk-local-test");
    expect(model.requests[0].path).toBe("/v1/chat/completions");
  });
});
