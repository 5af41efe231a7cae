import { expect, test } from "@playwright/test";
import { Api, type Json, last, staffKey, types, unique } from "../support/api";
import {
  afterTools,
  type ChatRequest,
  ModelServer,
  type Script,
  type ScriptedReply,
  textOf,
} from "../support/model-server";
import { openStream } from "../support/sse";

/**
 * Language-model AI agents through the real server's HTTP API, against a real local HTTP server that speaks the
 * OpenAI chat-completions protocol (e2e/support/model-server.ts), scripted per test: the reference flows with an
 * LLM agent as Agent B, the greeting streamed to the customer, knowledge, the sandbox, usage, a failure escalating,
 * and the configuration's write-only key.
 */
const models: ModelServer[] = [];
async function startModel(script?: Script | ScriptedReply[]) {
  const model = await ModelServer.start(script);
  models.push(model);
  return model;
}
test.afterEach(async () => {
  await Promise.all(models.splice(0).map((model) => model.stop().catch(() => undefined)));
});

/** An LLM agent on `model` (its URL typed without /v1, as admins do). */
function llmAgent(api: Api, model: ModelServer, fields: Json = {}) {
  return api.ok("POST", "/api/agents", {
    kind: "ai",
    botType: "llm",
    name: unique("Ava"),
    modelBaseUrl: model.url,
    modelName: "test-model",
    instructions: "You are the follow-up assistant of Example Ltd.",
    replyTimeoutMs: 10_000,
    ...fields,
  });
}

const greetingAsked = (request: ChatRequest) => /Write your greeting/.test(textOf(request.messages.at(-1)));
const sentBy = (agentId: string) => (e: Json) => e.type === "message.sent" && e.data.agentId === agentId;
const systemText = (request: ChatRequest) =>
  request.messages
    .filter((m) => m.role === "system")
    .map(textOf)
    .join("\n");

test.describe("[LLM FLOW] the reference flows with a language model as Agent B", () => {
  test("two AI agents in two queues: the representative's note reaches the model, the greeting streams to the customer", async ({
    request,
  }) => {
    const api = new Api(request);
    const model = await startModel((req) =>
      greetingAsked(req)
        ? { text: "Welcome back Dana! Riley has rebooked your delivery for Friday. How did we do?", chunkDelayMs: 20 }
        : { text: "Thank you for the feedback!" },
    );
    const queue1 = await api.queue();
    const queue2 = await api.queue();
    const agentA = await api.ai({
      name: unique("Agent A"),
      capacity: 10,
      escalationQueueId: queue1.id,
      greeting: "Hi, Agent A.",
    });
    const rep = await api.rep({ capacity: 2 });
    const agentB = await llmAgent(api, model, { escalationQueueId: queue1.id });
    await api.join(queue1.id, agentA.id);
    await api.join(queue1.id, rep.id);
    await api.join(queue2.id, agentB.id);

    // 1–3. The customer starts; Queue 1; Agent A accepts. 4–5. They ask for a person; the representative gets it.
    const { conversation, customerToken } = await api.start({ queueId: queue1.id });
    await api.say(conversation.id, customerToken, "Can I talk to a person please?");
    expect(await api.conversation(conversation.id)).toMatchObject({ assignee: { id: rep.id } });
    // 6. They chat.
    await api.say(conversation.id, customerToken, "My delivery never came.");
    const repKey = await api.repKey(rep);
    await api
      .as(repKey)
      .ok("POST", `/api/conversations/${conversation.id}/messages`, { text: "I've rebooked it for Friday." });

    // The customer's stream is open while the representative hands back: the greeting arrives as draft frames.
    const stream = await openStream(`/api/conversations/${conversation.id}/stream?token=${customerToken}`);
    const staff = await openStream(`/api/conversations/${conversation.id}/stream`, { "x-api-key": staffKey("admin") });
    try {
      // 7. "Transfer to AI agent": Agent B, with a note. 8. The representative is disconnected.
      await api.as(repKey).ok("POST", `/api/conversations/${conversation.id}/transfer`, {
        toAgentId: agentB.id,
        note: "Delivery rebooked for Friday; please ask how we did.",
      });
      const timeline = await api.waitForTimeline(conversation.id, (events) => events.some(sentBy(agentB.id)));
      const greeting = "Welcome back Dana! Riley has rebooked your delivery for Friday. How did we do?";

      // 9–10. Agent B receives "agent added", then the set-context event, then greets.
      const afterTransfer = timeline.slice(timeline.findLastIndex((e) => e.type === "agent.removed"));
      expect(types(afterTransfer)).toEqual([
        "agent.removed",
        "conversation.transferred",
        "agent.assigned",
        "agent.added",
        "context.set",
        "message.sent",
      ]);
      expect(last(timeline).data).toMatchObject({ agentId: agentB.id, text: greeting });
      expect(last(timeline.filter((e) => e.type === "context.set")).data.context.handoff).toMatchObject({
        fromAgentId: rep.id,
        fromKind: "human",
        note: "Delivery rebooked for Friday; please ask how we did.",
      });

      // The model was told, as context and not as the customer's words: who had it, what was done, the note.
      const sent = model.requests[0].body;
      expect(systemText(sent)).toContain("Delivery rebooked for Friday; please ask how we did.");
      expect(systemText(sent)).toContain(
        `${rep.name} (a representative) wrote to the customer: "I've rebooked it for Friday."`,
      );
      expect(sent.messages.filter((m) => m.role === "user").map(textOf)).toContain("My delivery never came.");
      expect(
        sent.messages
          .filter((m) => m.role === "user")
          .map(textOf)
          .join("\n"),
      ).not.toContain("rebooked");

      // The customer saw the greeting as it was written, then once as a message; staff only the message.
      const message = await stream.waitFor((f) => f.data?.type === "message" && f.data.message.text === greeting);
      const drafts = stream.frames.filter((f) => f.event === "draft");
      expect(drafts.length).toBeGreaterThan(1);
      expect(
        drafts
          .filter((f) => !f.data.done)
          .map((f) => f.data.text)
          .join(""),
      ).toBe(greeting);
      expect(drafts[0].data).toEqual({
        draftId: expect.any(String),
        n: 0,
        text: expect.any(String),
        done: false,
        sender: { name: agentB.name, kind: "ai" },
      });
      expect(drafts.every((f) => f.id === undefined)).toBe(true);
      expect(stream.frames.indexOf(drafts[0])).toBeLessThan(stream.frames.indexOf(message));
      await staff.waitFor((f) => f.data?.type === "message.sent" && f.data.data.text === greeting);
      expect(staff.frames.some((f) => f.event === "draft")).toBe(false);
      expect(stream.raw()).not.toContain(agentB.id);

      // 11. The customer chats with Agent B.
      await api.say(conversation.id, customerToken, "Very good, thanks!");
      await api.waitForTimeline(conversation.id, (events) => last(events).data.text === "Thank you for the feedback!");
    } finally {
      stream.close();
      staff.close();
    }
  });

  test("two AI agents in one queue: Agent B (a language model) gets it after the representative, A excluded", async ({
    request,
  }) => {
    const api = new Api(request);
    const model = await startModel((req) =>
      greetingAsked(req) ? { text: "Hello again, Agent B here." } : { text: "Noted." },
    );
    const queue = await api.queue();
    const agentA = await api.ai({
      name: unique("Agent A"),
      capacity: 10,
      escalationQueueId: queue.id,
      greeting: "Hi, Agent A.",
    });
    const rep = await api.rep({ capacity: 5 });
    const agentB = await llmAgent(api, model, { capacity: 1 });
    for (const agent of [agentA, rep, agentB]) await api.join(queue.id, agent.id);

    const { conversation, customerToken } = await api.start({ queueId: queue.id });
    expect(conversation.assignee.id).toBe(agentA.id);
    await api.say(conversation.id, customerToken, "I want to talk to a human");
    expect(await api.conversation(conversation.id)).toMatchObject({ assignee: { id: rep.id } });
    await api.say(conversation.id, customerToken, "Thanks for sorting it");
    const repKey = await api.repKey(rep);
    await api.as(repKey).ok("POST", `/api/conversations/${conversation.id}/transfer`, {
      toQueueId: queue.id,
      note: "Sorted. Survey please.",
    });
    const timeline = await api.waitForTimeline(conversation.id, (events) => events.some(sentBy(agentB.id)));
    const toB = last(timeline.filter((e) => e.type === "agent.assigned"));
    expect(toB.data.agentId).toBe(agentB.id);
    expect(toB.data.excluded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agentId: rep.id, reason: "sender" }),
        expect.objectContaining({ agentId: agentA.id, reason: "ai_already_handled" }),
      ]),
    );
    expect(types(timeline.slice(timeline.indexOf(toB)))).toEqual([
      "agent.assigned",
      "agent.added",
      "context.set",
      "message.sent",
    ]);
    expect(systemText(model.requests[0].body)).toContain("Sorted. Survey please.");
  });
});

test.describe("[LLM] configuration, knowledge, sandbox, usage", () => {
  test("the base URL is normalised, the API key is write-only, bad input is a 400 and model fields on other kinds a 409", async ({
    request,
  }) => {
    const api = new Api(request);
    const model = await startModel();
    const agent = await llmAgent(api, model, { modelApiKey: "sk-e2e-secret-key", temperature: 0.2, maxTurns: 20 });
    expect(agent).toMatchObject({
      botType: "llm",
      modelBaseUrl: `${model.url}/v1`,
      hasApiKey: true,
      temperature: 0.2,
      maxTurns: 20,
      replyTimeoutMs: 10_000,
    });
    const supervisor = api.as(staffKey("supervisor"));
    for (const caller of [api, supervisor]) {
      const listed = await caller.ok("GET", "/api/agents");
      const one = await caller.ok("GET", `/api/agents/${agent.id}`);
      expect(JSON.stringify([listed, one])).not.toContain("sk-e2e-secret-key");
    }
    const seenBySupervisor = await supervisor.ok("GET", `/api/agents/${agent.id}`);
    expect(seenBySupervisor).not.toHaveProperty("modelBaseUrl");
    expect(seenBySupervisor).not.toHaveProperty("instructions");

    const bad = await api.call("POST", "/api/agents", {
      kind: "ai",
      botType: "llm",
      name: unique("Bad"),
      modelBaseUrl: "ftp://models.example.com",
      modelName: "",
      temperature: 3,
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["modelBaseUrl", "modelName", "temperature"]);
    const offList = await api.call("POST", "/api/agents", {
      kind: "ai",
      botType: "llm",
      name: unique("Far"),
      modelBaseUrl: "https://models.example.com",
      modelName: "m",
    });
    expect(offList.status).toBe(400);
    expect(offList.body.error.fields.modelBaseUrl[0]).toContain("not an allowed bot host");
    const builtin = await api.ai();
    const wrongKind = await api.call("PATCH", `/api/agents/${builtin.id}`, { modelName: "x" });
    expect(wrongKind).toMatchObject({ status: 409, body: { error: { field: "modelName" } } });

    const edited = await api.ok("PATCH", `/api/agents/${agent.id}`, {
      modelBaseUrl: `${model.url}/v1/`,
      modelApiKey: null,
    });
    expect(edited).toMatchObject({ modelBaseUrl: `${model.url}/v1`, hasApiKey: false });
  });

  test("knowledge answers a customer; staff see the cited entry and the tool calls, the customer sees neither", async ({
    request,
  }) => {
    const api = new Api(request);
    const model = await startModel((req) => {
      if (greetingAsked(req)) return { text: "Hi!" };
      if (!afterTools(req)) return { toolCalls: [{ name: "search_knowledge", arguments: { query: "return window" } }] };
      const found = req.messages
        .filter((m) => m.role === "tool")
        .map(textOf)
        .join("\n");
      return { text: found.includes("30 days") ? "You can return it within 30 days." : "I don't know." };
    });
    const queue = await api.queue();
    const agent = await llmAgent(api, model);
    await api.join(queue.id, agent.id);
    const doc = await api.ok("POST", `/api/agents/${agent.id}/knowledge`, {
      kind: "document",
      title: "returns.md",
      text: "# Returns\n\nAny item can be returned within 30 days of delivery.\n\n# Shipping\n\nWe ship in 2 days.",
    });
    expect(doc).toMatchObject({ kind: "document", title: "returns.md", chunks: 2 });
    expect(await api.ok("GET", `/api/agents/${agent.id}/knowledge`)).toEqual([expect.objectContaining({ id: doc.id })]);
    const builtin = await api.ai();
    expect(
      (await api.call("POST", `/api/agents/${builtin.id}/knowledge`, { kind: "faq", question: "q", answer: "a" }))
        .status,
    ).toBe(409);

    const { conversation, customerToken } = await api.start({ queueId: queue.id });
    await api.waitForTimeline(conversation.id, (events) => events.some(sentBy(agent.id)));
    await api.say(conversation.id, customerToken, "How long do I have to return a jacket?");
    const timeline = await api.waitForTimeline(
      conversation.id,
      (events) => last(events).data.text === "You can return it within 30 days.",
    );
    expect(last(timeline).data.citations).toEqual([{ sourceId: doc.id, title: "returns.md", kind: "document" }]);
    const call = timeline.find((e) => e.type === "agent.tool_called");
    expect(call?.data).toMatchObject({ tool: "search_knowledge", input: { query: "return window" }, ok: true });

    const customerView = await api.call("GET", `/api/conversations/${conversation.id}/timeline`, undefined, {
      authorization: `Bearer ${customerToken}`,
    });
    expect(JSON.stringify(customerView.body)).not.toMatch(/returns\.md|search_knowledge|citations/);

    const usage = await api.ok("GET", `/api/agents/${agent.id}/usage`);
    expect(usage).toMatchObject({ conversations: 1, turns: 2 });
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.recent).toEqual([expect.objectContaining({ conversationId: conversation.id, turns: 2 })]);

    await api.ok("DELETE", `/api/agents/${agent.id}/knowledge/${doc.id}`);
    expect(await api.ok("GET", `/api/agents/${agent.id}/knowledge`)).toEqual([]);
  });

  test("Try it: a sandbox turn shows the tool calls and stores nothing; a failing model escalates a real conversation", async ({
    request,
  }) => {
    const api = new Api(request);
    const model = await startModel([
      { toolCalls: [{ name: "record_fact", arguments: { key: "orderNumber", value: "A-17" } }] },
      { text: "Got it, order A-17." },
    ]);
    const agent = await llmAgent(api, model);
    const result = await api.ok("POST", `/api/agents/${agent.id}/try`, {
      messages: [{ role: "customer", text: "My order is A-17" }],
    });
    expect(result).toMatchObject({
      reply: "Got it, order A-17.",
      facts: { orderNumber: "A-17" },
      toolCalls: [{ tool: "record_fact", input: { key: "orderNumber", value: "A-17" }, ok: true }],
      decision: null,
      failure: null,
    });
    expect((await api.ok("GET", `/api/agents/${agent.id}/usage`)).conversations).toBe(0);
    const refused = await api.call("POST", `/api/agents/${agent.id}/try`, {
      messages: [{ role: "agent", text: "hi" }],
    });
    expect(refused.status).toBe(409);
    const supervisorTry = await api
      .as(staffKey("supervisor"))
      .call("POST", `/api/agents/${agent.id}/try`, { messages: [] });
    expect(supervisorTry.status).toBe(403);

    // A real conversation with a model that answers 500: escalated with the reason, the customer's words kept.
    model.setScript([{ text: "Hi!" }, { status: 500, errorMessage: "overloaded" }]);
    const entry = await api.queue();
    const people = await api.queue();
    const rep = await api.rep({ capacity: 3 });
    await api.join(people.id, rep.id);
    await api.ok("PATCH", `/api/agents/${agent.id}`, { escalationQueueId: people.id });
    await api.join(entry.id, agent.id);
    const { conversation, customerToken } = await api.start({ queueId: entry.id });
    await api.waitForTimeline(conversation.id, (events) => events.some(sentBy(agent.id)));
    await api.say(conversation.id, customerToken, "Where is my parcel?");
    const timeline = await api.waitForTimeline(conversation.id, (events) =>
      events.some((e) => e.type === "conversation.transferred" && e.data.reason === "agent_failed"),
    );
    const transferred = timeline.find((e) => e.type === "conversation.transferred");
    expect(transferred?.data.summary).toMatch(/got HTTP 500 from the model's server/);
    expect(await api.conversation(conversation.id)).toMatchObject({ assignee: { id: rep.id } });
    const messages = await api.messages(conversation.id);
    expect(messages.filter((m: Json) => m.authorType === "customer").map((m: Json) => m.text)).toEqual([
      "Where is my parcel?",
    ]);
  });
});
