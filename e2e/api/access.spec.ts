import { expect, test } from "@playwright/test";
import { Api, type Json, staffKey } from "../support/api";
import {
  expectCustomerConversation,
  expectCustomerEvents,
  expectCustomerMessage,
  expectNoSecrets,
  expectOnlyCustomerKeys,
} from "../support/customer-view";
import { readFrames } from "../support/sse";

/**
 * Who may do what: admin — configuration; supervisor — read everything, assign,
 * transfer, force-close; representative — only conversations assigned to them
 * and their own presence; customer — only their own conversation, by its token.
 * Every refusal is a 401 or 403, and changes nothing.
 */
async function setup(api: Api) {
  const queue = await api.queue();
  const rep = await api.rep({ capacity: 3 });
  const otherRep = await api.rep({ capacity: 3 });
  const bot = await api.ai({ capacity: 1 });
  for (const agent of [rep, otherRep, bot]) await api.join(queue.id, agent.id);
  await api.ok("PUT", `/api/agents/${bot.id}/presence`, { presence: "offline" }); // so people get the chats
  const repKey = await api.repKey(rep);
  const mine = await api.start({ queueId: queue.id });
  const theirs = await api.start({ queueId: queue.id });
  // highest capacity spreads them: one each
  const [held, notHeld] = mine.conversation.assignee.id === rep.id ? [mine, theirs] : [theirs, mine];
  expect(held.conversation.assignee.id).toBe(rep.id);
  expect(notHeld.conversation.assignee.id).toBe(otherRep.id);
  return { queue, rep, otherRep, bot, repKey, held, notHeld };
}

async function snapshot(api: Api, conversationId: string) {
  const [conversation, timeline, queues] = await Promise.all([
    api.conversation(conversationId),
    api.timeline(conversationId),
    api.ok("GET", "/api/queues"),
  ]);
  // Names the refused requests tried to create: none may exist afterwards.
  const planted = queues.filter((q: Json) => ["Sneaky", "Mine now", "Nope"].includes(q.name)).length;
  return { status: conversation.status, assignee: conversation.assigneeId, events: timeline.length, planted };
}

test("[ACCESS] nobody signed in gets 401 everywhere but the customer's own entry points", async ({ request }) => {
  const admin = new Api(request);
  const { queue, rep, held } = await setup(admin);
  const before = await snapshot(admin, held.conversation.id);
  const anonymous = admin.as(null);
  const c = held.conversation.id;
  const attempts: [string, string, unknown?][] = [
    ["GET", "/api/queues"],
    ["POST", "/api/queues", { name: "Sneaky" }],
    ["DELETE", `/api/queues/${queue.id}`],
    ["GET", "/api/agents"],
    ["PUT", `/api/agents/${rep.id}/presence`, { presence: "offline" }],
    ["GET", "/api/routing-rules"],
    ["GET", "/api/conversations"],
    ["GET", `/api/conversations/${c}`],
    ["GET", `/api/conversations/${c}/timeline`],
    ["POST", `/api/conversations/${c}/messages`, { text: "hi", byAgentId: rep.id }],
    ["POST", `/api/conversations/${c}/transfer`, { toQueueId: queue.id }],
    ["POST", `/api/conversations/${c}/close`, {}],
    ["POST", `/api/conversations/${c}/assign`, { agentId: rep.id }],
    ["GET", "/api/dashboard"],
    ["GET", "/api/me"],
    ["GET", "/api/accounts"],
  ];
  for (const [method, path, body] of attempts) {
    const result = await anonymous.call(method as "GET", path, body);
    expect(result.status, `${method} ${path}`).toBe(401);
  }
  expect((await anonymous.call("GET", "/api/stream")).status).toBe(401);
  const badKey = admin.as("sb_not-a-real-key-at-all-but-long-enough-to-look-like-one-0000000000000");
  expect([401, 403]).toContain((await badKey.call("GET", "/api/queues")).status);
  expect(await snapshot(admin, held.conversation.id)).toEqual(before);
  // The customer's own ways in stay open.
  expect(
    (await anonymous.call("POST", "/api/conversations", { customer: { name: "Walk-in" }, queueId: queue.id })).status,
  ).toBe(201);
  expect((await anonymous.call("GET", "/api/openapi.json")).status).toBe(200);
});

test("[ACCESS] a representative works only their own conversations and presence", async ({ request }) => {
  const admin = new Api(request);
  const { queue, rep, otherRep, bot, repKey, held, notHeld } = await setup(admin);
  const rep$ = admin.as(repKey);
  const before = await snapshot(admin, notHeld.conversation.id);
  const n = notHeld.conversation.id;
  const forbidden: [string, string, unknown?][] = [
    ["POST", "/api/queues", { name: "Mine now" }],
    ["PATCH", `/api/queues/${queue.id}`, { priority: 1 }],
    ["DELETE", `/api/queues/${queue.id}`],
    ["PUT", `/api/queues/${queue.id}/members/${rep.id}`],
    ["POST", "/api/agents", { kind: "human", name: "Ghost" }],
    ["PATCH", `/api/agents/${rep.id}`, { capacity: 99 }],
    ["PUT", `/api/agents/${otherRep.id}/presence`, { presence: "offline" }],
    ["POST", "/api/routing-rules", { name: "r", queueId: queue.id }],
    ["GET", `/api/conversations/${n}`],
    ["GET", `/api/conversations/${n}/messages`],
    ["POST", `/api/conversations/${n}/messages`, { text: "not mine" }],
    ["POST", `/api/conversations/${n}/transfer`, { toAgentId: bot.id }],
    ["POST", `/api/conversations/${n}/end`, {}],
    [
      "POST",
      `/api/conversations/${held.conversation.id}/messages`,
      { text: "as someone else", byAgentId: otherRep.id },
    ],
    ["POST", `/api/conversations/${n}/assign`, { agentId: rep.id }],
    ["GET", "/api/dashboard"],
    ["GET", "/api/accounts"],
    ["POST", "/api/accounts", { name: "x", email: "x@e2e.test", password: "password1", role: "admin" }],
  ];
  for (const [method, path, body] of forbidden) {
    const result = await rep$.call(method as "GET", path, body);
    expect(result.status, `${method} ${path} → ${JSON.stringify(result.body)}`).toBe(403);
  }
  expect(await snapshot(admin, n)).toEqual(before);
  expect((await admin.ok("GET", `/api/agents/${otherRep.id}`)).presence).toBe("available");

  // What they may do: their own conversation, presence, and list.
  const mine = held.conversation.id;
  expect((await rep$.ok("GET", "/api/conversations")).map((c: Json) => c.id)).toEqual([mine]);
  await rep$.ok("POST", `/api/conversations/${mine}/messages`, { text: "Hello, I'm here" });
  await rep$.ok("PUT", `/api/agents/${rep.id}/presence`, { presence: "busy" });
  expect((await rep$.ok("GET", "/api/me")).agentId).toBe(rep.id);
  await admin.ok("PUT", `/api/agents/${bot.id}/presence`, { presence: "available" });
  const handedBack = await rep$.ok("POST", `/api/conversations/${mine}/transfer`, {
    toAgentId: bot.id,
    note: "over to you",
  });
  expect(handedBack.assignee.id).toBe(bot.id);
  // Once handed over, it is no longer theirs to read.
  expect((await rep$.call("GET", `/api/conversations/${mine}`)).status).toBe(403);
});

test("[ACCESS] a supervisor reads everything and acts, but does not configure; acting for an agent is recorded", async ({
  request,
}) => {
  const admin = new Api(request);
  const { queue, rep, held, notHeld } = await setup(admin);
  const supervisor = admin.as(staffKey("supervisor"));
  expect((await supervisor.call("POST", "/api/queues", { name: "Nope" })).status).toBe(403);
  expect((await supervisor.call("PATCH", `/api/agents/${rep.id}`, { capacity: 1 })).status).toBe(403);
  expect((await supervisor.ok("GET", "/api/dashboard")).queues.length).toBeGreaterThan(0);
  await supervisor.ok("GET", `/api/conversations/${notHeld.conversation.id}/timeline`);

  await supervisor.ok("POST", `/api/conversations/${held.conversation.id}/messages`, {
    text: "Covering for Riley",
    byAgentId: rep.id,
  });
  const said = (await supervisor.timeline(held.conversation.id)).at(-1) as Json;
  expect(said).toMatchObject({
    type: "message.sent",
    actorType: "agent",
    actorId: rep.id,
    data: { onBehalfOf: "E2E Supervisor (supervisor)" },
  });

  const closed = await supervisor.ok("POST", `/api/conversations/${notHeld.conversation.id}/close`, {});
  expect(closed.status).toBe("closed");
  const event = (await supervisor.timeline(notHeld.conversation.id)).at(-1) as Json;
  expect(event).toMatchObject({
    type: "conversation.closed",
    actorType: "supervisor",
    data: { reason: "force-closed by a supervisor" },
  });
  expect(queue.id).toBeTruthy();
});

test("[ACCESS] a customer's token opens only their own conversation, and only as the customer", async ({ request }) => {
  const admin = new Api(request);
  const { queue, held, notHeld } = await setup(admin);
  const stranger = admin.as(null);
  const asOther = { authorization: `Bearer ${notHeld.customerToken}` };
  const before = await snapshot(admin, held.conversation.id);
  expect((await stranger.call("GET", `/api/conversations/${held.conversation.id}`, undefined, asOther)).status).toBe(
    401,
  );
  expect(
    (await stranger.call("POST", `/api/conversations/${held.conversation.id}/messages`, { text: "hi" }, asOther))
      .status,
  ).toBe(401);
  const own = { authorization: `Bearer ${held.customerToken}` };
  expect(
    (await stranger.call("POST", `/api/conversations/${held.conversation.id}/transfer`, { toQueueId: queue.id }, own))
      .status,
  ).toBe(403);
  expect(await snapshot(admin, held.conversation.id)).toEqual(before);
  expect((await stranger.call("GET", `/api/conversations/${held.conversation.id}`, undefined, own)).status).toBe(200);
});

test("[ACCESS] every route a customer can read answers the customer in the customer view; staff keep theirs", async ({
  request,
}) => {
  const admin = new Api(request);
  const { queue, rep, otherRep, bot, repKey, held } = await setup(admin);
  const c = held.conversation.id;
  const own = { authorization: `Bearer ${held.customerToken}` };
  const customer = admin.as(null);
  await admin.ok("POST", `/api/conversations/${c}/messages`, {
    text: "Hello from your representative",
    byAgentId: rep.id,
  });
  // What no customer answer may carry: any agent's or queue's id, routing words, staff field names.
  const staffOnly = [rep.id, otherRep.id, bot.id, queue.id, queue.name, bot.name];
  const staffWords = ["explanation", "excluded", "capacity", "presence", "agentId", "actorType", "queueId", "note"];
  const check = (where: string, body: unknown) => {
    expectOnlyCustomerKeys(body, where);
    expectNoSecrets(JSON.stringify(body), [...staffOnly, ...staffWords], where);
  };

  // Reads.
  const conversation = await customer.ok("GET", `/api/conversations/${c}`, undefined, own);
  expectCustomerConversation(conversation, "GET conversation");
  expect(conversation.answering).toEqual({ name: rep.name, kind: "human" });
  check("GET conversation", conversation);
  const timeline = await customer.ok("GET", `/api/conversations/${c}/timeline`, undefined, own);
  expectCustomerEvents(timeline, "GET timeline");
  check("GET timeline", timeline);
  const viaQuery = await customer.ok("GET", `/api/conversations/${c}/timeline?token=${held.customerToken}`);
  expect(viaQuery).toEqual(timeline);
  const messages = await customer.ok("GET", `/api/conversations/${c}/messages`, undefined, own);
  for (const message of messages) expectCustomerMessage(message, "GET messages");
  expect(messages.map((m: Json) => m.text)).toContain("Hello from your representative");
  check("GET messages", messages);
  const stream = await readFrames(`/api/conversations/${c}/stream?token=${held.customerToken}`, {}, timeline.length);
  expectCustomerEvents(
    stream.frames.map((frame) => frame.data),
    "GET stream",
  );
  expectNoSecrets(stream.raw, [...staffOnly, ...staffWords], "GET stream");

  // Writes answer in the same view.
  const said = await customer.ok("POST", `/api/conversations/${c}/messages`, { text: "Thanks!" }, own);
  expectCustomerMessage(said, "POST messages");
  check("POST messages", said);
  const started = await customer.ok("POST", "/api/conversations", { customer: { name: "Walk-in" }, queueId: queue.id });
  expect(Object.keys(started).sort()).toEqual(["conversation", "customerToken"]);
  expectCustomerConversation(started.conversation, "POST /api/conversations");
  check("POST /api/conversations", started.conversation);
  const left = await customer.ok("POST", `/api/conversations/${c}/close`, {}, own);
  expectCustomerConversation(left, "POST close");
  expect(left.status).toBe("closed");
  check("POST close", left);

  // Staff on the same routes: the staff view (the representative's key for what they held, the admin's for the rest).
  const staffView = await admin.conversation(c);
  expect(staffView).toMatchObject({ assigneeId: rep.id, queue: { id: queue.id } });
  expect((await admin.timeline(c)).find((e) => e.type === "agent.assigned")?.data).toHaveProperty("explanation");
  expect((await admin.messages(c))[0]).toHaveProperty("authorType");
  const rep$ = admin.as(repKey);
  const mine = await rep$.start({ queueId: queue.id });
  expect(mine.conversation).toHaveProperty("assigneeId");
  expect(mine.conversation).toHaveProperty("context");
  const bySupervisor = await admin.as(staffKey("supervisor")).start({ queueId: queue.id });
  expect(bySupervisor.conversation).toHaveProperty("queueId", queue.id);
});

test("[ACCESS] staff sign in with email and password; the session cookie then works", async ({ request }) => {
  const wrong = await request.post("/api/auth/sign-in/email", {
    data: { email: "admin@e2e.test", password: "nope-nope" },
  });
  expect(wrong.status()).toBe(401);
  const signedIn = await request.post("/api/auth/sign-in/email", {
    data: { email: "supervisor@e2e.test", password: "e2e-supervisor-password" },
  });
  expect(signedIn.status()).toBe(200);
  const me = await request.get("/api/me"); // the request context keeps the cookie
  expect(await me.json()).toMatchObject({ role: "supervisor", name: "E2E Supervisor" });
  const signUp = await request.post("/api/auth/sign-up/email", {
    data: { email: "new@e2e.test", password: "password123", name: "New" },
  });
  expect(signUp.status()).toBeGreaterThanOrEqual(400); // accounts are made by admins only
});
