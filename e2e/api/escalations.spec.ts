import { expect, test } from "@playwright/test";
import { Api, type Json, staffKey, unique } from "../support/api";
import { TestBot } from "../support/botframework-bot";
import { expectCustomerMessage } from "../support/customer-view";

/**
 * Escalations that always work (issue 10), through the HTTP API: the chat's "Talk to a person" reaches every kind
 * of AI agent as something it can act on (and wins when it does not), words that merely contain "agent" do not
 * escalate, a request for a person never ends where nobody could take it, and empty routing conditions are refused.
 */
const bots: TestBot[] = [];
test.afterEach(async () => {
  await Promise.all(bots.splice(0).map((bot) => bot.stop().catch(() => undefined)));
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const requestPerson = (api: Api, id: string, token: string) =>
  api.call("POST", `/api/conversations/${id}/request-person`, {}, bearer(token));
const assignedTo = (agentId: string) => (events: Json[]) =>
  events.some((e) => e.type === "agent.assigned" && e.data.agentId === agentId);
const survey = [
  { id: "satisfaction", question: "On a scale of 1 to 5, how satisfied are you with the help you received?" },
  { id: "comment", question: "Anything we could do better?" },
];

test.describe("[ESCALATION] built-in AI agents", () => {
  test("'Talk to a person' mid-survey reaches a representative; the survey does not take it as its answer", async ({
    request,
  }) => {
    const api = new Api(request);
    const sales = await api.queue();
    const feedback = await api.queue();
    const rep = await api.rep({ capacity: 3 });
    await api.join(sales.id, rep.id);
    const quinn = await api.ai({ surveyQuestions: survey, escalationQueueId: sales.id });
    await api.join(feedback.id, quinn.id);
    const { conversation, customerToken } = await api.start({ queueId: sales.id });
    // The representative hands the customer to the survey agent, which asks its first question with 1–5 buttons.
    await api.ok("POST", `/api/conversations/${conversation.id}/transfer`, { toAgentId: quinn.id, byAgentId: rep.id });
    const asked = await api.ok(
      "GET",
      `/api/conversations/${conversation.id}/timeline`,
      undefined,
      bearer(customerToken),
    );
    const question = asked.findLast((e: Json) => e.type === "message" && e.message.text.includes("1 to 5"));
    expect(question.message.choices).toEqual(["1", "2", "3", "4", "5"].map((n) => ({ label: n, value: n })));
    expectCustomerMessage(question.message, "the survey question");

    const pressed = await requestPerson(api, conversation.id, customerToken);
    expect(pressed.status).toBe(201);
    expect(pressed.body).toMatchObject({ text: "I'd like to talk to a person, please.", sender: { type: "customer" } });
    expectCustomerMessage(pressed.body, "the request's line");
    expect(await api.conversation(conversation.id)).toMatchObject({ status: "active", assignee: { id: rep.id } });
    const context = (await api.conversation(conversation.id)).context;
    expect(context.survey).toEqual({ answers: {}, next: 0, done: false });
  });

  test("'I am a travel agent, what does the Pro plan cost?' is answered, not escalated", async ({ request }) => {
    const api = new Api(request);
    const queue = await api.queue();
    const agent = await api.ai({
      capacity: 10,
      escalationQueueId: queue.id,
      faq: [{ keywords: ["cost", "price"], answer: "Plans start at $29 per seat per month." }],
    });
    const rep = await api.rep();
    await api.join(queue.id, agent.id);
    await api.join(queue.id, rep.id);
    const { conversation, customerToken } = await api.start({ queueId: queue.id });
    await api.say(conversation.id, customerToken, "I am a travel agent, what does the Pro plan cost?");
    expect(await api.conversation(conversation.id)).toMatchObject({ status: "active", assignee: { id: agent.id } });
    const messages = await api.messages(conversation.id);
    expect(messages.at(-1)).toMatchObject({ authorType: "agent", text: "Plans start at $29 per seat per month." });
  });

  test("an escalation queue no representative belongs to is passed over for one a person can take it from", async ({
    request,
  }) => {
    const api = new Api(request);
    const front = await api.queue();
    const nobody = await api.queue(); // no members at all: a customer sent here would wait forever
    const quinn = await api.ai({ capacity: 10, escalationQueueId: nobody.id });
    const rep = await api.rep({ capacity: 2 });
    await api.join(front.id, quinn.id);
    await api.join(front.id, rep.id);
    const { conversation, customerToken } = await api.start({ queueId: front.id });
    expect((await api.conversation(conversation.id)).assignee.id).toBe(quinn.id);
    await api.say(conversation.id, customerToken, "talk to a human please");

    const timeline = await api.waitForTimeline(conversation.id, assignedTo(rep.id));
    const routed = timeline.findLast((e) => e.type === "conversation.routed");
    expect(routed?.data).toMatchObject({
      queueId: front.id,
      reason: `escalation: no representative could ever take it in ${nobody.name}, so it went to ${front.name}`,
    });
    // Never told to wait where nobody could come.
    const seen = await api.ok(
      "GET",
      `/api/conversations/${conversation.id}/timeline`,
      undefined,
      bearer(customerToken),
    );
    expect(seen.filter((e: Json) => e.type === "queued")).toEqual([]);
  });

  test("only the customer asks for a person; a closed chat cannot", async ({ request }) => {
    const api = new Api(request);
    const queue = await api.queue();
    const { conversation, customerToken } = await api.start({ queueId: queue.id });
    expect((await api.call("POST", `/api/conversations/${conversation.id}/request-person`, {})).status).toBe(403);
    expect((await requestPerson(api, conversation.id, customerToken)).status).toBe(201); // waiting: just the line
    await api.ok("POST", `/api/conversations/${conversation.id}/close`, {}, bearer(customerToken));
    const refused = await requestPerson(api, conversation.id, customerToken);
    expect(refused.status).toBe(409);
    expect(
      (
        await api.call(
          "POST",
          `/api/conversations/${conversation.id}/request-person`,
          { text: "x" },
          bearer(customerToken),
        )
      ).status,
    ).toBe(400);
  });
});

test.describe("[ESCALATION] Bot Framework AI agents", () => {
  async function botSetup(api: Api, behaviour: Parameters<typeof TestBot.start>[0]) {
    const bot = await TestBot.start(behaviour);
    bots.push(bot);
    const entry = await api.queue();
    const people = await api.queue();
    const rep = await api.rep({ capacity: 3 });
    await api.join(people.id, rep.id);
    const agent = await api.ok("POST", "/api/agents", {
      kind: "ai",
      botType: "botframework",
      name: unique("Bot"),
      endpointUrl: bot.url,
      escalationQueueId: people.id,
      replyTimeoutMs: 1_500,
    });
    await api.join(entry.id, agent.id);
    const started = await api.start({ queueId: entry.id });
    await api.waitForTimeline(started.conversation.id, (events) =>
      events.some((e) => e.type === "message.sent" && e.data.agentId === agent.id),
    );
    return { bot, rep, agent, ...started };
  }

  test("the button reaches the bot as a requestHuman event, and a bot that acts on it hands over", async ({
    request,
  }) => {
    const api = new Api(request);
    const { bot, rep, conversation, customerToken } = await botSetup(api, { escalateOnRequestHuman: true });
    expect((await requestPerson(api, conversation.id, customerToken)).status).toBe(201);
    const [event] = (
      await bot.waitFor((r) => r.some((a) => a.name === "requestHuman"), "received the requestHuman event")
    ).filter((a) => a.name === "requestHuman");
    expect(event).toMatchObject({
      type: "event",
      name: "requestHuman",
      conversationId: conversation.id,
      value: { source: "button", text: "I'd like to talk to a person, please." },
    });
    const timeline = await api.waitForTimeline(conversation.id, assignedTo(rep.id));
    const handedOver = timeline.find((e) => e.type === "conversation.transferred");
    expect(handedOver?.data).toMatchObject({
      reason: "escalation",
      summary: "Bot summary: asked for a person (button)",
    });
    // The bot got the event, not a message it could have taken for anything else.
    expect(bot.received.filter((a) => a.type === "message")).toEqual([]);
  });

  test("a bot that ignores the request and keeps chatting is escalated for after its reply time-out", async ({
    request,
  }) => {
    const api = new Api(request);
    const { bot, rep, agent, conversation, customerToken } = await botSetup(api, {});
    // Words that ask for a person: the bot gets the message and the event; it answers the message, hands nothing over.
    await api.say(conversation.id, customerToken, "I need a human");
    await bot.waitFor(
      (r) => r.some((a) => a.name === "requestHuman" && a.value?.source === "words"),
      "received the requestHuman event for the words",
    );
    await api.waitForTimeline(conversation.id, (events) =>
      events.some((e) => e.type === "message.sent" && e.data.text === "You said: I need a human"),
    );
    // Answering is not handing over: the request still wins.
    const timeline = await api.waitForTimeline(conversation.id, assignedTo(rep.id), 15_000);
    const failed = timeline.find((e) => e.type === "conversation.transferred");
    expect(failed?.data).toMatchObject({ reason: "agent_failed", from: { agentId: agent.id }, by: { type: "system" } });
    expect(failed?.data.summary).toContain("did not hand the customer to a person in time");
  });
});

test.describe("[RULES] routing conditions", () => {
  test("an empty condition value is refused with a 400 naming the condition; the checker flags dead rules", async ({
    request,
  }) => {
    const api = new Api(request);
    const queue = await api.queue();
    const tag = unique("topic").replaceAll(" ", "-");
    for (const value of ["", "   ", [], ["pro", " "]]) {
      const refused = await api.call("POST", "/api/routing-rules", {
        name: unique("Empty"),
        queueId: queue.id,
        conditions: [
          { field: "topic", op: "equals", value: `${tag}-ok` },
          { field: "context.plan", op: Array.isArray(value) ? "in" : "equals", value },
        ],
      });
      expect(refused.status, JSON.stringify(value)).toBe(400);
      expect(Object.keys(refused.body.error.fields)).toEqual(["conditions.1.value"]);
      expect(refused.body.error.message).toContain("conditions.1.value");
    }

    const broad = await api.ok("POST", "/api/routing-rules", {
      name: unique("Broad"),
      queueId: queue.id,
      conditions: [{ field: "topic", op: "in", value: [`${tag}-a`, `${tag}-b`] }],
    });
    const shadowed = await api.ok("POST", "/api/routing-rules", {
      name: unique("Shadowed"),
      queueId: queue.id,
      conditions: [{ field: "topic", op: "equals", value: `${tag}-a` }],
    });
    const contradictory = await api.ok("POST", "/api/routing-rules", {
      name: unique("Contradictory"),
      queueId: queue.id,
      conditions: [
        { field: "topic", op: "equals", value: `${tag}-a` },
        { field: "topic", op: "equals", value: `${tag}-c` },
      ],
    });
    const edit = await api.call("PATCH", `/api/routing-rules/${broad.id}`, {
      conditions: [{ field: "topic", op: "contains", value: "" }],
    });
    expect(edit.status).toBe(400);
    expect(Object.keys(edit.body.error.fields)).toEqual(["conditions.0.value"]);

    const { warnings } = await api.as(staffKey("supervisor")).ok("GET", "/api/routing-rules/check");
    const mine = warnings.filter((w: Json) => [broad.id, shadowed.id, contradictory.id].includes(w.ruleId));
    expect(mine.map((w: Json) => [w.ruleId, w.code])).toEqual([
      [shadowed.id, "rule_shadowed"],
      [contradictory.id, "rule_never_matches"],
    ]);
    for (const rule of [broad, shadowed, contradictory]) await api.ok("DELETE", `/api/routing-rules/${rule.id}`);
  });
});
