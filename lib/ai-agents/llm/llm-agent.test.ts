import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { afterTools, type ChatRequest, ModelServer, type ScriptedReply, textOf } from "@/e2e/support/model-server";
import { postMessage } from "@/lib/conversations/post-message";
import { requestPerson } from "@/lib/conversations/request-person";
import { startConversation } from "@/lib/conversations/start-conversation";
import { transferConversation } from "@/lib/conversations/transfer-conversation";
import { getDb } from "@/lib/db/client";
import { getBus } from "@/lib/events/bus";
import { buildLlmAgent, buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { getTimeline } from "@/lib/timeline/get-timeline";
import { agentActor, customerActor } from "@/lib/timeline/types";
import { settleBotDeliveries } from "../dispatch";
import { type DraftFrame, draftTopic } from "./draft";
import { addKnowledge } from "./knowledge/add-knowledge";

/**
 * A language-model agent in the engine, against a real SQLite (or PostgreSQL) database and a real local HTTP server
 * that speaks the OpenAI protocol (e2e/support/model-server.ts), through the real AI SDK client. No mocks.
 */
let model: ModelServer;
beforeEach(async () => {
  await resetDatabase();
  model = await ModelServer.start();
});
afterEach(async () => {
  await settleBotDeliveries();
  await model.stop();
});

const greetingAsked = (request: ChatRequest) => /Write your greeting/.test(textOf(request.messages.at(-1)));
const lastUser = (request: ChatRequest) => textOf(request.messages.findLast((m) => m.role === "user"));

/** An LLM agent in an entry queue, escalating to a queue where one representative is available. */
async function scene(fields: Partial<Parameters<typeof buildLlmAgent>[0]> = {}) {
  const entry = await buildQueue({ name: "Support" });
  const people = await buildQueue({ name: "People" });
  const billing = await buildQueue({ name: "Billing" });
  const rep = await buildRep({ name: "Riley", capacity: 3, queues: [people.id] });
  const billingRep = await buildRep({ name: "Bea", capacity: 3, queues: [billing.id] });
  const agent = await buildLlmAgent({
    name: "Ava",
    baseUrl: model.url, // no /v1: the agent adds it (the server answers 404 without it)
    escalationQueueId: people.id,
    transferQueueIds: [billing.id],
    queues: [entry.id],
    ...fields,
  });
  return { entry, people, billing, rep, billingRep, agent };
}

async function start(queueId: string, name = "Robin") {
  const started = await startConversation({ customer: { name }, queueId, context: { plan: "Pro" } });
  await settleBotDeliveries();
  return started.conversation;
}

async function say(conversationId: string, text: string) {
  await postMessage({ conversationId, actor: customerActor, text });
  await settleBotDeliveries();
}

const transcript = async (conversationId: string) =>
  (
    await getDb().message.findMany({
      where: { conversationId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { agent: true },
    })
  ).map((m) => [m.authorType, m.agent?.name ?? null, m.text]);

const conversationOf = (id: string) => getDb().conversation.findUniqueOrThrow({ where: { id } });

describe("[LLM] a language-model agent speaks the same activities as the other kinds", () => {
  it("greets from its instructions and the context, streamed to the customer and stored once, then answers", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    model.setScript(async (request) => {
      if (greetingAsked(request)) {
        await gate; // held until the test listens to the conversation's draft frames
        return { text: "Hi Robin! I'm Ava. How can I help with your Pro plan today?", chunkSize: 5, chunkDelayMs: 50 };
      }
      return { text: `You asked: ${lastUser(request)} — we are open 9 to 5.` };
    });
    const { entry, agent } = await scene();
    const started = await startConversation({
      customer: { name: "Robin" },
      queueId: entry.id,
      context: { plan: "Pro" },
    });
    const frames: DraftFrame[] = [];
    const off = getBus().subscribe(draftTopic(started.conversation.id), (frame) => frames.push(frame as DraftFrame));
    release();
    await settleBotDeliveries();
    off();

    const id = started.conversation.id;
    expect((await getTimeline(id)).map((e) => e.type)).toEqual([
      "conversation.started",
      "conversation.routed",
      "agent.assigned",
      "agent.added",
      "context.set",
      "message.sent",
    ]);
    // Token frames: many, in order, adding up to the stored greeting; the last one closes the draft.
    const greeting = "Hi Robin! I'm Ava. How can I help with your Pro plan today?";
    expect(frames.length).toBeGreaterThan(3);
    expect(frames.map((f) => f.n)).toEqual(frames.map((_, n) => n));
    expect(frames.map((f) => f.text).join("")).toBe(greeting);
    expect(frames.at(-1)).toMatchObject({ done: true, agentName: "Ava" });
    expect(await transcript(id)).toEqual([["agent", "Ava", greeting]]);

    // What the model was sent: the admin's instructions and Switchboard's rules first; the customer's details as data
    // in a user message, never in a system one.
    const [system, details] = model.messages(0);
    expect(system.role).toBe("system");
    expect(textOf(system)).toContain("You are the support assistant of Example Ltd.");
    expect(textOf(system)).not.toContain("Robin");
    expect(details.role).toBe("user");
    expect(JSON.parse(textOf(details).split("\n").slice(1).join("\n"))).toEqual({
      name: "Robin",
      details: { plan: "Pro" },
    });
    expect(model.requests[0].body.tools?.map((t) => t.function.name).sort()).toEqual([
      "end_conversation",
      "escalate",
      "record_fact",
      "transfer",
    ]);
    expect(model.requests[0].body.stream).toBe(true);

    await say(id, "When are you open?");
    expect((await transcript(id)).at(-1)).toEqual([
      "agent",
      "Ava",
      "You asked: When are you open? — we are open 9 to 5.",
    ]);
    const usage = await getDb().modelUsage.findUniqueOrThrow({
      where: { conversationId_agentId: { conversationId: id, agentId: agent.id } },
    });
    expect(usage.turns).toBe(2);
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeGreaterThan(0);
  });

  it("uses a fixed greeting when the admin set one, without calling the model", async () => {
    const { entry } = await scene({ greeting: "Welcome {customerName}, this is {agentName}." });
    const conversation = await start(entry.id);
    expect(await transcript(conversation.id)).toEqual([["agent", "Ava", "Welcome Robin, this is Ava."]]);
    expect(model.requests).toHaveLength(0);
  });
});

describe("[LLM] tools", () => {
  it("record_fact writes the conversation's context; search_knowledge finds, and the reply cites, the entry", async () => {
    const { entry, agent } = await scene({ greeting: "Hi!" });
    const faq = await addKnowledge(agent.id, {
      kind: "faq",
      question: "How long do refunds take?",
      answer: "Refunds reach your card within 5 working days.",
    });
    model.setScript((request): ScriptedReply => {
      if (!afterTools(request)) {
        return {
          toolCalls: [
            { name: "record_fact", arguments: { key: "orderNumber", value: "A-17" } },
            { name: "search_knowledge", arguments: { query: "refund time" } },
          ],
        };
      }
      const found = request.messages
        .filter((m) => m.role === "tool")
        .map(textOf)
        .join("\n");
      return { text: found.includes("5 working days") ? "Your refund arrives within 5 working days." : "No idea." };
    });
    const conversation = await start(entry.id);
    await say(conversation.id, "My order A-17 — when do I get my refund?");

    expect((await transcript(conversation.id)).at(-1)).toEqual([
      "agent",
      "Ava",
      "Your refund arrives within 5 working days.",
    ]);
    expect((await conversationOf(conversation.id)).context).toEqual({ plan: "Pro", orderNumber: "A-17" });
    expect(model.requests[0].body.tools?.map((t) => t.function.name)).toContain("search_knowledge");
    const timeline = await getTimeline(conversation.id);
    // The two calls of one step run together: their events come in the order they finish.
    const calls = timeline
      .filter((e) => e.type === "agent.tool_called")
      .sort((a, b) => String(a.data.tool).localeCompare(String(b.data.tool)));
    expect(calls.map((e) => [e.data.tool, e.data.ok])).toEqual([
      ["record_fact", true],
      ["search_knowledge", true],
    ]);
    expect(calls[1].data.sources).toEqual([{ sourceId: faq.id, title: "How long do refunds take?", kind: "faq" }]);
    const reply = timeline.findLast((e) => e.type === "message.sent");
    expect(reply?.data.citations).toEqual([{ sourceId: faq.id, title: "How long do refunds take?", kind: "faq" }]);
  });

  it("escalate hands the conversation to a person with a summary for people (wants, tried, mood)", async () => {
    const { entry, rep } = await scene({ greeting: "Hi!" });
    model.setScript([
      {
        text: "I'll get a colleague to look at this.",
        toolCalls: [
          {
            name: "escalate",
            arguments: {
              reason: "Refund above what I may approve.",
              wants: "A refund of 400 EUR for a broken kettle",
              tried: "Checked the refund policy; the amount needs approval",
              mood: "Frustrated but polite",
            },
          },
        ],
      },
    ]);
    const conversation = await start(entry.id);
    await say(conversation.id, "My kettle broke, I want my 400 EUR back.");

    const after = await conversationOf(conversation.id);
    expect(after).toMatchObject({ status: "active", assigneeId: rep.id });
    expect(after.handoff).toMatchObject({
      fromAgentName: "Ava",
      reason: "escalation",
      brief: {
        reason: "Refund above what I may approve.",
        wants: "A refund of 400 EUR for a broken kettle",
        tried: "Checked the refund policy; the amount needs approval",
        mood: "Frustrated but polite",
      },
    });
    expect(await transcript(conversation.id)).toEqual([
      ["agent", "Ava", "Hi!"],
      ["customer", null, "My kettle broke, I want my 400 EUR back."],
      ["agent", "Ava", "I'll get a colleague to look at this."],
    ]);
    expect(model.requests).toHaveLength(1); // the turn stops at the decision: no second step
  });

  it("transfer goes only to an allowed queue: a wrong name is refused and the model may choose again", async () => {
    const { entry, billingRep } = await scene({ greeting: "Hi!" });
    model.setScript([
      { toolCalls: [{ name: "transfer", arguments: { queue: "Sales", reason: "Wants to upgrade" } }] },
      { toolCalls: [{ name: "transfer", arguments: { queue: "billing", reason: "An invoice question" } }] },
    ]);
    const conversation = await start(entry.id);
    await say(conversation.id, "Question about my invoice");

    expect(await conversationOf(conversation.id)).toMatchObject({ status: "active", assigneeId: billingRep.id });
    const refused = model.requests[1].body.messages.filter((m) => m.role === "tool").map(textOf);
    expect(refused).toEqual(['"Sales" is not a queue you may transfer to. Allowed: Billing.']);
    const calls = (await getTimeline(conversation.id)).filter((e) => e.type === "agent.tool_called");
    expect(calls.map((e) => [e.data.tool, e.data.ok])).toEqual([
      ["transfer", false],
      ["transfer", true],
    ]);
    expect((await transcript(conversation.id)).at(-1)).toEqual([
      "agent",
      "Ava",
      "I'm passing you to our Billing team.",
    ]);
  });

  it("end_conversation closes the chat after the model's goodbye", async () => {
    const { entry } = await scene({ greeting: "Hi!" });
    model.setScript([{ text: "Glad I could help. Bye!", toolCalls: [{ name: "end_conversation", arguments: {} }] }]);
    const conversation = await start(entry.id);
    await say(conversation.id, "That's all, thanks");
    expect((await conversationOf(conversation.id)).status).toBe("closed");
    expect((await transcript(conversation.id)).at(-1)).toEqual(["agent", "Ava", "Glad I could help. Bye!"]);
  });
});

describe("[LLM] a request for a person always wins", () => {
  it("escalates even when the model answers something else, with the customer's words as the summary", async () => {
    const { entry, rep } = await scene({ greeting: "Hi!" });
    model.setScript([{ text: "I'm sure I can help you myself!" }]); // ignores the forced tool choice
    const conversation = await start(entry.id);
    await say(conversation.id, "This is useless. I want to talk to a real person.");

    expect(await conversationOf(conversation.id)).toMatchObject({
      assigneeId: rep.id,
      handoff: expect.objectContaining({
        reason: "escalation",
        brief: expect.objectContaining({
          reason: "The customer asked for a person.",
          wants: '"This is useless. I want to talk to a real person."',
        }),
      }),
    });
    expect(model.requests[0].body.tool_choice).toEqual({ type: "function", function: { name: "escalate" } });
    const texts = (await transcript(conversation.id)).map(([, , text]) => text);
    expect(texts).not.toContain("I'm sure I can help you myself!");
    expect(texts.at(-1)).toMatch(/connecting you to a person/);
  });

  it("takes the model's summary when it gives one", async () => {
    const { entry } = await scene({ greeting: "Hi!" });
    const brief = { reason: "Wants a human.", wants: "Cancel the contract", tried: "Nothing yet", mood: "Calm" };
    model.setScript([{ toolCalls: [{ name: "escalate", arguments: brief }] }]);
    const conversation = await start(entry.id);
    await say(conversation.id, "Can I speak to someone about cancelling?");
    expect((await conversationOf(conversation.id)).handoff).toMatchObject({
      brief: { ...brief, reason: "The customer asked for a person. Wants a human." },
    });
  });

  it("escalates on the chat's 'Talk to a person' button (the requestHuman event), with what the customer said", async () => {
    const { entry, rep } = await scene({ greeting: "Hi!" });
    model.setScript([{ text: "What else can I do for you?" }, { text: "Let me answer that myself." }]);
    const conversation = await start(entry.id);
    await say(conversation.id, "My invoice is wrong");
    await requestPerson({ conversationId: conversation.id, actor: customerActor });
    await settleBotDeliveries();

    expect(await conversationOf(conversation.id)).toMatchObject({
      assigneeId: rep.id,
      handoff: expect.objectContaining({
        reason: "escalation",
        brief: expect.objectContaining({ reason: "The customer asked for a person." }),
      }),
    });
    const texts = (await transcript(conversation.id)).map(([, , text]) => text);
    expect(texts).not.toContain("Let me answer that myself.");
    expect(texts.at(-1)).toMatch(/connecting you to a person/);
    // The person-request backstop went with the conversation: nothing is left to fire for the model.
    expect(await getDb().timer.count({ where: { conversationId: conversation.id, kind: "person_request" } })).toBe(0);
  });

  it("'I am a travel agent' is not a request for a person", async () => {
    const { entry, agent } = await scene({ greeting: "Hi!" });
    model.setScript([{ text: "Nice! How can I help your clients?" }]);
    const conversation = await start(entry.id);
    await say(conversation.id, "I am a travel agent");
    expect((await conversationOf(conversation.id)).assigneeId).toBe(agent.id);
  });
});

describe("[LLM] hand-back that knows what happened", () => {
  /**
   * A model that loops the way returning bots do elsewhere: it reads its own last turn as its state. If its latest
   * message is its "connecting you to a person" and nothing the customer said came after it, it escalates again.
   */
  const loopProneModel = (request: ChatRequest): ScriptedReply => {
    const messages = request.messages;
    const mine = messages.findLastIndex((m) => m.role === "assistant");
    const handedOver = mine >= 0 && textOf(messages[mine]).includes("connecting you to a person");
    const customerSinceThen = messages.slice(mine + 1).some((m) => m.role === "user");
    if (handedOver && !customerSinceThen) {
      return {
        toolCalls: [{ name: "escalate", arguments: { reason: "Still handed off", wants: "?", tried: "?", mood: "?" } }],
      };
    }
    if (greetingAsked(request)) {
      const back = messages.some((m) => m.role === "system" && textOf(m).includes("Riley"));
      return { text: back ? "Welcome back! I see Riley sorted your address. Anything else?" : "Hi! How can I help?" };
    }
    return { text: "Happy to help." };
  };

  it("a representative hands the conversation back: the model is told who had it, what was done and the note, and does not re-escalate", async () => {
    model.setScript(loopProneModel);
    const { entry, rep, agent } = await scene({ greeting: null });
    const conversation = await start(entry.id);
    await say(conversation.id, "I need to talk to a person"); // → Riley
    expect((await conversationOf(conversation.id)).assigneeId).toBe(rep.id);

    await postMessage({
      conversationId: conversation.id,
      actor: agentActor(rep.id),
      text: "Hi, Riley here. What's up?",
    });
    await say(conversation.id, "Please change my delivery address to 5 Elm Street.");
    await postMessage({ conversationId: conversation.id, actor: agentActor(rep.id), text: "Done: 5 Elm Street." });
    await transferConversation({
      conversationId: conversation.id,
      actor: agentActor(rep.id),
      target: { agentId: agent.id },
      note: "Address changed to 5 Elm Street. Please run the satisfaction survey.",
    });
    await settleBotDeliveries();

    const after = await conversationOf(conversation.id);
    expect(after).toMatchObject({ status: "active", assigneeId: agent.id });
    expect((await transcript(conversation.id)).at(-1)).toEqual([
      "agent",
      "Ava",
      "Welcome back! I see Riley sorted your address. Anything else?",
    ]);

    // The greeting request, read like the model reads it: its own hand-over line, then the human part as system
    // lines (never as the customer's words, never as its own), the customer's words to Riley as user lines, Riley's
    // note, and that the conversation is its own again.
    const sent = model.messages();
    const handOver = sent.findIndex((m) => m.role === "assistant" && textOf(m).includes("connecting you to a person"));
    expect(handOver).toBeGreaterThan(0);
    const afterwards = sent.slice(handOver + 1);
    const systemText = afterwards
      .filter((m) => m.role === "system")
      .map(textOf)
      .join("\n");
    expect(systemText).toContain('Riley (a representative) wrote to the customer: "Hi, Riley here. What\'s up?"');
    expect(systemText).toContain('Riley (a representative) wrote to the customer: "Done: 5 Elm Street."');
    expect(systemText).toContain(
      'Their note for whoever takes it next: "Address changed to 5 Elm Street. Please run the satisfaction survey."',
    );
    expect(systemText).toMatch(/handed back to you \(Ava\)/);
    expect(afterwards.filter((m) => m.role === "user").map(textOf)).toEqual([
      "Please change my delivery address to 5 Elm Street.",
    ]);
    expect(afterwards.some((m) => m.role === "assistant")).toBe(false);

    // And the next turn carries on with the customer, still no escalation.
    await say(conversation.id, "No, that's everything.");
    expect((await conversationOf(conversation.id)).assigneeId).toBe(agent.id);
    expect((await transcript(conversation.id)).at(-1)).toEqual(["agent", "Ava", "Happy to help."]);
    const transfers = (await getTimeline(conversation.id)).filter((e) => e.type === "conversation.transferred");
    expect(transfers.map((e) => e.data.reason)).toEqual(["escalation", "transfer"]);
  });

  it("the same model DOES loop when nothing after its hand-over is shown to it (what the hand-back context prevents)", () => {
    const stale: ChatRequest = {
      model: "m",
      messages: [
        { role: "system", content: "rules" },
        { role: "user", content: "I need a person" },
        { role: "assistant", content: "Of course — I'm connecting you to a person now." },
        { role: "system", content: "Write your greeting to the customer now." },
      ],
    };
    expect(loopProneModel(stale).toolCalls?.[0]?.name).toBe("escalate");
  });
});
