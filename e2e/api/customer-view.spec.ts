import { type APIRequestContext, expect, test } from "@playwright/test";
import { Api, type Json, staffKey } from "../support/api";
import {
  customerShapes,
  expectCustomerConversation,
  expectCustomerEvents,
  expectCustomerMessage,
  expectNoSecrets,
  expectOnlyCustomerKeys,
} from "../support/customer-view";
import { type Frame, openStream } from "../support/sse";

/**
 * A customer reads their own conversation through the customer view only.
 * One conversation is driven through everything staff-only — an AI agent sent
 * the customer's context, an escalation with a summary, a wait in line with
 * the routing explained (another representative excluded at capacity, one
 * away), a supervisor writing for the representative, a transfer to an AI
 * agent with a note, wrap-up and closing notes — and then everything the
 * customer's token can read is checked: (a) no key outside the whitelist,
 * (b) none of the staff-only text anywhere in the raw bodies and stream,
 * (c) what the customer should see is all there.
 */

/** Calls as the customer: their token only, and the raw body kept for searching. */
function customer(request: APIRequestContext, token: string) {
  const call = async (method: "GET" | "POST", path: string, data?: unknown) => {
    const response = await request.fetch(path, { method, data, headers: { authorization: `Bearer ${token}` } });
    const raw = await response.text();
    expect(response.status(), `${method} ${path} → ${raw}`).toBeLessThan(300);
    return { body: JSON.parse(raw), raw };
  };
  return { get: (path: string) => call("GET", path), post: (path: string, data: unknown) => call("POST", path, data) };
}

const events = (frames: Frame[]) => frames.filter((frame) => !frame.event);

test("[AUDIENCE] a customer's token reads only the customer view: conversation, timeline, messages and stream", async ({
  request,
}) => {
  test.setTimeout(90_000);
  const admin = new Api(request);
  const supervisor = admin.as(staffKey("supervisor"));
  const tag = Math.random().toString(36).slice(2, 8);
  const secrets = {
    context: `ctx-value-${tag}`,
    note: `Transfer note ${tag}: refund approved, please run the survey`,
    wrapUp: `Wrap-up notes ${tag}: refunded twice`,
    closing: `Closing notes ${tag}: customer was upset`,
  };

  // Two queues: the entry (Agent A) and the people's queue (Riley, Sam, Kim); Agent B is reached directly.
  const entry = await admin.queue({ name: `Entry ${tag}` });
  const people = await admin.queue({ name: `People ${tag}`, wrapUpSeconds: 3600 });
  const agentA = await admin.ai({
    name: `Aria ${tag}`,
    capacity: 10,
    escalationQueueId: people.id,
    greeting: "Hi {customerName}, I'm Aria.",
  });
  const agentB = await admin.ai({
    name: `Bram ${tag}`,
    escalationQueueId: people.id,
    greeting: "Welcome back {customerName}, Bram here.",
  });
  const riley = await admin.rep({ name: `Riley ${tag}`, capacity: 37, presence: "offline" });
  const sam = await admin.rep({ name: `Sam Hidden ${tag}`, capacity: 2 });
  const kim = await admin.rep({ name: `Kim Hidden ${tag}`, presence: "away" });
  await admin.join(entry.id, agentA.id);
  for (const rep of [riley, sam, kim]) await admin.join(people.id, rep.id);

  // Sam fills up (2 of 2), and someone else is waiting in the people's queue already.
  const samsChats = [await admin.start({ queueId: people.id }), await admin.start({ queueId: people.id })];
  for (const chat of samsChats) expect(chat.conversation.assignee.id).toBe(sam.id);
  const ahead = await admin.start({ queueId: people.id });
  expect(ahead.conversation.status).toBe("open");

  // 1. The customer starts a chat, anonymously, with pre-chat context: the answer is the customer view.
  const startResponse = await request.post("/api/conversations", {
    data: { customer: { name: "Dana" }, topic: "Refund", queueId: entry.id, context: { vip: secrets.context } },
  });
  expect(startResponse.status()).toBe(201);
  const startRaw = await startResponse.text();
  const started = JSON.parse(startRaw);
  expect(Object.keys(started).sort()).toEqual(["conversation", "customerToken"]);
  expectCustomerConversation(started.conversation, "POST /api/conversations");
  expect(started.conversation).toMatchObject({ status: "active", answering: { name: agentA.name, kind: "ai" } });
  const id: string = started.conversation.id;
  const token: string = started.customerToken;
  const me = customer(request, token);
  const path = `/api/conversations/${id}`;
  const raws: [string, string][] = [["POST /api/conversations", startRaw]];

  // The customer's live stream, from the start (EventSource style: the token in the query).
  const live = await openStream(`${path}/stream?token=${encodeURIComponent(token)}`);
  await live.waitFor((frame) => frame.data?.type === "message" && frame.data.message.text.includes("I'm Aria"));

  // 2. They ask for a person: Agent A escalates with a summary; nobody can take it yet, so it waits, second in line.
  const said = await me.post(`${path}/messages`, { text: "I want to talk to a person" });
  expectCustomerMessage(said.body, "POST messages");
  expect(said.body).toMatchObject({ text: "I want to talk to a person", sender: { type: "customer" } });
  raws.push(["POST messages", said.raw]);
  await live.waitFor((frame) => frame.data?.type === "queued");
  const waiting = await me.get(path);
  expectCustomerConversation(waiting.body, "GET conversation (waiting)");
  expect(waiting.body).toMatchObject({ status: "open", answering: null, waiting: { position: 2 } });
  raws.push(["GET conversation (waiting)", waiting.raw]);

  // The one ahead leaves (their own answer is the customer view too): the line moves, live.
  const left = await customer(request, ahead.customerToken).post(
    `/api/conversations/${ahead.conversation.id}/close`,
    {},
  );
  expectCustomerConversation(left.body, "POST close (customer)");
  expect(left.body.status).toBe("closed");
  const moved = await live.waitFor((frame) => frame.event === "position" && frame.data.position === 1);
  expect(Object.keys(moved.data).sort()).toEqual(["estimatedWaitSeconds", "position"]);

  // 3. Riley becomes available and gets it (Sam excluded at capacity, Kim away); a supervisor writes for Riley.
  await admin.ok("PUT", `/api/agents/${riley.id}/presence`, { presence: "available" });
  await live.waitFor((frame) => frame.data?.type === "agent.joined" && frame.data.agent.name === riley.name);
  await admin.ok("POST", `${path}/messages`, { text: "Hi Dana, Riley here.", byAgentId: riley.id });
  await supervisor.ok("POST", `${path}/messages`, { text: "One moment while I check.", byAgentId: riley.id });
  const withRiley = await me.get(path);
  expect(withRiley.body).toEqual({
    id,
    status: "active",
    answering: { name: riley.name, kind: "human" },
    waiting: null,
  });
  raws.push(["GET conversation (with Riley)", withRiley.raw]);

  // 4. Riley transfers to Agent B with a note for it; Agent B greets.
  await admin.ok("POST", `${path}/transfer`, { toAgentId: agentB.id, note: secrets.note, byAgentId: riley.id });
  await live.waitFor((frame) => frame.data?.type === "message" && frame.data.message.text.includes("Bram here"));

  // 5. Asked again for a person, Agent B escalates; Riley takes it, ends it (wrap-up notes) and closes (closing notes).
  await me.post(`${path}/messages`, { text: "Sorry, a human please" });
  await admin.waitForTimeline(id, (timeline) => timeline.at(-1)?.type === "agent.assigned");
  await admin.ok("POST", `${path}/messages`, { text: "All sorted now.", byAgentId: riley.id });
  await admin.ok("POST", `${path}/end`, { byAgentId: riley.id, notes: secrets.wrapUp });
  await admin.ok("POST", `${path}/close`, { byAgentId: riley.id, notes: secrets.closing });
  await live.waitFor((frame) => frame.data?.type === "closed");
  live.close();

  // The staff side really holds every secret this test looks for (so not finding them below means something).
  const staffTimeline = await admin.timeline(id);
  const staffRaw = JSON.stringify(staffTimeline);
  const summaries = staffTimeline.flatMap((e: Json) => (e.type === "conversation.transferred" && e.data.summary) || []);
  const explanations = staffTimeline.flatMap((e: Json) => e.data.explanation ?? []);
  expect(summaries.length).toBe(2);
  expect(explanations.some((x: string) => x.includes("Excluded"))).toBe(true);
  const staffOnly = [
    ...Object.values(secrets),
    ...summaries,
    ...explanations,
    "Customer said",
    sam.name,
    kim.name,
    "E2E Supervisor",
    entry.name,
    people.name,
    ...[agentA, agentB, riley, sam, kim].map((agent) => agent.id),
    entry.id,
    people.id,
    ahead.conversation.id,
    ...samsChats.map((chat) => chat.conversation.id),
  ];
  for (const secret of [...Object.values(secrets), sam.name, kim.name, "E2E Supervisor", "uses 2 of 2 units"])
    expect(staffRaw, `the staff timeline should hold "${secret}"`).toContain(secret);
  // Words only staff data uses: routing explanations, capacity and presence, notes, hand-offs, ids.
  const staffWords = [
    "excluded",
    "eligible",
    "chosen by",
    "capacity",
    "units",
    "presence",
    "away",
    "summary",
    "note",
    "handoff",
    "context",
    "reason",
    "explanation",
    "ranked",
    "onBehalfOf",
    "agentId",
    "actorId",
    "actorType",
    "queueId",
    "queueName",
  ];

  // Everything the customer can read now.
  const conversation = await me.get(path);
  const timeline = await me.get(`${path}/timeline`);
  const messages = await me.get(`${path}/messages`);
  const history = await openStream(`${path}/stream`, { authorization: `Bearer ${token}` });
  const resumeAfter = (timeline.body as Json[]).find((event) => event.type === "queued")?.seq as number;
  const resumed = await openStream(`${path}/stream`, {
    authorization: `Bearer ${token}`,
    "last-event-id": String(resumeAfter),
  });
  await history.waitFor((frame) => frame.data?.type === "closed");
  await resumed.waitFor((frame) => frame.data?.type === "closed");
  history.close();
  resumed.close();
  raws.push(
    ["GET conversation", conversation.raw],
    ["GET timeline", timeline.raw],
    ["GET messages", messages.raw],
    ["stream (live)", live.raw()],
    ["stream (history)", history.raw()],
    ["stream (resumed)", resumed.raw()],
  );

  // (a) Only whitelisted keys, everywhere.
  expectCustomerConversation(conversation.body, "GET conversation");
  expectCustomerEvents(timeline.body, "GET timeline");
  for (const [index, message] of (messages.body as Json[]).entries())
    expectCustomerMessage(message, `GET messages[${index}]`);
  for (const [name, stream] of [
    ["live", live],
    ["history", history],
    ["resumed", resumed],
  ] as const) {
    expectCustomerEvents(
      events(stream.frames).map((frame) => frame.data),
      `stream (${name})`,
    );
    expectOnlyCustomerKeys(
      stream.frames.map((frame) => frame.data),
      `stream (${name}) frames`,
    );
  }

  // (b) No staff-only text anywhere.
  for (const [where, raw] of raws) expectNoSecrets(raw, [...staffOnly, ...staffWords], where);
  const notTheirs = staffOnly.filter((secret) => secret !== ahead.conversation.id); // their own id is theirs to see
  expectNoSecrets(left.raw, [...notTheirs, ...staffWords], "POST close (the customer ahead)");

  // (c) What the customer should see. The transcript, with who wrote each line:
  const lines = (timeline.body as Json[]).filter((e) => e.type === "message").map((e) => e.message);
  const aria = { type: "agent", name: agentA.name, kind: "ai" };
  const rileySays = { type: "agent", name: riley.name, kind: "human" };
  expect(lines.map((line: Json) => [line.sender, line.text])).toEqual([
    [aria, "Hi Dana, I'm Aria."],
    [{ type: "customer" }, "I want to talk to a person"],
    [aria, "Of course — I'm connecting you to a person now. They'll see our conversation so far."],
    [rileySays, "Hi Dana, Riley here."],
    [rileySays, "One moment while I check."],
    [{ type: "agent", name: agentB.name, kind: "ai" }, "Welcome back Dana, Bram here."],
    [{ type: "customer" }, "Sorry, a human please"],
    [{ type: "agent", name: agentB.name, kind: "ai" }, expect.stringContaining("connecting you to a person")],
    [rileySays, "All sorted now."],
  ]);
  expect((messages.body as Json[]).map((m) => [m.sender, m.text])).toEqual(
    lines.map((line: Json) => [line.sender, line.text]),
  );
  // Joins, leaves, the wait and the end, in order:
  const moments = (timeline.body as Json[])
    .filter((e) => e.type !== "message")
    .map((e) => [e.type, e.agent?.name ?? e.position ?? e.by]);
  expect(moments).toEqual([
    ["agent.joined", agentA.name],
    ["agent.left", agentA.name],
    ["queued", 2],
    ["agent.joined", riley.name],
    ["agent.left", riley.name],
    ["agent.joined", agentB.name],
    ["agent.left", agentB.name],
    ["agent.joined", riley.name],
    ["ended", riley.name],
    ["agent.left", riley.name],
    ["closed", "support"],
  ]);
  expect(conversation.body).toEqual({
    id,
    status: "closed",
    answering: { name: riley.name, kind: "human" },
    waiting: null,
  });

  // The stream tells the same story: ids are the conversation's sequence numbers, so resuming skips exactly.
  const seqs = (timeline.body as Json[]).map((e) => e.seq);
  for (const stream of [live, history]) expect(events(stream.frames).map((frame) => Number(frame.id))).toEqual(seqs);
  expect(events(history.frames).map((frame) => frame.data)).toEqual(timeline.body);
  expect(events(live.frames).map((frame) => frame.data)).toEqual(timeline.body);
  expect(events(resumed.frames).map((frame) => frame.data)).toEqual(
    (timeline.body as Json[]).filter((e) => e.seq > resumeAfter),
  );
  expect(live.frames.filter((frame) => frame.event === "position").map((frame) => frame.data.position)).toContain(1);
  // Sequence numbers have gaps where staff-only events were left out: the numbering is the conversation's own.
  expect(seqs.at(-1)).toBe(staffTimeline.at(-1)?.seq);
  expect(seqs.length).toBeLessThan(staffTimeline.length);
});

test("[AUDIENCE] staff reading the same routes keep the staff view", async ({ request }) => {
  const admin = new Api(request);
  const queue = await admin.queue();
  const rep = await admin.rep();
  await admin.join(queue.id, rep.id);
  const { conversation, customerToken } = await admin.start({ queueId: queue.id, context: { plan: "gold" } });
  // A staff caller starting a conversation sees it as staff do.
  expect(conversation).toMatchObject({ assigneeId: rep.id, context: { plan: "gold" }, queue: { id: queue.id } });
  expect(customerToken).toEqual(expect.any(String));
  await admin.say(conversation.id, customerToken, "hello");
  await admin.ok("POST", `/api/conversations/${conversation.id}/transfer`, {
    toQueueId: queue.id,
    note: "staff can read this",
    byAgentId: rep.id,
  });
  const timeline = await admin.timeline(conversation.id);
  expect(timeline.find((e) => e.type === "conversation.transferred")?.data.note).toBe("staff can read this");
  expect(timeline.find((e) => e.type === "agent.assigned")?.data).toHaveProperty("explanation");
  const view = await admin.conversation(conversation.id);
  expect(view).toHaveProperty("handoff.note", "staff can read this");
  const messages = await admin.messages(conversation.id);
  expect(messages[0]).toMatchObject({ authorType: "customer", conversationId: conversation.id });
});

test("[AUDIENCE] the OpenAPI document declares exactly the customer view, strict, for every customer-readable route", async ({
  request,
}) => {
  const document = await (await request.get("/api/openapi.json")).json();
  const schemas = document.components.schemas;
  const keys = (schema: Json) => Object.keys(schema.properties).sort();
  expect(keys(schemas.CustomerConversation)).toEqual([...customerShapes.conversation].sort());
  // `choices` is optional: only an AI agent's line that offers buttons carries it.
  expect(keys(schemas.CustomerMessage)).toEqual([...customerShapes.message, ...customerShapes.messageChoices].sort());
  expect(schemas.CustomerMessage.required.sort()).toEqual([...customerShapes.message].sort());
  expect(keys(schemas.CustomerWaiting)).toEqual([...customerShapes.waiting].sort());
  const declared = Object.fromEntries(
    schemas.CustomerEvent.oneOf.map((variant: Json) => [variant.properties.type.const, keys(variant)]),
  );
  expect(declared).toEqual(
    Object.fromEntries(Object.entries(customerShapes.events).map(([type, fields]) => [type, [...fields].sort()])),
  );
  for (const name of ["CustomerConversation", "CustomerMessage", "CustomerWaiting", "CustomerStarted"])
    expect(schemas[name].additionalProperties, name).toBe(false);
  for (const variant of schemas.CustomerEvent.oneOf) expect(variant.additionalProperties).toBe(false);
  const answers = (path: string, method: string, status = "200") =>
    JSON.stringify(document.paths[path][method].responses[status].content["application/json"].schema);
  for (const [path, method, status, schema] of [
    ["/api/conversations", "post", "201", "CustomerStarted"],
    ["/api/conversations/{id}", "get", "200", "CustomerConversation"],
    ["/api/conversations/{id}/timeline", "get", "200", "CustomerEvent"],
    ["/api/conversations/{id}/messages", "get", "200", "CustomerMessage"],
    ["/api/conversations/{id}/messages", "post", "201", "CustomerMessage"],
    ["/api/conversations/{id}/close", "post", "200", "CustomerConversation"],
  ])
    expect(answers(path, method, status), `${method} ${path}`).toContain(`#/components/schemas/${schema}`);
});
