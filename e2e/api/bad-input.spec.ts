import http from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { Api, type Json, staffKey, unique } from "../support/api";

/**
 * Bad input on every endpoint, against the real server. Each refused request
 * gets the status of lib/http/handle.ts (400 naming the field, 401, 404 naming
 * the entity, 409 naming the state), and afterwards nothing it touched has changed.
 */

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Reply = { status: number; body: Json | null };

/**
 * Sends `text` exactly as given (the `Api` helper always sends valid JSON), as
 * the admin unless a customer's bearer token is given; tolerates a non-JSON answer.
 */
async function raw(
  request: APIRequestContext,
  method: Method,
  path: string,
  text?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const auth: Record<string, string> = headers.authorization ? {} : { "x-api-key": staffKey("admin") };
  const response = await request.fetch(path, {
    method,
    data: text,
    headers: { ...auth, ...(text === undefined ? {} : { "content-type": "application/json" }), ...headers },
  });
  const body = await response.text();
  let parsed: Json | null = null;
  try {
    parsed = body ? JSON.parse(body) : null;
  } catch {
    parsed = { unparsable: body.slice(0, 200) };
  }
  return { status: response.status(), body: parsed };
}

const show = (reply: Reply) => JSON.stringify(reply.body);

function expectInvalid(reply: Reply, field: string) {
  expect(reply.status, show(reply)).toBe(400);
  expect(reply.body?.error.code).toBe("validation_failed");
  expect(Object.keys(reply.body?.error.fields ?? {}), show(reply)).toContain(field);
}
function expectNotFound(reply: Reply, entity: string) {
  expect(reply.status, show(reply)).toBe(404);
  expect(reply.body?.error).toMatchObject({ code: "not_found", entity });
}
function expectState(reply: Reply, state: string) {
  expect(reply.status, show(reply)).toBe(409);
  expect(reply.body?.error).toMatchObject({ code: "invalid_state", state });
}
function expectUnauthorized(reply: Reply) {
  expect(reply.status, show(reply)).toBe(401);
  expect(reply.body?.error.code).toBe("unauthorized");
}

/** Runs a request that must be refused and checks the snapshot is the same afterwards. */
async function refused<T>(snapshot: () => Promise<T>, attempt: () => Promise<Reply>): Promise<Reply> {
  const before = await snapshot();
  const reply = await attempt();
  expect(reply.status, show(reply)).toBeGreaterThanOrEqual(400);
  expect(reply.status, show(reply)).toBeLessThan(500);
  const after: unknown = await snapshot();
  expect(after, "a refused request changed something").toEqual(before);
  return reply;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const missing = "does-not-exist-0000";
const long = (n: number) => "x".repeat(n);

/** A conversation's whole observable state, and the load of the agents involved. */
async function conversationSnapshot(api: Api, conversationId: string, agentIds: string[] = []) {
  const [conversation, timeline, messages, ...agents] = await Promise.all([
    api.conversation(conversationId),
    api.timeline(conversationId),
    api.messages(conversationId),
    ...agentIds.map((id) => api.ok("GET", `/api/agents/${id}`)),
  ]);
  return { conversation, timelineLength: timeline.length, messageCount: messages.length, agents };
}

/** A queue served by one representative who holds a fresh conversation in it (wrap-up long enough never to time out here). */
async function heldByRep(api: Api, repFields: Json = {}) {
  const queue = await api.queue({ wrapUpSeconds: 3600 });
  const rep = await api.rep({ capacity: 2, ...repFields });
  await api.join(queue.id, rep.id);
  const { conversation, customerToken } = await api.start({ queueId: queue.id });
  expect(conversation).toMatchObject({ status: "active", assignee: { id: rep.id } });
  const snapshot = () => conversationSnapshot(api, conversation.id, [rep.id]);
  return { queue, rep, conversation, token: customerToken as string, snapshot };
}

/** A conversation waiting in a queue nobody serves. */
async function waiting(api: Api) {
  const queue = await api.queue();
  const { conversation, customerToken } = await api.start({ queueId: queue.id });
  expect(conversation.status).toBe("open");
  return { queue, conversation, token: customerToken as string };
}

async function inWrapUp(api: Api) {
  const held = await heldByRep(api);
  await api.ok("POST", `/api/conversations/${held.conversation.id}/end`, { byAgentId: held.rep.id });
  expect((await api.conversation(held.conversation.id)).status).toBe("wrap_up");
  return held;
}

async function closed(api: Api) {
  const held = await heldByRep(api);
  await api.ok("POST", `/api/conversations/${held.conversation.id}/close`, {}, bearer(held.token));
  expect((await api.conversation(held.conversation.id)).status).toBe("closed");
  return held;
}

/** A rule only its own topic can match, so it never disturbs other tests' routing. */
const privateRule = (api: Api, queueId: string) =>
  api.ok("POST", "/api/routing-rules", {
    name: unique("Rule"),
    queueId,
    conditions: [{ field: "topic", op: "equals", value: unique("topic") }],
  });
const ruleById = async (api: Api, id: string) =>
  (await api.ok("GET", "/api/routing-rules")).rules.find((r: Json) => r.id === id);

type Case = [label: string, body: Json, field: string];

test.describe("[BAD INPUT] queues", () => {
  const invalidQueueFields = (): Case[] => [
    ["name missing", {}, "name"],
    ["empty name", { name: "   " }, "name"],
    ["name of the wrong type", { name: 42 }, "name"],
    ["name too long", { name: long(121) }, "name"],
    ["unknown field", { name: unique("Queue"), colour: "red" }, "colour"],
    ["negative priority", { name: unique("Queue"), priority: -1 }, "priority"],
    ["fractional priority", { name: unique("Queue"), priority: 1.5 }, "priority"],
    ["no capacity units", { name: unique("Queue"), capacityUnits: 0 }, "capacityUnits"],
    ["too many capacity units", { name: unique("Queue"), capacityUnits: 101 }, "capacityUnits"],
    ["wrap-up longer than a day", { name: unique("Queue"), wrapUpSeconds: 86_401 }, "wrapUpSeconds"],
    ["wrap-up as a string", { name: unique("Queue"), wrapUpSeconds: "60" }, "wrapUpSeconds"],
    ["overflow after 0 seconds", { name: unique("Queue"), overflowAfterSeconds: 0 }, "overflowAfterSeconds"],
    ["unknown assignment method", { name: unique("Queue"), assignmentMethod: "random" }, "assignmentMethod"],
    ["unknown overflow action", { name: unique("Queue"), overflowAction: "explode" }, "overflowAction"],
    ["isDefault as a string", { name: unique("Queue"), isDefault: "yes" }, "isDefault"],
    ["overflow transfer without a target", { name: unique("Queue"), overflowAction: "transfer" }, "overflowQueueId"],
    ["empty overflow target", { name: unique("Queue"), overflowQueueId: "" }, "overflowQueueId"],
    ["overflow message too long", { name: unique("Queue"), overflowMessage: long(1001) }, "overflowMessage"],
  ];

  test("creating a queue with invalid fields is a 400 naming the field, and creates nothing", async ({ request }) => {
    const api = new Api(request);
    const cases = invalidQueueFields();
    for (const [label, body, field] of cases) {
      await test.step(label, async () => expectInvalid(await api.call("POST", "/api/queues", body), field));
    }
    const names = new Set((await api.ok("GET", "/api/queues")).map((q: Json) => q.name));
    for (const [, body] of cases) if (typeof body.name === "string") expect(names.has(body.name.trim())).toBe(false);
  });

  test("creating a queue with an unknown overflow queue is a 404; a taken name is a 409", async ({ request }) => {
    const api = new Api(request);
    const name = unique("Queue");
    expectNotFound(await api.call("POST", "/api/queues", { name, overflowQueueId: missing }), "queue");
    const existing = await api.queue();
    const taken = await api.call("POST", "/api/queues", { name: existing.name });
    expectState(taken, "name_taken");
    const queues = await api.ok("GET", "/api/queues");
    expect(queues.filter((q: Json) => q.name === name || q.name === existing.name)).toHaveLength(1);
  });

  test("editing a queue with invalid fields is a 400 naming the field, and changes nothing", async ({ request }) => {
    const api = new Api(request);
    const queue = await api.queue();
    const other = await api.queue();
    const snapshot = () => api.ok("GET", `/api/queues/${queue.id}`);
    const cases: Case[] = [
      ...invalidQueueFields().filter(([label]) => label !== "name missing"),
      ["overflowing into itself", { overflowQueueId: queue.id }, "overflowQueueId"],
      ["overflow transfer with no target set", { overflowAction: "transfer" }, "overflowQueueId"],
    ];
    for (const [label, body, field] of cases) {
      await test.step(label, async () =>
        expectInvalid(await refused(snapshot, () => api.call("PATCH", `/api/queues/${queue.id}`, body)), field),
      );
    }
    expectState(
      await refused(snapshot, () => api.call("PATCH", `/api/queues/${queue.id}`, { name: other.name })),
      "name_taken",
    );
    expectNotFound(
      await refused(snapshot, () => api.call("PATCH", `/api/queues/${queue.id}`, { overflowQueueId: missing })),
      "queue",
    );
  });

  test("an unknown queue is a 404 naming the queue on every queue endpoint", async ({ request }) => {
    const api = new Api(request);
    const rep = await api.rep();
    expectNotFound(await api.call("GET", `/api/queues/${missing}`), "queue");
    expectNotFound(await api.call("PATCH", `/api/queues/${missing}`, { name: unique("Queue") }), "queue");
    expectNotFound(await api.call("DELETE", `/api/queues/${missing}`), "queue");
    const agentBefore = await api.ok("GET", `/api/agents/${rep.id}`);
    expectNotFound(await api.call("PUT", `/api/queues/${missing}/members/${rep.id}`), "queue");
    expect(await api.ok("GET", `/api/agents/${rep.id}`)).toEqual(agentBefore);
  });

  test("memberships: an unknown agent or a missing membership is a 404 naming it", async ({ request }) => {
    const api = new Api(request);
    const queue = await api.queue();
    const rep = await api.rep();
    const snapshot = () => api.ok("GET", `/api/queues/${queue.id}`);
    expectNotFound(
      await refused(snapshot, () => api.call("PUT", `/api/queues/${queue.id}/members/${missing}`)),
      "agent",
    );
    expectNotFound(
      await refused(snapshot, () => api.call("DELETE", `/api/queues/${queue.id}/members/${rep.id}`)),
      "membership",
    );
    expectNotFound(
      await refused(snapshot, () => api.call("DELETE", `/api/queues/${missing}/members/${rep.id}`)),
      "membership",
    );
  });

  test("deleting a queue with live conversations is a 409 and keeps the queue and its conversations", async ({
    request,
  }) => {
    const api = new Api(request);
    const held = await heldByRep(api);
    const parked = await waiting(api);
    for (const { queue, snapshot } of [
      {
        queue: held.queue,
        snapshot: async () => [await api.ok("GET", `/api/queues/${held.queue.id}`), await held.snapshot()],
      },
      {
        queue: parked.queue,
        snapshot: async () => [
          await api.ok("GET", `/api/queues/${parked.queue.id}`),
          await conversationSnapshot(api, parked.conversation.id),
        ],
      },
    ]) {
      expectState(await refused(snapshot, () => api.call("DELETE", `/api/queues/${queue.id}`)), "queue_in_use");
    }
    // In wrap-up the representative is still working in the queue.
    const wrapping = await inWrapUp(api);
    const snapshot = async () => [await api.ok("GET", `/api/queues/${wrapping.queue.id}`), await wrapping.snapshot()];
    expectState(await refused(snapshot, () => api.call("DELETE", `/api/queues/${wrapping.queue.id}`)), "queue_in_use");
  });
});

test.describe("[BAD INPUT] agents", () => {
  test("creating an agent with invalid fields is a 400 naming the field, and creates nothing", async ({ request }) => {
    const api = new Api(request);
    const human = (fields: Json) => ({ kind: "human", name: unique("Rep"), ...fields });
    const builtin = (fields: Json) => ({ kind: "ai", botType: "builtin", name: unique("AI"), ...fields });
    const botframework = (fields: Json) => ({
      ...builtin({ botType: "botframework", endpointUrl: "http://127.0.0.1:9/bot" }),
      ...fields,
    });
    const cases: Case[] = [
      ["no kind", { name: unique("Rep") }, "kind"],
      ["unknown kind", { kind: "robot", name: unique("Rep") }, "kind"],
      ["no name", { kind: "human" }, "name"],
      ["empty name", human({ name: "" }), "name"],
      ["name of the wrong type", human({ name: ["Dana"] }), "name"],
      ["zero capacity", human({ capacity: 0 }), "capacity"],
      ["capacity over 1000", human({ capacity: 1001 }), "capacity"],
      ["capacity as a string", human({ capacity: "2" }), "capacity"],
      ["unknown presence", human({ presence: "sleepy" }), "presence"],
      ["an AI agent's field on a representative", human({ greeting: "hi" }), "greeting"],
      ["unknown field", human({ shoeSize: 44 }), "shoeSize"],
      ["AI agent without a bot type", { kind: "ai", name: unique("AI") }, "botType"],
      ["unknown bot type", builtin({ botType: "gpt" }), "botType"],
      ["AI agent busy", builtin({ presence: "busy" }), "presence"],
      ["reply timeout too short", builtin({ replyTimeoutMs: 100 }), "replyTimeoutMs"],
      ["FAQ entry without keywords", builtin({ faq: [{ keywords: [], answer: "a" }] }), "faq.0.keywords"],
      [
        "FAQ entry with an unknown field",
        builtin({ faq: [{ keywords: ["a"], answer: "b", weight: 2 }] }),
        "faq.0.weight",
      ],
      [
        "survey question id with spaces",
        builtin({ surveyQuestions: [{ id: "bad id!", question: "q" }] }),
        "surveyQuestions.0.id",
      ],
      ["empty escalation queue id", builtin({ escalationQueueId: "" }), "escalationQueueId"],
      ["Bot Framework agent without an endpoint", { ...botframework({}), endpointUrl: undefined }, "endpointUrl"],
      ["endpoint that is not http", botframework({ endpointUrl: "ftp://example.com/bot" }), "endpointUrl"],
      ["endpoint that is not a URL", botframework({ endpointUrl: "not a url" }), "endpointUrl"],
      ["short secret", botframework({ secret: "short" }), "secret"],
      ["endpoint on a built-in agent", builtin({ endpointUrl: "http://127.0.0.1:9/bot" }), "endpointUrl"],
    ];
    for (const [label, body, field] of cases) {
      await test.step(label, async () => expectInvalid(await api.call("POST", "/api/agents", body), field));
    }
    const unknownQueue = builtin({ escalationQueueId: missing });
    expectNotFound(await api.call("POST", "/api/agents", unknownQueue), "queue");
    const names = new Set((await api.ok("GET", "/api/agents")).map((a: Json) => a.name));
    for (const body of [...cases.map(([, body]) => body), unknownQueue])
      if (typeof body.name === "string") expect(names.has(body.name)).toBe(false);
  });

  test("editing an agent with invalid fields is a 400 naming the field; fields of another kind are a 409; nothing changes", async ({
    request,
  }) => {
    const api = new Api(request);
    const rep = await api.rep();
    const ai = await api.ai();
    const snapshot = async () => [
      await api.ok("GET", `/api/agents/${rep.id}`),
      await api.ok("GET", `/api/agents/${ai.id}`),
    ];
    const cases: [string, string, Json, string][] = [
      ["empty name", rep.id, { name: " " }, "name"],
      ["zero capacity", rep.id, { capacity: 0 }, "capacity"],
      ["huge capacity", rep.id, { capacity: 100_001 }, "capacity"],
      ["capacity as null", rep.id, { capacity: null }, "capacity"],
      ["changing the kind", rep.id, { kind: "ai" }, "kind"],
      ["presence (it has its own endpoint)", rep.id, { presence: "available" }, "presence"],
      ["reply timeout too long", ai.id, { replyTimeoutMs: 120_001 }, "replyTimeoutMs"],
      ["greeting too long", ai.id, { greeting: long(1001) }, "greeting"],
      ["FAQ as an object", ai.id, { faq: { keywords: ["a"], answer: "b" } }, "faq"],
      ["endpoint that is not a URL", ai.id, { endpointUrl: "nope" }, "endpointUrl"],
    ];
    for (const [label, id, body, field] of cases) {
      await test.step(label, async () =>
        expectInvalid(await refused(snapshot, () => api.call("PATCH", `/api/agents/${id}`, body)), field),
      );
    }
    expectState(
      await refused(snapshot, () => api.call("PATCH", `/api/agents/${rep.id}`, { greeting: "Hello" })),
      "human_agent",
    );
    expectState(
      await refused(snapshot, () => api.call("PATCH", `/api/agents/${rep.id}`, { escalationQueueId: null })),
      "human_agent",
    );
    expectState(
      await refused(snapshot, () =>
        api.call("PATCH", `/api/agents/${ai.id}`, { endpointUrl: "http://127.0.0.1:9/bot" }),
      ),
      "builtin",
    );
    expectNotFound(
      await refused(snapshot, () => api.call("PATCH", `/api/agents/${ai.id}`, { escalationQueueId: missing })),
      "queue",
    );
  });

  test("an unknown agent is a 404 naming the agent on every agent endpoint", async ({ request }) => {
    const api = new Api(request);
    expectNotFound(await api.call("GET", `/api/agents/${missing}`), "agent");
    expectNotFound(await api.call("PATCH", `/api/agents/${missing}`, { name: "x" }), "agent");
    expectNotFound(await api.call("DELETE", `/api/agents/${missing}`), "agent");
    expectNotFound(await api.call("PUT", `/api/agents/${missing}/presence`, { presence: "available" }), "agent");
    expectNotFound(await api.call("GET", `/api/agents/${missing}/stream`), "agent");
  });

  test("presence: an invalid value is a 400, a presence an AI agent cannot have is a 409", async ({ request }) => {
    const api = new Api(request);
    const rep = await api.rep({ presence: "offline" });
    const ai = await api.ai();
    const snapshot = async () => [
      await api.ok("GET", `/api/agents/${rep.id}`),
      await api.ok("GET", `/api/agents/${ai.id}`),
    ];
    const cases: Case[] = [
      ["no presence", {}, "presence"],
      ["unknown presence", { presence: "sleepy" }, "presence"],
      ["presence as a number", { presence: 1 }, "presence"],
      ["unknown field", { presence: "away", mood: "grumpy" }, "mood"],
      ["empty byAgentId", { presence: "away", byAgentId: "" }, "byAgentId"],
    ];
    for (const [label, body, field] of cases) {
      await test.step(label, async () =>
        expectInvalid(await refused(snapshot, () => api.call("PUT", `/api/agents/${rep.id}/presence`, body)), field),
      );
    }
    for (const presence of ["busy", "do_not_disturb", "away"]) {
      expectState(
        await refused(snapshot, () => api.call("PUT", `/api/agents/${ai.id}/presence`, { presence })),
        "ai_agent",
      );
    }
  });

  test("deleting an agent that holds a conversation or has history is a 409 and keeps it", async ({ request }) => {
    const api = new Api(request);
    const held = await heldByRep(api);
    expectState(
      await refused(held.snapshot, () => api.call("DELETE", `/api/agents/${held.rep.id}`)),
      "holds_conversations",
    );
    await api.ok("POST", `/api/conversations/${held.conversation.id}/close`, {}, bearer(held.token));
    expectState(await refused(held.snapshot, () => api.call("DELETE", `/api/agents/${held.rep.id}`)), "has_history");
  });
});

test.describe("[BAD INPUT] routing rules", () => {
  test("creating a rule with invalid fields is a 400 naming the field, and creates nothing", async ({ request }) => {
    const api = new Api(request);
    const queue = await api.queue();
    const rule = (fields: Json) => ({
      name: unique("Rule"),
      queueId: queue.id,
      conditions: [{ field: "topic", op: "equals", value: unique("t") }],
      ...fields,
    });
    const condition = (fields: Json) => rule({ conditions: [{ field: "topic", op: "equals", value: "x", ...fields }] });
    const cases: Case[] = [
      ["no name", { queueId: queue.id }, "name"],
      ["empty name", rule({ name: "" }), "name"],
      ["no queue", { name: unique("Rule") }, "queueId"],
      ["empty queue id", rule({ queueId: " " }), "queueId"],
      ["conditions as a string", rule({ conditions: "topic = billing" }), "conditions"],
      [
        "21 conditions",
        rule({ conditions: Array.from({ length: 21 }, () => ({ field: "topic", op: "equals", value: "x" })) }),
        "conditions",
      ],
      ["unknown condition field", condition({ field: "colour" }), "conditions.0.field"],
      ["unknown operator", condition({ op: "like" }), "conditions.0.op"],
      ["value as an object", condition({ value: { nested: true } }), "conditions.0.value"],
      ["negative position", rule({ position: -1 }), "position"],
      ["position out of range", rule({ position: 100_001 }), "position"],
      ["unknown field", rule({ enabled: true }), "enabled"],
    ];
    for (const [label, body, field] of cases) {
      await test.step(label, async () => expectInvalid(await api.call("POST", "/api/routing-rules", body), field));
    }
    const unknownQueue = rule({ queueId: missing });
    expectNotFound(await api.call("POST", "/api/routing-rules", unknownQueue), "queue");
    const names = new Set((await api.ok("GET", "/api/routing-rules")).rules.map((r: Json) => r.name));
    for (const body of [...cases.map(([, body]) => body), unknownQueue])
      if (typeof body.name === "string") expect(names.has(body.name)).toBe(false);
  });

  test("editing a rule with invalid fields is a 400; an unknown rule or queue is a 404; nothing changes", async ({
    request,
  }) => {
    const api = new Api(request);
    const queue = await api.queue();
    const rule = await privateRule(api, queue.id);
    const snapshot = () => ruleById(api, rule.id);
    const cases: Case[] = [
      ["empty name", { name: "" }, "name"],
      ["position as a string", { position: "1" }, "position"],
      ["conditions not a list", { conditions: { field: "topic" } }, "conditions"],
      ["bad condition", { conditions: [{ field: "topic", op: "near", value: "x" }] }, "conditions.0.op"],
      ["unknown field", { priority: 1 }, "priority"],
    ];
    for (const [label, body, field] of cases) {
      await test.step(label, async () =>
        expectInvalid(await refused(snapshot, () => api.call("PATCH", `/api/routing-rules/${rule.id}`, body)), field),
      );
    }
    expectNotFound(
      await refused(snapshot, () => api.call("PATCH", `/api/routing-rules/${rule.id}`, { queueId: missing })),
      "queue",
    );
    expectNotFound(await api.call("PATCH", `/api/routing-rules/${missing}`, { name: "x" }), "routing rule");
    expectNotFound(await api.call("DELETE", `/api/routing-rules/${missing}`), "routing rule");
    await api.ok("DELETE", `/api/routing-rules/${rule.id}`);
  });
});

test.describe("[BAD INPUT] starting and listing conversations", () => {
  test("starting a conversation with invalid fields is a 400 naming the field, and starts nothing", async ({
    request,
  }) => {
    const api = new Api(request);
    const queue = await api.queue();
    const start = (fields: Json) => ({ customer: { name: unique("Customer") }, queueId: queue.id, ...fields });
    const cases: Case[] = [
      ["no customer", { queueId: queue.id }, "customer"],
      ["customer as a string", start({ customer: "Dana" }), "customer"],
      ["customer without a name", start({ customer: {} }), "customer.name"],
      ["empty customer name", start({ customer: { name: "  " } }), "customer.name"],
      ["customer name too long", start({ customer: { name: long(201) } }), "customer.name"],
      [
        "unknown customer field",
        start({ customer: { name: unique("Customer"), email: "d@example.com" } }),
        "customer.email",
      ],
      ["topic too long", start({ topic: long(201) }), "topic"],
      ["topic as a number", start({ topic: 7 }), "topic"],
      ["context as a list", start({ context: ["vip"] }), "context"],
      ["context as a string", start({ context: "vip" }), "context"],
      ["empty queue id", start({ queueId: "" }), "queueId"],
      ["unknown field", start({ priority: "high" }), "priority"],
    ];
    for (const [label, body, field] of cases) {
      await test.step(label, async () => expectInvalid(await api.call("POST", "/api/conversations", body), field));
    }
    const unknownQueue = start({ queueId: missing });
    expectNotFound(await api.call("POST", "/api/conversations", unknownQueue), "queue");
    const customers = new Set((await api.ok("GET", "/api/conversations?limit=500")).map((c: Json) => c.customerName));
    for (const body of [...cases.map(([, body]) => body), unknownQueue]) {
      if (typeof body.customer?.name === "string") expect(customers.has(body.customer.name.trim())).toBe(false);
    }
    expect((await api.ok("GET", `/api/queues`)).find((q: Json) => q.id === queue.id).counts).toEqual({});
  });

  test("listing conversations with an invalid filter is a 400 naming the parameter", async ({ request }) => {
    const api = new Api(request);
    const cases: [string, string][] = [
      ["status=bogus", "status"],
      ["limit=0", "limit"],
      ["limit=501", "limit"],
      ["limit=abc", "limit"],
      ["limit=1.5", "limit"],
      ["queueId=", "queueId"],
      ["colour=red", "colour"],
    ];
    for (const [query, field] of cases) {
      await test.step(query, async () => expectInvalid(await api.call("GET", `/api/conversations?${query}`), field));
    }
  });
});

/**
 * The default queue is global: while no rule matches and no queue is the
 * default, a conversation has nowhere to go. No e2e test sets a default queue
 * or adds a rule without conditions (both would route every test's customers),
 * so this only checks that the absence holds, then relies on it. It changes
 * no global state, so it needs no isolation (no serial block) from the tests
 * running beside it; one that did set a default queue would break this check
 * on purpose rather than silently route it.
 */
test.describe("[BAD INPUT] no routing rule and no default queue", () => {
  test("starting a conversation nothing routes is a 409 naming the state, and starts nothing", async ({ request }) => {
    const api = new Api(request);
    const { rules, defaultQueue } = await api.ok("GET", "/api/routing-rules");
    expect(defaultQueue, "an e2e test set a default queue: it is global state, see the comment above").toBeNull();
    expect(
      rules.filter((r: Json) => r.conditions.length === 0),
      "an e2e test added a catch-all rule",
    ).toEqual([]);
    const customer = unique("Nowhere");
    const reply = await api.call("POST", "/api/conversations", {
      customer: { name: customer },
      topic: unique("topic"),
    });
    expectState(reply, "no_default_queue");
    const customers = (await api.ok("GET", "/api/conversations?limit=500")).map((c: Json) => c.customerName);
    expect(customers).not.toContain(customer);
  });
});

test.describe("[BAD INPUT] conversation requests", () => {
  test("an unknown conversation is a 404 naming the conversation on every conversation endpoint", async ({
    request,
  }) => {
    const api = new Api(request);
    const base = `/api/conversations/${missing}`;
    expectNotFound(await api.call("GET", base), "conversation");
    expectNotFound(await api.call("GET", `${base}/messages`), "conversation");
    expectNotFound(await api.call("GET", `${base}/timeline`), "conversation");
    expectNotFound(await api.call("GET", `${base}/stream`), "conversation");
    expectNotFound(await api.call("POST", `${base}/messages`, { text: "hello" }), "conversation");
    expectNotFound(await api.call("POST", `${base}/transfer`, { toQueueId: missing }), "conversation");
    expectNotFound(await api.call("POST", `${base}/end`, {}), "conversation");
    expectNotFound(await api.call("POST", `${base}/close`, {}), "conversation");
    expectNotFound(await api.call("POST", `${base}/assign`, { agentId: missing }), "conversation");
    // A customer token does not make an unknown conversation exist.
    for (const path of [base, `${base}/messages`, `${base}/timeline`, `${base}/stream`]) {
      expectNotFound(await api.call("GET", path, undefined, bearer("some-token")), "conversation");
    }
    expectNotFound(await api.call("POST", `${base}/messages`, { text: "hello" }, bearer("some-token")), "conversation");
  });

  test("invalid message, transfer, end, close and assign bodies are a 400 naming the field, and change nothing", async ({
    request,
  }) => {
    const api = new Api(request);
    const held = await heldByRep(api);
    const id = held.conversation.id;
    const cases: [string, string, Json, string][] = [
      ["message without text", "messages", { byAgentId: held.rep.id }, "text"],
      ["empty message", "messages", { text: "", byAgentId: held.rep.id }, "text"],
      ["blank message", "messages", { text: "   ", byAgentId: held.rep.id }, "text"],
      ["message too long", "messages", { text: long(4001), byAgentId: held.rep.id }, "text"],
      ["message as a number", "messages", { text: 5, byAgentId: held.rep.id }, "text"],
      ["empty byAgentId", "messages", { text: "hi", byAgentId: "" }, "byAgentId"],
      ["unknown message field", "messages", { text: "hi", byAgentId: held.rep.id, urgent: true }, "urgent"],
      ["transfer with no target", "transfer", { byAgentId: held.rep.id }, "toAgentId"],
      [
        "transfer with two targets",
        "transfer",
        { toAgentId: missing, toQueueId: held.queue.id, byAgentId: held.rep.id },
        "toAgentId",
      ],
      ["transfer to an empty agent id", "transfer", { toAgentId: "", byAgentId: held.rep.id }, "toAgentId"],
      ["transfer to a numeric queue", "transfer", { toQueueId: 5, byAgentId: held.rep.id }, "toQueueId"],
      [
        "transfer note too long",
        "transfer",
        { toQueueId: held.queue.id, note: long(2001), byAgentId: held.rep.id },
        "note",
      ],
      [
        "unknown transfer field",
        "transfer",
        { toQueueId: held.queue.id, byAgentId: held.rep.id, urgent: true },
        "urgent",
      ],
      ["end notes too long", "end", { byAgentId: held.rep.id, notes: long(4001) }, "notes"],
      ["end by a numeric agent", "end", { byAgentId: 5 }, "byAgentId"],
      ["unknown end field", "end", { byAgentId: held.rep.id, reason: "done" }, "reason"],
      ["close notes as a list", "close", { notes: ["a"] }, "notes"],
      ["unknown close field", "close", { force: true }, "force"],
      ["assign with no agent", "assign", {}, "agentId"],
      ["assign to an empty agent id", "assign", { agentId: "" }, "agentId"],
      ["unknown assign field", "assign", { agentId: held.rep.id, note: "x" }, "note"],
    ];
    for (const [label, action, body, field] of cases) {
      await test.step(label, async () =>
        expectInvalid(
          await refused(held.snapshot, () => api.call("POST", `/api/conversations/${id}/${action}`, body)),
          field,
        ),
      );
    }
  });

  test("the timeline with an invalid afterSeq is a 400 naming it", async ({ request }) => {
    const api = new Api(request);
    const { conversation } = await waiting(api);
    for (const value of ["-1", "abc", "1.5"]) {
      expectInvalid(
        await api.call("GET", `/api/conversations/${conversation.id}/timeline?afterSeq=${value}`),
        "afterSeq",
      );
    }
  });

  test("an unknown agent or queue named in a request is a 404 naming it, and changes nothing", async ({ request }) => {
    const api = new Api(request);
    const held = await heldByRep(api);
    const id = held.conversation.id;
    const post = (action: string, body: Json) => () => api.call("POST", `/api/conversations/${id}/${action}`, body);
    expectNotFound(await refused(held.snapshot, post("messages", { text: "hi", byAgentId: missing })), "agent");
    expectNotFound(
      await refused(held.snapshot, post("transfer", { toQueueId: missing, byAgentId: held.rep.id })),
      "queue",
    );
    expectNotFound(
      await refused(held.snapshot, post("transfer", { toAgentId: missing, byAgentId: held.rep.id })),
      "agent",
    );
    expectNotFound(
      await refused(held.snapshot, post("transfer", { toQueueId: held.queue.id, byAgentId: missing })),
      "agent",
    );
    expectNotFound(await refused(held.snapshot, post("end", { byAgentId: missing })), "agent");
    expectNotFound(await refused(held.snapshot, post("close", { byAgentId: missing })), "agent");
    const parked = await waiting(api);
    const parkedSnapshot = () => conversationSnapshot(api, parked.conversation.id);
    expectNotFound(
      await refused(parkedSnapshot, () =>
        api.call("POST", `/api/conversations/${parked.conversation.id}/assign`, { agentId: missing }),
      ),
      "agent",
    );
  });

  test("a wrong customer token is a 401 on every conversation endpoint, and changes nothing", async ({ request }) => {
    const api = new Api(request);
    const held = await heldByRep(api);
    const other = await waiting(api);
    const id = held.conversation.id;
    for (const token of ["wrong-token", other.token]) {
      await test.step(token === other.token ? "another conversation's token" : "a made-up token", async () => {
        const headers = bearer(token);
        for (const path of ["", "/messages", "/timeline", "/stream"]) {
          expectUnauthorized(await api.call("GET", `/api/conversations/${id}${path}`, undefined, headers));
        }
        expectUnauthorized(await api.call("GET", `/api/conversations/${id}/stream?token=${token}`));
        expectUnauthorized(await api.call("GET", `/api/conversations/${id}/timeline?token=${token}`));
        const actions: [string, Json][] = [
          ["messages", { text: "let me in" }],
          ["transfer", { toQueueId: held.queue.id }],
          ["end", {}],
          ["close", {}],
          ["assign", { agentId: held.rep.id }],
        ];
        for (const [action, body] of actions) {
          expectUnauthorized(
            await refused(held.snapshot, () => api.call("POST", `/api/conversations/${id}/${action}`, body, headers)),
          );
        }
      });
    }
  });

  test("a customer cannot transfer or end its own conversation (403), nor assign it (staff only: 401); nothing changes", async ({
    request,
  }) => {
    const api = new Api(request);
    const held = await heldByRep(api);
    const id = held.conversation.id;
    const headers = bearer(held.token);
    const actions: [string, Json, number, string][] = [
      ["transfer", { toQueueId: held.queue.id }, 403, "forbidden"],
      ["end", {}, 403, "forbidden"],
      ["assign", { agentId: held.rep.id }, 401, "unauthorized"],
    ];
    for (const [action, body, status, code] of actions) {
      const reply = await refused(held.snapshot, () =>
        api.call("POST", `/api/conversations/${id}/${action}`, body, headers),
      );
      expect(reply.status, show(reply)).toBe(status);
      expect(reply.body?.error.code).toBe(code);
    }
  });
});

test.describe("[BAD INPUT] requests the conversation's state forbids", () => {
  test("messages to a closed or wrap-up conversation are a 409 naming the state", async ({ request }) => {
    const api = new Api(request);
    for (const [state, setUp] of [
      ["closed", closed],
      ["wrap_up", inWrapUp],
    ] as const) {
      const held = await setUp(api);
      const path = `/api/conversations/${held.conversation.id}/messages`;
      expectState(
        await refused(held.snapshot, () => api.call("POST", path, { text: "still there?" }, bearer(held.token))),
        state,
      );
      expectState(
        await refused(held.snapshot, () => api.call("POST", path, { text: "one more thing", byAgentId: held.rep.id })),
        state,
      );
    }
  });

  test("a representative cannot write in, end, close or transfer a conversation it does not hold (409)", async ({
    request,
  }) => {
    const api = new Api(request);
    const held = await heldByRep(api);
    const stranger = await api.rep({ capacity: 5 });
    const id = held.conversation.id;
    const snapshot = () => conversationSnapshot(api, id, [held.rep.id, stranger.id]);
    const actions: [string, Json][] = [
      ["messages", { text: "hi", byAgentId: stranger.id }],
      ["end", { byAgentId: stranger.id }],
      ["close", { byAgentId: stranger.id }],
      ["transfer", { toQueueId: held.queue.id, byAgentId: stranger.id }],
    ];
    for (const [action, body] of actions) {
      expectState(
        await refused(snapshot, () => api.call("POST", `/api/conversations/${id}/${action}`, body)),
        "not_assignee",
      );
    }
  });

  test("transferring a closed or wrap-up conversation is a 409 naming the state", async ({ request }) => {
    const api = new Api(request);
    const target = await api.queue();
    for (const [state, setUp] of [
      ["closed", closed],
      ["wrap_up", inWrapUp],
    ] as const) {
      const held = await setUp(api);
      const path = `/api/conversations/${held.conversation.id}/transfer`;
      expectState(
        await refused(held.snapshot, () => api.call("POST", path, { toQueueId: target.id, byAgentId: held.rep.id })),
        state,
      );
      expectState(await refused(held.snapshot, () => api.call("POST", path, { toQueueId: target.id })), state);
    }
  });

  test("transferring to the agent that holds it is a 409, and it stays with them", async ({ request }) => {
    const api = new Api(request);
    const held = await heldByRep(api);
    const path = `/api/conversations/${held.conversation.id}/transfer`;
    expectState(
      await refused(held.snapshot, () => api.call("POST", path, { toAgentId: held.rep.id, byAgentId: held.rep.id })),
      "target_is_sender",
    );
    expectState(
      await refused(held.snapshot, () => api.call("POST", path, { toAgentId: held.rep.id })),
      "target_is_sender",
    );
  });

  test("a direct transfer to an offline representative or one at capacity is a 409; both keep their load", async ({
    request,
  }) => {
    const api = new Api(request);
    const held = await heldByRep(api);
    const offline = await api.rep({ presence: "offline", capacity: 3 });
    await api.join(held.queue.id, offline.id);
    const full = await heldByRep(api, { capacity: 1 });
    const snapshot = async () => [
      await held.snapshot(),
      await full.snapshot(),
      await api.ok("GET", `/api/agents/${offline.id}`),
    ];
    const path = `/api/conversations/${held.conversation.id}/transfer`;
    expectState(
      await refused(snapshot, () => api.call("POST", path, { toAgentId: offline.id, byAgentId: held.rep.id })),
      "presence",
    );
    expectState(
      await refused(snapshot, () => api.call("POST", path, { toAgentId: full.rep.id, byAgentId: held.rep.id })),
      "at_capacity",
    );
    expect((await api.ok("GET", `/api/agents/${held.rep.id}`)).usedCapacity).toBe(1);
    expect((await api.ok("GET", `/api/agents/${full.rep.id}`)).usedCapacity).toBe(1);
  });

  test("a representative cannot transfer a waiting conversation nobody holds (409)", async ({ request }) => {
    const api = new Api(request);
    const parked = await waiting(api);
    const rep = await api.rep();
    const snapshot = () => conversationSnapshot(api, parked.conversation.id, [rep.id]);
    const path = `/api/conversations/${parked.conversation.id}/transfer`;
    expectState(
      await refused(snapshot, () => api.call("POST", path, { toQueueId: parked.queue.id, byAgentId: rep.id })),
      "open",
    );
  });

  test("ending is only for active conversations; closing an active one as its representative needs ending first (409)", async ({
    request,
  }) => {
    const api = new Api(request);
    const held = await heldByRep(api);
    const id = held.conversation.id;
    expectState(
      await refused(held.snapshot, () =>
        api.call("POST", `/api/conversations/${id}/close`, { byAgentId: held.rep.id }),
      ),
      "active",
    );

    const parked = await waiting(api);
    const parkedSnapshot = () => conversationSnapshot(api, parked.conversation.id);
    expectState(
      await refused(parkedSnapshot, () => api.call("POST", `/api/conversations/${parked.conversation.id}/end`, {})),
      "open",
    );

    const wrapping = await inWrapUp(api);
    expectState(
      await refused(wrapping.snapshot, () =>
        api.call("POST", `/api/conversations/${wrapping.conversation.id}/end`, { byAgentId: wrapping.rep.id }),
      ),
      "wrap_up",
    );

    const done = await closed(api);
    const closedPath = `/api/conversations/${done.conversation.id}`;
    expectState(
      await refused(done.snapshot, () => api.call("POST", `${closedPath}/end`, { byAgentId: done.rep.id })),
      "closed",
    );
    expectState(await refused(done.snapshot, () => api.call("POST", `${closedPath}/close`, {})), "closed");
    expectState(
      await refused(done.snapshot, () => api.call("POST", `${closedPath}/close`, {}, bearer(done.token))),
      "closed",
    );
  });

  test("a supervisor cannot write in a waiting conversation, nor assign one that is not waiting (409)", async ({
    request,
  }) => {
    const api = new Api(request);
    const parked = await waiting(api);
    const parkedSnapshot = () => conversationSnapshot(api, parked.conversation.id);
    expectState(
      await refused(parkedSnapshot, () =>
        api.call("POST", `/api/conversations/${parked.conversation.id}/messages`, { text: "hello?" }),
      ),
      "open",
    );

    const held = await heldByRep(api);
    const other = await api.rep({ capacity: 3 });
    const snapshot = () => conversationSnapshot(api, held.conversation.id, [held.rep.id, other.id]);
    expectState(
      await refused(snapshot, () =>
        api.call("POST", `/api/conversations/${held.conversation.id}/assign`, { agentId: other.id }),
      ),
      "active",
    );

    const offline = await api.rep({ presence: "offline" });
    const withOffline = () => conversationSnapshot(api, parked.conversation.id, [offline.id]);
    expectState(
      await refused(withOffline, () =>
        api.call("POST", `/api/conversations/${parked.conversation.id}/assign`, { agentId: offline.id }),
      ),
      "presence",
    );
  });
});

/** A Bot Framework bot's messaging endpoint that accepts everything, so the bot keeps the conversations it is given. */
async function acceptingBot() {
  const received: Json[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push(JSON.parse(body || "{}"));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections(); // the server's keep-alive connections would hold close() open
      }),
  };
}

test.describe("[BAD INPUT] the Bot Framework channel", () => {
  test("an unknown agent, a wrong key or bad activities are refused, and nothing changes", async ({ request }) => {
    const api = new Api(request);
    const bot = await acceptingBot();
    try {
      const queue = await api.queue();
      const agent = await api.ai({
        botType: "botframework",
        endpointUrl: bot.url,
        secret: "a-secret-of-enough-length",
        replyTimeoutMs: 120_000,
      });
      await api.join(queue.id, agent.id);
      const { conversation, customerToken } = await api.start({ queueId: queue.id });
      expect(conversation).toMatchObject({ status: "active", assignee: { id: agent.id } });
      await expect.poll(() => bot.received.length).toBe(2); // "agent added", then set-context
      const snapshot = () => conversationSnapshot(api, conversation.id, [agent.id]);
      const serviceUrl = new URL(agent.serviceUrl).pathname;
      const activities = `${serviceUrl}/v3/conversations/${conversation.id}/activities`;
      const send = (path: string, body: string) => () => raw(request, "POST", path, body);
      const hello = JSON.stringify({ type: "message", text: "hello" });

      expectUnauthorized(
        await refused(
          snapshot,
          send(`/api/bot-channel/${missing}/key/v3/conversations/${conversation.id}/activities`, hello),
        ),
      );
      expectUnauthorized(
        await refused(
          snapshot,
          send(`/api/bot-channel/${agent.id}/${"0".repeat(40)}/v3/conversations/${conversation.id}/activities`, hello),
        ),
      );
      const builtin = await api.ai();
      expectUnauthorized(
        await refused(
          snapshot,
          send(
            `/api/bot-channel/${builtin.id}/${"0".repeat(40)}/v3/conversations/${conversation.id}/activities`,
            hello,
          ),
        ),
      );

      expectInvalid(await refused(snapshot, send(activities, '{"type": "message", "text": ')), "body");
      const cases: Case[] = [
        ["no type", { text: "hi" }, "type"],
        ["empty type", { type: "" }, "type"],
        ["text as a number", { type: "message", text: 5 }, "text"],
        ["text too long", { type: "message", text: long(10_001) }, "text"],
        [
          "unknown command",
          { type: "message", channelData: { command: { type: "Explode" } } },
          "channelData.command.type",
        ],
        [
          "command value as a number",
          { type: "message", channelData: { command: { type: "Escalate", value: 5 } } },
          "channelData.command.value",
        ],
        [
          "escalation queue as a number",
          { type: "message", text: "bye", channelData: { command: { type: "Escalate", value: { queueId: 42 } } } },
          "channelData.command.value.queueId",
        ],
      ];
      for (const [label, body, field] of cases) {
        await test.step(label, async () =>
          expectInvalid(await refused(snapshot, send(activities, JSON.stringify(body))), field),
        );
      }
      const toNowhere = {
        type: "message",
        text: "passing you on",
        channelData: { command: { type: "Escalate", value: { queueId: missing } } },
      };
      expectNotFound(await refused(snapshot, send(activities, JSON.stringify(toNowhere))), "queue");
      expectNotFound(
        await refused(snapshot, send(`${serviceUrl}/v3/conversations/${missing}/activities`, hello)),
        "conversation",
      );

      // The bot may only speak in conversations it holds: not one another agent holds, nor one it no longer holds.
      const elsewhere = await heldByRep(api);
      expectState(
        await refused(
          elsewhere.snapshot,
          send(`${serviceUrl}/v3/conversations/${elsewhere.conversation.id}/activities/reply-1`, hello),
        ),
        "not_assignee",
      );
      await api.ok("POST", `/api/conversations/${conversation.id}/close`, {}, bearer(customerToken));
      expectState(await refused(snapshot, send(activities, hello)), "closed");
    } finally {
      await bot.close();
    }
  });
});

test.describe("[BAD INPUT] never a 500", () => {
  const garbage: [string, string | Buffer][] = [
    ["malformed JSON", '{"name": "unterminated'],
    ["trailing garbage", '{"name": "x"} trailing'],
    ["an empty array", "[]"],
    ["an array of junk", '[1, "two", null, {"three": [3]}]'],
    ["a number", "42"],
    ["a negative float", "-1.5e308"],
    ["null", "null"],
    ["true", "true"],
    ["a string", '"just a string"'],
    // Just under the 1 MiB body limit (a body over it is a 413: e2e/api/edge.spec.ts).
    ["a huge string", JSON.stringify(long(1_000_000))],
    ["a huge field", JSON.stringify({ name: long(500_000), text: long(500_000) })],
    ["deeply nested arrays", `${"[".repeat(5000)}${"]".repeat(5000)}`],
    [
      "nested junk",
      JSON.stringify({
        name: { first: [{ deep: { deeper: [null, true, 1.5] } }] },
        customer: [[[]]],
        presence: { value: "available" },
      }),
    ],
    ["prototype pollution", '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}'],
    ["control characters", JSON.stringify({ name: "\u0000\u0001\u001f", text: "\ud800" })],
    ["invalid UTF-8", Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ];

  test("garbage bodies on every mutating endpoint are a 4xx, and change nothing", async ({ request }) => {
    test.setTimeout(180_000);
    const api = new Api(request);
    const held = await heldByRep(api);
    const rule = await privateRule(api, held.queue.id);
    const ai = await api.ai();
    const bot = await acceptingBot();
    const botQueue = await api.queue();
    const botAgent = await api.ai({ botType: "botframework", endpointUrl: bot.url, replyTimeoutMs: 120_000 });
    await api.join(botQueue.id, botAgent.id);
    const botHeld = (await api.start({ queueId: botQueue.id })).conversation;
    expect(botHeld.assignee.id).toBe(botAgent.id);
    await expect.poll(() => bot.received.length).toBe(2);
    const id = held.conversation.id;
    const endpoints: [Method, string][] = [
      ["POST", "/api/queues"],
      ["PATCH", `/api/queues/${held.queue.id}`],
      ["POST", "/api/agents"],
      ["PATCH", `/api/agents/${held.rep.id}`],
      ["PATCH", `/api/agents/${ai.id}`],
      ["PUT", `/api/agents/${held.rep.id}/presence`],
      ["PUT", `/api/agents/${ai.id}/presence`],
      ["POST", "/api/routing-rules"],
      ["PATCH", `/api/routing-rules/${rule.id}`],
      ["POST", "/api/conversations"],
      ["POST", `/api/conversations/${id}/messages`],
      ["POST", `/api/conversations/${id}/transfer`],
      ["POST", `/api/conversations/${id}/end`],
      ["POST", `/api/conversations/${id}/close`],
      ["POST", `/api/conversations/${id}/assign`],
      ["POST", `${new URL(botAgent.serviceUrl).pathname}/v3/conversations/${botHeld.id}/activities`],
    ];
    const snapshot = async () => ({
      conversation: await held.snapshot(),
      queue: await api.ok("GET", `/api/queues/${held.queue.id}`),
      ai: await api.ok("GET", `/api/agents/${ai.id}`),
      rule: await ruleById(api, rule.id),
      botConversation: await conversationSnapshot(api, botHeld.id, [botAgent.id]),
    });
    const before = await snapshot();
    for (const [method, path] of endpoints) {
      for (const [label, body] of garbage) {
        const reply = await raw(request, method, path, body);
        expect(reply.status, `${method} ${path} with ${label} → ${show(reply)}`).toBeGreaterThanOrEqual(400);
        expect(reply.status, `${method} ${path} with ${label} → ${show(reply)}`).toBeLessThan(500);
        expect(reply.body?.error.code, `${method} ${path} with ${label}`).toBe("validation_failed");
      }
    }
    expect(await snapshot()).toEqual(before);
    await bot.close();
    const garbageNames = [long(500_000), "\u0000\u0001\u001f"];
    expect((await api.ok("GET", "/api/queues")).some((q: Json) => garbageNames.includes(q.name))).toBe(false);
  });

  test("garbage ids and query strings on every endpoint are a 4xx", async ({ request }) => {
    const api = new Api(request);
    const held = await heldByRep(api);
    const ids = [
      "%00",
      "..%2F..%2Fetc%2Fpasswd",
      encodeURIComponent("'; DROP TABLE Queue; --"),
      encodeURIComponent("💥".repeat(50)),
      long(4000),
      "null",
      "%20",
      "%25",
    ];
    const before = await held.snapshot();
    for (const bad of ids) {
      for (const [method, path, body] of requestsWithIds(bad, held)) {
        const reply = await raw(request, method, path, body);
        expect(reply.status, `${method} ${path.slice(0, 120)} → ${show(reply)}`).toBeGreaterThanOrEqual(400);
        expect(reply.status, `${method} ${path.slice(0, 120)} → ${show(reply)}`).toBeLessThan(500);
      }
    }
    const queries = [
      ...["99999999999999999999", "1e3", "0x10", "-0", " ", "", "[]"].map(
        (v) => `/api/conversations/${held.conversation.id}/timeline?afterSeq=${encodeURIComponent(v)}`,
      ),
      ...["99999999999999999999", "1e3", "-1", " ", "", "Infinity", "NaN"].map(
        (v) => `/api/conversations?limit=${encodeURIComponent(v)}`,
      ),
      "/api/conversations?status=open&status=bogus",
      "/api/conversations?status[]=open",
    ];
    for (const path of queries) {
      const reply = await raw(request, "GET", path);
      expect(reply.status, `GET ${path} → ${show(reply)}`).toBe(400);
    }
    expect(await held.snapshot()).toEqual(before);
  });

  /**
   * A path segment that is not valid percent-encoding fails inside Next's own
   * route matching, before any handler runs (vercel/next.js#92557: a
   * plain-text 500). proxy.ts refuses such paths first, as a JSON 400.
   */
  test("ids that are not valid percent-encoding are a JSON 400 naming the path", async ({ request }) => {
    const nobody = { queue: { id: missing }, rep: { id: missing }, conversation: { id: missing } };
    for (const bad of ["%ZZ", "%E0%A4%A", "%", "%ff%fe"]) {
      for (const [method, path, body] of requestsWithIds(bad, nobody)) {
        const reply = await raw(request, method, path, body);
        const where = `${method} ${path.slice(0, 120)} → ${show(reply)}`;
        if (path.split("?")[0].includes(bad)) expectInvalid(reply, "path");
        // Where only a query string or a body holds it, the handler refuses it (its own 4xx).
        else expect(reply.status, where).toBeGreaterThanOrEqual(400);
        expect(reply.status, where).toBeLessThan(500);
      }
    }
  });
});

/** Every endpoint, with `bad` in each id position (and as an id in bodies and query strings). */
function requestsWithIds(
  bad: string,
  held: { queue: Json; rep: Json; conversation: Json },
): [Method, string, string | undefined][] {
  return [
    ["GET", `/api/queues/${bad}`, undefined],
    ["PATCH", `/api/queues/${bad}`, '{"name": "x"}'],
    ["DELETE", `/api/queues/${bad}`, undefined],
    ["PUT", `/api/queues/${bad}/members/${bad}`, undefined],
    ["PUT", `/api/queues/${held.queue.id}/members/${bad}`, undefined],
    ["DELETE", `/api/queues/${held.queue.id}/members/${bad}`, undefined],
    ["GET", `/api/agents/${bad}`, undefined],
    ["PATCH", `/api/agents/${bad}`, '{"name": "x"}'],
    ["DELETE", `/api/agents/${bad}`, undefined],
    ["PUT", `/api/agents/${bad}/presence`, '{"presence": "available"}'],
    ["GET", `/api/agents/${bad}/stream`, undefined],
    ["PATCH", `/api/routing-rules/${bad}`, '{"name": "x"}'],
    ["DELETE", `/api/routing-rules/${bad}`, undefined],
    ["GET", `/api/conversations/${bad}`, undefined],
    ["GET", `/api/conversations/${bad}/messages`, undefined],
    ["GET", `/api/conversations/${bad}/timeline`, undefined],
    ["GET", `/api/conversations/${bad}/stream`, undefined],
    ["POST", `/api/conversations/${bad}/messages`, '{"text": "x"}'],
    ["POST", `/api/conversations/${bad}/transfer`, `{"toQueueId": "${held.queue.id}"}`],
    ["POST", `/api/conversations/${bad}/end`, "{}"],
    ["POST", `/api/conversations/${bad}/close`, "{}"],
    ["POST", `/api/conversations/${bad}/assign`, `{"agentId": "${held.rep.id}"}`],
    ["POST", `/api/conversations/${held.conversation.id}/transfer`, `{"toAgentId": "${decodeURIComponentSafe(bad)}"}`],
    ["POST", `/api/bot-channel/${bad}/${bad}/v3/conversations/${bad}/activities/${bad}`, '{"type": "message"}'],
    ["GET", `/api/conversations/${held.conversation.id}/timeline?afterSeq=${bad}`, undefined],
    ["GET", `/api/conversations?status=${bad}&limit=${bad}`, undefined],
  ];
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value).replaceAll('"', "");
  } catch {
    return value;
  }
}
