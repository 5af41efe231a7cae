import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { Api, type Json, last, staffKey, types, unique } from "../support/api";
import { closedPortUrl, TestBot } from "../support/botframework-bot";

/**
 * Switchboard as a Bot Framework channel, against a real bot made with npm
 * `botbuilder` (CloudAdapter, no app credentials) running in the test process.
 * The bot knows nothing of Switchboard: it answers at the `serviceUrl` it is sent.
 */

const bots: TestBot[] = [];
async function startBot(behaviour: Parameters<typeof TestBot.start>[0] = {}) {
  const bot = await TestBot.start(behaviour);
  bots.push(bot);
  return bot;
}
test.afterEach(async () => {
  await Promise.all(bots.splice(0).map((bot) => bot.stop().catch(() => undefined)));
});

/** A Bot Framework AI agent, its secret (shown once) and where it escalates. */
async function botAgent(api: Api, endpointUrl: string, fields: Json = {}) {
  return api.ok("POST", "/api/agents", {
    kind: "ai",
    botType: "botframework",
    name: unique("Bot"),
    endpointUrl,
    ...fields,
  });
}

/** A bot in an entry queue, escalating to a queue with one available representative. */
async function botWithEscalation(api: Api, endpointUrl: string, fields: Json = {}) {
  const entry = await api.queue();
  const escalation = await api.queue();
  const rep = await api.rep({ capacity: 3 });
  await api.join(escalation.id, rep.id);
  const agent = await botAgent(api, endpointUrl, { escalationQueueId: escalation.id, ...fields });
  await api.join(entry.id, agent.id);
  return { entry, escalation, rep, agent };
}

const sentBy = (agentId: string) => (e: Json) => e.type === "message.sent" && e.data.agentId === agentId;
const hasEvent = (predicate: (e: Json) => boolean) => (events: Json[]) => events.some(predicate);
const transferred = (reason: string) => (e: Json) => e.type === "conversation.transferred" && e.data.reason === reason;
const transcript = (messages: Json[]) => messages.map((m) => [m.authorType, m.agent?.name ?? null, m.text]);
const failureNotice = "Sorry for the wait — I'm connecting you to a person who can help.";

test.describe("[BOT FRAMEWORK] a botbuilder bot as an AI agent", () => {
  test("greets after conversationUpdate + omnichannelSetContext, answers, and escalates to a person", async ({
    request,
  }) => {
    const api = new Api(request);
    const bot = await startBot();
    const { entry, escalation, rep, agent } = await botWithEscalation(api, bot.url);

    // The conversation is routed to the bot, which receives "agent added" then the set-context event, and greets.
    const { conversation, customerToken } = await api.start({ queueId: entry.id, customer: { name: "Robin" } });
    expect(conversation).toMatchObject({ status: "active", assignee: { id: agent.id }, queue: { id: entry.id } });
    let timeline = await api.waitForTimeline(conversation.id, hasEvent(sentBy(agent.id)));
    expect(bot.kinds()).toEqual(["conversationUpdate", "event/omnichannelSetContext"]);
    const [added, setContext] = bot.received;
    expect(added.conversationId).toBe(conversation.id);
    expect(added.membersAdded).toContainEqual(expect.objectContaining({ id: agent.id, role: "bot" }));
    expect(setContext.value).toMatchObject({
      conversationId: conversation.id,
      customer: { name: "Robin" },
      queue: { id: entry.id },
      handoff: null,
    });
    // The serviceUrl is the agent's own channel address (as the API shows it).
    expect(added.serviceUrl).toBe(agent.serviceUrl);
    expect(setContext.serviceUrl).toBe(agent.serviceUrl);

    expect(types(timeline)).toEqual([
      "conversation.started",
      "conversation.routed",
      "agent.assigned",
      "agent.added",
      "context.set",
      "message.sent",
    ]);
    expect(last(timeline).data).toMatchObject({
      agentId: agent.id,
      authorType: "agent",
      text: "Hello Robin, I'm the bot.",
    });
    // The greeting is a reply to the set-context event, posted where botbuilder posts replies.
    await expect
      .poll(() => bot.outgoing)
      .toEqual([
        {
          method: "POST",
          url: `${agent.serviceUrl}/v3/conversations/${conversation.id}/activities/${setContext.id}`,
          status: 200,
        },
      ]);

    // A customer message gets the bot's answer, replied to that message.
    const question = await api.say(conversation.id, customerToken, "When are you open?");
    timeline = await api.waitForTimeline(
      conversation.id,
      hasEvent((e) => sentBy(agent.id)(e) && e.data.text === "You said: When are you open?"),
    );
    const asked = bot.received[2];
    expect(asked).toMatchObject({
      type: "message",
      text: "When are you open?",
      id: question.id,
      conversationId: conversation.id,
    });
    await expect
      .poll(() => last(bot.outgoing))
      .toEqual({
        method: "POST",
        url: `${agent.serviceUrl}/v3/conversations/${conversation.id}/activities/${question.id}`,
        status: 200,
      });
    expect(await api.conversation(conversation.id)).toMatchObject({ status: "active", assignee: { id: agent.id } });

    // "talk to a person": the bot says so and sends an Escalate command; a representative gets it.
    await api.say(conversation.id, customerToken, "Can I talk to a person?");
    timeline = await api.waitForTimeline(
      conversation.id,
      hasEvent((e) => e.type === "agent.assigned" && e.data.agentId === rep.id),
    );
    const escalated = timeline.find(transferred("escalation"));
    expect(escalated?.data).toMatchObject({
      from: { agentId: agent.id, kind: "ai" },
      to: { queueId: escalation.id },
      summary: 'Bot summary: the customer asked "Can I talk to a person?"',
    });
    expect(await api.conversation(conversation.id)).toMatchObject({
      status: "active",
      assignee: { id: rep.id },
      queue: { id: escalation.id },
    });
    expect(bot.kinds()).toEqual(["conversationUpdate", "event/omnichannelSetContext", "message", "message"]);
    expect(bot.received.map((a) => a.text ?? null)).toEqual([
      null,
      null,
      "When are you open?",
      "Can I talk to a person?",
    ]);
    // Greeting, answer, then the "person" message and the Escalate command, each replying to its message; all accepted.
    const toPerson = bot.received[3].id;
    await expect
      .poll(() => bot.outgoing.map((call) => [call.url.split("/activities/")[1], call.status]))
      .toEqual([
        [setContext.id, 200],
        [question.id, 200],
        [toPerson, 200],
        [toPerson, 200],
      ]);
    expect(transcript(await api.messages(conversation.id))).toEqual([
      ["agent", agent.name, "Hello Robin, I'm the bot."],
      ["customer", null, "When are you open?"],
      ["agent", agent.name, "You said: When are you open?"],
      ["customer", null, "Can I talk to a person?"],
      ["agent", agent.name, "I'll get you a person right away."],
    ]);
    expect(bot.turnErrors).toEqual([]);
  });

  test("one queue: the representative hands back to the queue and the bot (Agent B) learns why", async ({
    request,
  }) => {
    const api = new Api(request);
    const bot = await startBot();
    const queue = await api.queue();
    // Agent A highest capacity, the representative next, the bot (Agent B) lowest.
    const agentA = await api.ai({ name: `Agent A ${queue.id}`, capacity: 10, escalationQueueId: queue.id });
    const rep = await api.rep({ capacity: 5 });
    const agentB = await botAgent(api, bot.url, { name: `Agent B ${queue.id}`, capacity: 1 });
    for (const agent of [agentA, rep, agentB]) await api.join(queue.id, agent.id);

    const { conversation, customerToken } = await api.start({ queueId: queue.id, customer: { name: "Lee" } });
    expect(conversation.assignee.id).toBe(agentA.id);
    await api.say(conversation.id, customerToken, "I want to talk to a human");
    expect((await api.conversation(conversation.id)).assignee.id).toBe(rep.id);
    await api.ok("POST", `/api/conversations/${conversation.id}/messages`, { text: "All sorted!", byAgentId: rep.id });
    expect(bot.received).toEqual([]); // the bot has not been involved yet

    const current = await api.ok("POST", `/api/conversations/${conversation.id}/transfer`, {
      toQueueId: queue.id,
      byAgentId: rep.id,
      note: "Resolved; survey please",
    });
    expect(current.assignee.id).toBe(agentB.id);
    expect((await api.ok("GET", `/api/agents/${rep.id}`)).usedCapacity).toBe(0);

    // The bot receives conversationUpdate, then omnichannelSetContext with the hand-off, then greets.
    const timeline = await api.waitForTimeline(conversation.id, hasEvent(sentBy(agentB.id)));
    expect(bot.kinds()).toEqual(["conversationUpdate", "event/omnichannelSetContext"]);
    expect(bot.received[0].membersAdded).toContainEqual(expect.objectContaining({ id: agentB.id, role: "bot" }));
    expect(bot.received[1].value).toMatchObject({
      conversationId: conversation.id,
      customer: { name: "Lee" },
      queue: { id: queue.id },
      handoff: { fromAgentId: rep.id, fromKind: "human", reason: "transfer", note: "Resolved; survey please" },
    });
    const third = last(timeline.filter((e) => e.type === "agent.assigned"));
    expect(third.data.agentId).toBe(agentB.id);
    expect(third.data.excluded.map((x: Json) => [x.agentId, x.reason])).toEqual([
      [agentA.id, "ai_already_handled"],
      [rep.id, "sender"],
    ]);
    const afterThird = timeline.slice(timeline.indexOf(third));
    expect(types(afterThird)).toEqual(["agent.assigned", "agent.added", "context.set", "message.sent"]);
    expect(afterThird[3].data).toMatchObject({ agentId: agentB.id, text: "Welcome back Lee, the bot is here again." });

    // The customer now chats with the bot.
    await api.say(conversation.id, customerToken, "Thanks!");
    await api.waitForTimeline(
      conversation.id,
      hasEvent((e) => sentBy(agentB.id)(e) && e.data.text === "You said: Thanks!"),
    );
    expect(bot.kinds()).toEqual(["conversationUpdate", "event/omnichannelSetContext", "message"]);
    expect(bot.turnErrors).toEqual([]);
  });
});

test.describe("[BOT FRAMEWORK] a failing bot never strands the customer", () => {
  test("a bot that goes down: the undeliverable message is kept and a representative takes over", async ({
    request,
  }) => {
    const api = new Api(request);
    const bot = await startBot();
    const { entry, escalation, rep, agent } = await botWithEscalation(api, bot.url);
    const { conversation, customerToken } = await api.start({ queueId: entry.id });
    await api.waitForTimeline(conversation.id, hasEvent(sentBy(agent.id)));

    await bot.stop(); // its port is now closed
    await api.say(conversation.id, customerToken, "Are you still there?");
    const timeline = await api.waitForTimeline(
      conversation.id,
      hasEvent((e) => e.type === "agent.assigned" && e.data.agentId === rep.id),
    );

    const failed = timeline.find(transferred("agent_failed"));
    expect(failed?.data).toMatchObject({
      from: { agentId: agent.id },
      to: { queueId: escalation.id },
      by: { type: "system" },
    });
    expect(failed?.data.summary).toContain("could not be reached");
    expect(timeline.filter((e) => e.type === "conversation.transferred")).toHaveLength(1);
    expect(await api.conversation(conversation.id)).toMatchObject({
      status: "active",
      assignee: { id: rep.id },
      queue: { id: escalation.id },
    });
    expect(transcript(await api.messages(conversation.id))).toEqual([
      ["agent", agent.name, "Hello Dana, I'm the bot."],
      ["customer", null, "Are you still there?"],
      ["system", null, failureNotice],
    ]);
    // The representative carries on the conversation.
    await api.ok("POST", `/api/conversations/${conversation.id}/messages`, {
      text: "I'm here, how can I help?",
      byAgentId: rep.id,
    });
  });

  test("a bot that is down from the start: escalated at once, and what the customer writes is kept", async ({
    request,
  }) => {
    const api = new Api(request);
    const { entry, escalation, rep, agent } = await botWithEscalation(api, await closedPortUrl());
    const { conversation, customerToken } = await api.start({ queueId: entry.id });
    expect(conversation.assignee.id).toBe(agent.id);
    // Whether this arrives before or after the failed delivery, it must end up with the representative.
    await api.say(conversation.id, customerToken, "Hello? Is anyone there?");

    const timeline = await api.waitForTimeline(
      conversation.id,
      hasEvent((e) => e.type === "agent.assigned" && e.data.agentId === rep.id),
    );
    expect(timeline.find(transferred("agent_failed"))?.data).toMatchObject({
      from: { agentId: agent.id },
      to: { queueId: escalation.id },
    });
    expect(timeline.filter((e) => e.type === "conversation.transferred")).toHaveLength(1);
    expect(await api.conversation(conversation.id)).toMatchObject({ status: "active", assignee: { id: rep.id } });
    const messages = await api.messages(conversation.id);
    expect(transcript(messages)).toEqual(
      expect.arrayContaining([
        ["customer", null, "Hello? Is anyone there?"],
        ["system", null, failureNotice],
      ]),
    );
    expect(messages.filter((m) => m.authorType === "agent")).toEqual([]);
  });

  test("a slow bot (answers after its reply timeout) is escalated; nothing is lost and its late reply is refused", async ({
    request,
  }) => {
    const api = new Api(request);
    const bot = await startBot({ messageDelayMs: 3_000 });
    const { entry, escalation, rep, agent } = await botWithEscalation(api, bot.url, { replyTimeoutMs: 1_000 });
    const { conversation, customerToken } = await api.start({ queueId: entry.id });
    await api.waitForTimeline(conversation.id, hasEvent(sentBy(agent.id)));

    // Two messages while the bot still holds the conversation; the bot is stuck on the first.
    await api.say(conversation.id, customerToken, "I need help with my bill");
    await api.say(conversation.id, customerToken, "It's urgent");
    const timeline = await api.waitForTimeline(
      conversation.id,
      hasEvent((e) => e.type === "agent.assigned" && e.data.agentId === rep.id),
    );
    const failed = timeline.find(transferred("agent_failed"));
    expect(failed?.data).toMatchObject({ from: { agentId: agent.id }, to: { queueId: escalation.id } });
    // Either the delivery timed out or the reply timer fired first: both are the reply timeout.
    expect(failed?.data.summary).toMatch(/did not answer within 1000 ms|did not reply in time/);
    expect(timeline.filter((e) => e.type === "conversation.transferred")).toHaveLength(1);
    expect(await api.conversation(conversation.id)).toMatchObject({ status: "active", assignee: { id: rep.id } });

    // The bot wakes up and answers: too late, the channel refuses it and the customer never sees it.
    await expect.poll(() => bot.outgoing.some((call) => call.status === 409), { timeout: 10_000 }).toBe(true);
    // What was still waiting for the bot was not sent to it after it left; the representative has all of it.
    expect(bot.kinds()).toEqual(["conversationUpdate", "event/omnichannelSetContext", "message"]);
    expect(bot.received[2].text).toBe("I need help with my bill");
    expect(transcript(await api.messages(conversation.id))).toEqual([
      ["agent", agent.name, "Hello Dana, I'm the bot."],
      ["customer", null, "I need help with my bill"],
      ["customer", null, "It's urgent"],
      ["system", null, failureNotice],
    ]);
    expect(await api.conversation(conversation.id)).toMatchObject({ status: "active", assignee: { id: rep.id } });
  });

  test("a bot that accepts the message but never replies is escalated by the reply timer", async ({ request }) => {
    const api = new Api(request);
    const bot = await startBot({ silentOnMessages: true });
    const { entry, escalation, rep, agent } = await botWithEscalation(api, bot.url, { replyTimeoutMs: 1_000 });
    const { conversation, customerToken } = await api.start({ queueId: entry.id });
    await api.waitForTimeline(conversation.id, hasEvent(sentBy(agent.id)));

    await api.say(conversation.id, customerToken, "Hello, anyone?");
    await bot.waitFor(
      (received) => received.some((a) => a.text === "Hello, anyone?"),
      "received the customer's message",
    );
    const timeline = await api.waitForTimeline(
      conversation.id,
      hasEvent((e) => e.type === "agent.assigned" && e.data.agentId === rep.id),
    );
    const failed = timeline.find(transferred("agent_failed"));
    expect(failed?.data).toMatchObject({
      from: { agentId: agent.id },
      to: { queueId: escalation.id },
      by: { type: "system" },
    });
    expect(failed?.data.summary).toContain("did not reply in time");
    expect(timeline.filter((e) => e.type === "conversation.transferred")).toHaveLength(1);
    expect(transcript(await api.messages(conversation.id))).toEqual([
      ["agent", agent.name, "Hello Dana, I'm the bot."],
      ["customer", null, "Hello, anyone?"],
      ["system", null, failureNotice],
    ]);
    expect(bot.turnErrors).toEqual([]);
  });

  test("the bot's greeting is not an answer: a message written before it still gets the reply timer", async ({
    request,
  }) => {
    const api = new Api(request);
    const bot = await startBot({ silentOnMessages: true, greetingDelayMs: 500 });
    const { entry, rep, agent } = await botWithEscalation(api, bot.url, { replyTimeoutMs: 2_000 });
    const { conversation, customerToken } = await api.start({ queueId: entry.id });
    // The customer writes at once, before the (slowish) greeting arrives.
    await api.say(conversation.id, customerToken, "Quick question!");
    expect((await api.messages(conversation.id)).map((m) => m.authorType)).toEqual(["customer"]);

    // The bot greets, receives the message, accepts it and never answers it: the reply timer still escalates.
    await bot.waitFor(
      (received) => received.some((a) => a.text === "Quick question!"),
      "received the customer's message",
    );
    const timeline = await api.waitForTimeline(
      conversation.id,
      hasEvent((e) => e.type === "agent.assigned" && e.data.agentId === rep.id),
    );
    expect(timeline.find(transferred("agent_failed"))?.data.summary).toContain("did not reply in time");
    expect(transcript(await api.messages(conversation.id))).toEqual([
      ["customer", null, "Quick question!"],
      ["agent", agent.name, "Hello Dana, I'm the bot."],
      ["system", null, failureNotice],
    ]);
  });
});

test.describe("[BOT FRAMEWORK] security of the channel", () => {
  test("wrong keys are refused, a bot that no longer holds the chat is refused, and what we send is signed", async ({
    request,
  }) => {
    const api = new Api(request);
    const bot = await startBot();
    const { entry, rep, agent } = await botWithEscalation(api, bot.url);
    // The secret is shown once, at creation, and never again.
    expect(agent.secret).toEqual(expect.any(String));
    const shown = await api.ok("GET", `/api/agents/${agent.id}`);
    expect(shown).toMatchObject({ hasSecret: true });
    expect(shown.secret).toBeUndefined();
    expect(JSON.stringify(shown)).not.toContain(agent.secret);

    const { conversation, customerToken } = await api.start({ queueId: entry.id });
    await api.waitForTimeline(conversation.id, hasEvent(sentBy(agent.id)));

    // Everything the bot received is signed with the agent's secret; the secret itself never travels.
    expect(bot.received).toHaveLength(2);
    for (const activity of bot.received) {
      const expected = `sha256=${createHmac("sha256", agent.secret).update(activity.rawBody).digest("hex")}`;
      expect(activity.signature).toBe(expected);
      const forged = `sha256=${createHmac("sha256", `${agent.secret}x`).update(activity.rawBody).digest("hex")}`;
      expect(activity.signature).not.toBe(forged);
      expect(activity.rawBody).not.toContain(agent.secret);
    }
    const serviceUrl = bot.received[0].serviceUrl!;
    expect(serviceUrl.startsWith(`${new URL(serviceUrl).origin}/api/bot-channel/${agent.id}/`)).toBe(true);

    // Wrong keys: 401, and nothing changes.
    const before = { timeline: await api.timeline(conversation.id), messages: await api.messages(conversation.id) };
    const key = serviceUrl.split("/").pop()!;
    const otherKey = [...key].map((c) => (c === "0" ? "1" : "0")).join("");
    const other = await botAgent(api, bot.url); // another bot's id with this bot's key
    const wrongServiceUrls = [
      serviceUrl.replace(new RegExp(`${key}$`), otherKey),
      serviceUrl.replace(new RegExp(`${key}$`), key.slice(0, -1)),
      serviceUrl.replace(agent.id, other.id),
      serviceUrl.replace(new RegExp(`${key}$`), agent.secret),
    ];
    for (const wrong of wrongServiceUrls) {
      for (const path of [
        `/v3/conversations/${conversation.id}/activities`,
        `/v3/conversations/${conversation.id}/activities/${bot.received[1].id}`,
      ]) {
        const result = await api.call("POST", `${wrong}${path}`, { type: "message", text: "Injected!" });
        expect(result.status, `${wrong}${path}`).toBe(401);
        const escalate = { type: "message", channelData: { command: { type: "EndConversation" } } };
        expect((await api.call("POST", `${wrong}${path}`, escalate)).status).toBe(401);
      }
    }
    expect(await api.timeline(conversation.id)).toEqual(before.timeline);
    expect(await api.messages(conversation.id)).toEqual(before.messages);
    expect(await api.conversation(conversation.id)).toMatchObject({ status: "active", assignee: { id: agent.id } });

    // While it holds the conversation, the bot may write on its own initiative (plain .../activities).
    const proactive = await bot.proactive(conversation.id, "By the way, we have a sale on.");
    expect(proactive.status).toBe(200);
    await api.waitForTimeline(
      conversation.id,
      hasEvent((e) => sentBy(agent.id)(e) && e.data.text === "By the way, we have a sale on."),
    );

    // Once it has handed over, it may not speak in the conversation any more: 409, nothing changes.
    await api.say(conversation.id, customerToken, "I'd like a person");
    await api.waitForTimeline(
      conversation.id,
      hasEvent((e) => e.type === "agent.assigned" && e.data.agentId === rep.id),
    );
    const after = { timeline: await api.timeline(conversation.id), messages: await api.messages(conversation.id) };
    const refused = await bot.proactive(conversation.id, "Still me!");
    expect(refused.status).toBe(409);
    const direct = await api.call("POST", `${serviceUrl}/v3/conversations/${conversation.id}/activities`, {
      type: "message",
      channelData: { command: { type: "EndConversation" } },
    });
    expect(direct.status).toBe(409);
    expect(await api.timeline(conversation.id)).toEqual(after.timeline);
    expect(await api.messages(conversation.id)).toEqual(after.messages);
    expect(await api.conversation(conversation.id)).toMatchObject({ status: "active", assignee: { id: rep.id } });
  });
});

test.describe("[BOT FRAMEWORK] send test activity (admin)", () => {
  test("shows what a botbuilder bot answers, touches no conversation, and says plainly when the bot is down", async ({
    request,
  }) => {
    const api = new Api(request);
    const bot = await startBot();
    const agent = await botAgent(api, bot.url);

    const result = await api.ok("POST", `/api/agents/${agent.id}/test-activity`);
    expect(result).toMatchObject({ ok: true, error: null });
    expect(result.replies.map((r: Json) => r.text)).toEqual([
      "Hello Test customer, I'm the bot.",
      "You said: Hello! This is a test message from Switchboard.",
    ]);
    expect(bot.kinds()).toEqual(["event/omnichannelSetContext", "message"]);
    // Nothing was stored: the bot holds no conversation (other tests run in parallel, so no global count).
    expect(await api.ok("GET", `/api/conversations?assigneeId=${agent.id}`)).toEqual([]);

    const down = await botAgent(api, await closedPortUrl());
    const failed = await api.ok("POST", `/api/agents/${down.id}/test-activity`);
    expect(failed.ok).toBe(false);
    expect(failed.error).toContain("could not be reached");

    const builtin = await api.ai();
    expect((await api.call("POST", `/api/agents/${builtin.id}/test-activity`)).status).toBe(409);
    const supervisor = api.as(staffKey("supervisor"));
    expect((await supervisor.call("POST", `/api/agents/${agent.id}/test-activity`)).status).toBe(403);
  });
});
