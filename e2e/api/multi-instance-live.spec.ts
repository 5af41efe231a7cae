import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { Api, type Json } from "../support/api";
import { type Instance, type Instances, startInstances } from "../support/instances";
import { type Frame, type OpenStream, openStream } from "../support/sse";

/**
 * Two real `next start` instances over one PostgreSQL database: what is written through one is streamed live by the
 * other (lib/events/postgres-bus.ts, docs/decisions/011-live-events-across-instances.md) — every event, in order,
 * none missing, none doubled — and agent and queue changes cross too. A real fault: the LISTEN session of one
 * instance is ended by the database server while messages keep coming through the other.
 */
test.describe.configure({ mode: "serial" });

let cluster: Instances;
let A: Instance;
let B: Instance;
const contexts: APIRequestContext[] = [];
const streams: OpenStream[] = [];

async function apiOn(instance: Instance, key: string | null = cluster.adminKey): Promise<Api> {
  const context = await playwrightRequest.newContext({ baseURL: instance.url });
  contexts.push(context);
  return new Api(context, key);
}

async function stream(url: string, headers: Record<string, string>): Promise<OpenStream> {
  const opened = await openStream(url, headers);
  streams.push(opened);
  return opened;
}

const adminHeaders = () => ({ "x-api-key": cluster.adminKey });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const ofConversation = (id: string) => (frame: Frame) => frame.data?.conversationId === id;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startInstances("live", 2);
  [A, B] = cluster.instances;
});

test.afterAll(async () => {
  for (const s of streams) s.close();
  for (const context of contexts) await context.dispose();
  await cluster?.stop();
});

/** A queue with one representative (who has an API key of their own), set up through `api`. */
async function queueWithRep(api: Api) {
  const queue = await api.queue();
  const rep = await api.rep({ capacity: 5 });
  await api.join(queue.id, rep.id);
  return { queue, rep, repKey: await api.repKey(rep) };
}

test("[LIVE] a conversation written through instance A streams on instance B: every event, in order, none missing, none doubled", async () => {
  const adminA = await apiOn(A);
  const { queue, repKey } = await queueWithRep(adminA);
  const supervisorAll = await stream(`${B.url}/api/stream`, adminHeaders());
  const { conversation, customerToken } = await adminA.start({ queueId: queue.id });
  const id = conversation.id as string;
  const customerOnB = await stream(`${B.url}/api/conversations/${id}/stream`, bearer(customerToken));
  const staffOnB = await stream(`${B.url}/api/conversations/${id}/stream`, adminHeaders());

  const customerA = await apiOn(A, null);
  const repA = await apiOn(A, repKey);
  for (let i = 0; i < 15; i++) {
    await customerA.say(id, customerToken, `customer ${i}`);
    await repA.ok("POST", `/api/conversations/${id}/messages`, { text: `rep ${i}` });
  }
  await repA.ok("POST", `/api/conversations/${id}/end`, { notes: "done" });
  await repA.ok("POST", `/api/conversations/${id}/close`, {}); // the last event: everything before it came first

  const staffTimeline = await adminA.timeline(id);
  const customerTimeline: Json[] = await customerA.ok(
    "GET",
    `/api/conversations/${id}/timeline`,
    undefined,
    bearer(customerToken),
  );
  const closed = (frame: Frame) => frame.data?.type === "conversation.closed";
  await staffOnB.waitFor(closed);
  await customerOnB.waitFor((frame) => Number(frame.id) === customerTimeline.at(-1)?.seq);
  await supervisorAll.waitFor((frame) => ofConversation(id)(frame) && closed(frame));

  expect(staffOnB.frames.map((frame) => frame.data)).toEqual(staffTimeline);
  expect(staffOnB.frames.map((frame) => Number(frame.id))).toEqual(staffTimeline.map((event) => event.seq));
  expect(customerOnB.frames.filter((frame) => frame.id !== undefined).map((frame) => frame.data)).toEqual(
    customerTimeline,
  );
  // No history on the supervisor's stream: it opened before the conversation started, so it has all of it.
  expect(supervisorAll.frames.filter(ofConversation(id)).map((frame) => frame.data)).toEqual(staffTimeline);
});

test("[LIVE] writes racing through both instances reach each one's streams once each, in order", async () => {
  const adminA = await apiOn(A);
  const { queue, repKey } = await queueWithRep(adminA);
  const supervisorOnB = await stream(`${B.url}/api/stream`, adminHeaders());
  const { conversation, customerToken } = await adminA.start({ queueId: queue.id });
  const id = conversation.id as string;
  const staffOnA = await stream(`${A.url}/api/conversations/${id}/stream`, adminHeaders());
  const staffOnB = await stream(`${B.url}/api/conversations/${id}/stream`, adminHeaders());

  // The customer writes through A while the representative writes through B, at the same time.
  const customerA = await apiOn(A, null);
  const repB = await apiOn(B, repKey);
  await Promise.all([
    (async () => {
      for (let i = 0; i < 20; i++) await customerA.say(id, customerToken, `customer ${i}`);
    })(),
    (async () => {
      for (let i = 0; i < 20; i++) await repB.ok("POST", `/api/conversations/${id}/messages`, { text: `rep ${i}` });
    })(),
  ]);
  // Last, through A: A's notifications reach B in the order sent, so every earlier one has arrived when this has.
  await customerA.ok("POST", `/api/conversations/${id}/close`, {}, bearer(customerToken));

  const timeline = await adminA.timeline(id);
  const closed = (frame: Frame) => frame.data?.type === "conversation.closed";
  for (const s of [staffOnA, staffOnB]) {
    await s.waitFor(closed);
    expect(s.frames.map((frame) => Number(frame.id))).toEqual(timeline.map((event) => event.seq));
    expect(s.frames.map((frame) => frame.data)).toEqual(timeline);
  }
  // The supervisor's stream has no sequence of its own: events written through different instances may reach it in
  // either order (each instance's own in order), but each arrives exactly once.
  await supervisorOnB.waitFor((frame) => ofConversation(id)(frame) && closed(frame));
  const seen = supervisorOnB.frames.filter(ofConversation(id)).map((frame) => frame.data);
  expect([...seen].sort((x, y) => x.seq - y.seq)).toEqual(timeline);
});

test("[LIVE] agent and queue changes made through A reach B's dashboard and the representative's inbox on B", async () => {
  const adminA = await apiOn(A);
  const { queue, rep, repKey } = await queueWithRep(adminA);
  const bystander = await adminA.rep();
  const dashboardOnB = await stream(`${B.url}/api/stream`, adminHeaders());
  const inboxOnB = await stream(`${B.url}/api/agents/${rep.id}/stream`, { "x-api-key": repKey });
  // A's notifications reach B in the order sent: once this one is in, the set-up's have all arrived, and whatever
  // comes after is what the steps below caused.
  await adminA.ok("PUT", `/api/agents/${bystander.id}/presence`, { presence: "away" });
  await dashboardOnB.waitFor((frame) => frame.event === "agent" && frame.data?.agentId === bystander.id);
  const after = (s: OpenStream, predicate: (frame: Frame) => boolean) => {
    const from = s.frames.length;
    return () => s.waitFor((frame) => s.frames.indexOf(frame) >= from && predicate(frame));
  };

  const awayOnDashboard = after(dashboardOnB, (frame) => frame.event === "agent" && frame.data?.agentId === rep.id);
  await adminA.ok("PUT", `/api/agents/${rep.id}/presence`, { presence: "away" });
  await awayOnDashboard();

  await adminA.ok("PUT", `/api/agents/${rep.id}/presence`, { presence: "available" });
  const assignedInInbox = after(inboxOnB, (frame) => frame.event === "inbox");
  const queueOnDashboard = after(dashboardOnB, (frame) => frame.event === "queue" && frame.data?.queueId === queue.id);
  await adminA.start({ queueId: queue.id }); // assigned to the rep: their inbox changes, and the queue
  await assignedInInbox();
  await queueOnDashboard();
});

test("[LIVE] when B's LISTEN session is cut, B reconnects and its streams catch up from the database: nothing missed, nothing doubled", async () => {
  const adminA = await apiOn(A);
  const { queue, repKey } = await queueWithRep(adminA);
  const { conversation, customerToken } = await adminA.start({ queueId: queue.id });
  const id = conversation.id as string;
  const staffOnB = await stream(`${B.url}/api/conversations/${id}/stream`, adminHeaders());
  const dashboardOnB = await stream(`${B.url}/api/stream`, adminHeaders());
  const repA = await apiOn(A, repKey);
  await repA.ok("POST", `/api/conversations/${id}/messages`, { text: "before the cut" });
  await staffOnB.waitFor((frame) => frame.data?.data?.text === "before the cut");

  // The database server ends B's LISTEN session (a restart or a cut connection would do the same) while A writes on.
  const cut = await cluster.query<{ cut: boolean }>(
    "SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE application_name = $1",
    [`switchboard-bus ${B.pid}`],
  );
  expect(cut).toEqual([{ cut: true }]);
  const customerA = await apiOn(A, null);
  for (let i = 0; i < 10; i++) await customerA.say(id, customerToken, `during ${i}`);
  // A stream without history cannot re-read what it missed: B ends it, and the client reconnects and refetches.
  await dashboardOnB.ended;
  // B listens again (a new session under the same name).
  await expect
    .poll(
      async () =>
        (
          await cluster.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1", [
            `switchboard-bus ${B.pid}`,
          ])
        ).length,
      { timeout: 15_000 },
    )
    .toBe(1);
  await repA.ok("POST", `/api/conversations/${id}/messages`, { text: "after the cut" });
  await customerA.ok("POST", `/api/conversations/${id}/close`, {}, bearer(customerToken));

  const timeline = await adminA.timeline(id);
  await staffOnB.waitFor((frame) => frame.data?.type === "conversation.closed");
  expect(staffOnB.frames.map((frame) => Number(frame.id))).toEqual(timeline.map((event) => event.seq));
  expect(staffOnB.frames.map((frame) => frame.data)).toEqual(timeline);
});
