import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { checkDatabaseInvariants } from "../../lib/diagnostics/invariants";
import { Api, type Json, unique } from "../support/api";
import { type Instance, type Instances, startInstances } from "../support/instances";
import { type Frame, type OpenStream, openStream } from "../support/sse";

/**
 * Two real `next start` instances over one PostgreSQL database, raced through HTTP (issue 9, "Tests and CI"): starts,
 * customer and representative messages, transfers to an AI agent's queue and hand-backs, presence changes and closes
 * (by the representative and by the wrap-up timer) split across both, while B streams the supervisor's view and a few
 * conversations. Afterwards the database's invariants hold, every timer fired once, and B's streams carry every event
 * once, in order. Then one instance is killed with SIGKILL in the middle of a load: the other carries on, serves the
 * queue, and nothing either acknowledged is lost.
 */
test.describe.configure({ mode: "serial" });

let cluster: Instances;
let A: Instance;
let B: Instance;
const contexts: APIRequestContext[] = [];
const streams: OpenStream[] = [];

/** Which instance takes each request: seeded, so a failing run can be replayed with the seed it prints. */
const seed = Number(process.env.RACE_SEED ?? Date.now() % 1_000_000);
let state = seed;
function random(): number {
  // mulberry32
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

async function apiOn(instance: Instance, key: string | null = cluster.adminKey): Promise<Api> {
  const context = await playwrightRequest.newContext({ baseURL: instance.url });
  contexts.push(context);
  return new Api(context, key);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // The safety sweep every 500 ms: after the kill, the survivor finds what the dead one left unserved without waiting
  // for the next change.
  cluster = await startInstances("race", 2, { SWITCHBOARD_SWEEP_INTERVAL_MS: "500" });
  [A, B] = cluster.instances;
  console.log(`[RACE] seed ${seed} (RACE_SEED replays the split)`);
});

test.afterAll(async () => {
  for (const s of streams) s.close();
  for (const context of contexts) await context.dispose();
  await cluster?.stop();
});

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
interface Op {
  op: string;
  on: "A" | "B";
  status: number;
}

/** The admin's client on each instance; everyone else's is `as(key)` on it. */
interface Clients {
  on: { A: Api; B: Api };
  ops: Op[];
}

/** A write on an instance chosen at random; each either works or is refused because someone changed it first (409). */
async function act(
  clients: Clients,
  op: string,
  key: string | null,
  method: Method,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<{ status: number; body: any }> {
  const on = random() < 0.5 ? "A" : "B";
  const result = await clients.on[on].as(key).call(method, path, body, headers);
  clients.ops.push({ op, on, status: result.status });
  expect(
    [200, 201, 409],
    `${op} on ${on}: ${method} ${path} → ${result.status} ${JSON.stringify(result.body)}`,
  ).toContain(result.status);
  return result;
}

test("[MULTI-INSTANCE] starts, messages, transfers, hand-backs, presence and closes racing over two instances: invariants hold, timers fire once, B's streams get every event once, in order", async () => {
  test.setTimeout(240_000);
  const adminA = await apiOn(A);
  const adminB = await apiOn(B);
  const clients: Clients = { on: { A: adminA, B: adminB }, ops: [] };

  // A wrap-up of one second: representatives who close at once race the timer, the others are closed by it.
  const people = await adminA.queue({ wrapUpSeconds: 1, inactivityTimeoutSeconds: null });
  const bots = await adminA.queue({ inactivityTimeoutSeconds: null });
  const reps = await Promise.all([1, 2, 2, 3].map((capacity) => adminA.rep({ capacity })));
  const keys = new Map<string, string>();
  for (const rep of reps) {
    await adminA.join(people.id, rep.id);
    keys.set(rep.id, await adminA.repKey(rep));
  }
  for (let i = 0; i < 2; i++) {
    const bot = await adminA.ai({
      presence: "available",
      greeting: "Hello {customerName}, the bot here.",
      escalationQueueId: people.id,
      faq: [{ keywords: ["hours"], answer: "We are open 9 to 5." }],
    });
    await adminA.join(bots.id, bot.id);
  }

  const supervisorOnB = await openStream(`${B.url}/api/stream`, { "x-api-key": cluster.adminKey });
  streams.push(supervisorOnB);
  const watched: { id: string; stream: OpenStream }[] = [];

  /** Polls (on either instance) until a representative holds the conversation; null if none does in time. */
  async function heldBy(id: string): Promise<string | null> {
    for (let tries = 0; tries < 40; tries++) {
      const { body } = await act(clients, "read", cluster.adminKey, "GET", `/api/conversations/${id}`);
      if (body.status === "active" && keys.has(body.assignee?.id)) return body.assignee.id;
      if (body.status === "closed" || body.status === "wrap_up") return null;
      await pause(250);
    }
    return null;
  }

  /** One customer's conversation, from start to close, each request on A or B. */
  async function conversation(i: number) {
    const started = await act(clients, "start", cluster.adminKey, "POST", "/api/conversations", {
      customer: { name: `Customer ${i}` },
      queueId: people.id,
    });
    const id = started.body.conversation.id as string;
    const token = started.body.customerToken as string;
    if (i < 4) {
      // Opened after the start: it begins with the history, then goes live.
      const stream = await openStream(`${B.url}/api/conversations/${id}/stream`, { "x-api-key": cluster.adminKey });
      streams.push(stream);
      watched.push({ id, stream });
    }
    const customer = (text: string) =>
      act(clients, "customer message", null, "POST", `/api/conversations/${id}/messages`, { text }, bearer(token));
    await customer(`hello from ${i}`);
    await customer(`a question from ${i}`);

    let rep = await heldBy(id);
    if (!rep) {
      await act(clients, "customer close", null, "POST", `/api/conversations/${id}/close`, {}, bearer(token));
      return;
    }
    const asRep = (op: string, path: string, body: Json) =>
      act(clients, op, keys.get(rep as string) ?? null, "POST", `/api/conversations/${id}${path}`, body);
    await asRep("rep message", "/messages", { text: `rep answers ${i}` });

    switch (i % 4) {
      case 0: // ended, then closed by the representative racing the timer
        await asRep("end", "/end", { notes: `notes ${i}` });
        await pause(random() * 1500); // before or after the one-second timer: whichever is first closes it, once
        await asRep("rep close", "/close", { notes: `wrapped ${i}` });
        break;
      case 1: // ended, and left to the wrap-up timer
        await asRep("end", "/end", { notes: `notes ${i}` });
        break;
      case 2: {
        // to the AI agents' queue, then handed back: the customer asks for a person, or a supervisor moves it
        await asRep("transfer to AI", "/transfer", { toQueueId: bots.id, note: `bot, take ${i}` });
        await customer(`what are your hours? (${i})`);
        if (i % 8 === 2) {
          await act(
            clients,
            "request person",
            null,
            "POST",
            `/api/conversations/${id}/request-person`,
            {},
            bearer(token),
          );
        } else {
          await act(clients, "hand back", cluster.adminKey, "POST", `/api/conversations/${id}/transfer`, {
            toQueueId: people.id,
            note: `back to people ${i}`,
          });
        }
        rep = await heldBy(id);
        if (!rep) {
          await act(clients, "customer close", null, "POST", `/api/conversations/${id}/close`, {}, bearer(token));
          return;
        }
        await asRep("rep message", "/messages", { text: `back with a person ${i}` });
        await asRep("end", "/end", { notes: `notes after hand-back ${i}` });
        break;
      }
      default: // the customer leaves; the representative records their wrap-up
        await act(clients, "customer close", null, "POST", `/api/conversations/${id}/close`, {}, bearer(token));
        await asRep("rep close", "/close", { notes: `after the customer left ${i}` });
    }
  }

  /** Representatives going offline and coming back, meanwhile. */
  async function presence(rounds: number) {
    for (let round = 0; round < rounds; round++) {
      const rep = reps[Math.floor(random() * reps.length)];
      await act(clients, "presence", cluster.adminKey, "PUT", `/api/agents/${rep.id}/presence`, {
        presence: "offline",
      });
      await pause(150);
      await act(clients, "presence", cluster.adminKey, "PUT", `/api/agents/${rep.id}/presence`, {
        presence: "available",
      });
    }
  }

  const began = Date.now();
  const count = 40;
  await Promise.all([
    ...Array.from({ length: count }, (_, i) => pause(i * 60).then(() => conversation(i))),
    presence(12),
    presence(12),
  ]);
  const raced = Date.now() - began;

  // Settle: everyone available (a supervisor closes what is still open), every wrap-up closed by its timer.
  for (const rep of reps) await adminA.ok("PUT", `/api/agents/${rep.id}/presence`, { presence: "available" });
  await expect
    .poll(
      async () =>
        (await cluster.query<{ n: string }>(`SELECT count(*) AS n FROM "Conversation" WHERE status = 'wrap_up'`))[0].n,
      { timeout: 30_000 },
    )
    .toBe("0");
  for (const { id } of watched) {
    const { status } = await adminA.conversation(id);
    if (status !== "closed") await adminA.ok("POST", `/api/conversations/${id}/close`, { notes: "end of test" });
  }

  expect(await checkDatabaseInvariants(cluster.databaseUrl)).toEqual([]);
  // Each timer fired once: no conversation closed twice, and no timer left behind that is overdue.
  expect(
    await cluster.query(
      `SELECT "conversationId", count(*) FROM "Event" WHERE type = 'conversation.closed' GROUP BY 1 HAVING count(*) > 1`,
    ),
  ).toEqual([]);
  await expect
    .poll(() => cluster.query(`SELECT id, kind, "dueAt" FROM "Timer" WHERE "dueAt" < now()`), { timeout: 10_000 })
    .toEqual([]);
  const [byTimer] = await cluster.query<{ n: string }>(
    `SELECT count(*) AS n FROM "Event" WHERE type = 'conversation.closed' AND "actorType" = 'system'`,
  );
  expect(Number(byTimer.n)).toBeGreaterThan(0); // the timer did close some

  // B's conversation streams: the stored timeline, frame for frame, in order, none missing, none doubled.
  for (const { id, stream } of watched) {
    const timeline = await adminA.timeline(id);
    await stream.waitFor((frame) => Number(frame.id) === timeline.at(-1)?.seq);
    const framed = stream.frames.filter((frame) => frame.id !== undefined);
    expect(framed.map((frame) => Number(frame.id))).toEqual(timeline.map((event) => event.seq));
    expect(framed.map((frame) => frame.data)).toEqual(timeline);
  }
  // B's supervisor stream, open before the first start: every event of every conversation, each once. It has no
  // order across conversations or instances, so compare sorted.
  const stored = await cluster.query<{ conversationId: string; seq: number }>(
    `SELECT "conversationId", seq FROM "Event" ORDER BY "conversationId", seq`,
  );
  const onStream = (frame: Frame) => frame.event === undefined && typeof frame.data?.seq === "number";
  await expect.poll(() => supervisorOnB.frames.filter(onStream).length, { timeout: 15_000 }).toBe(stored.length);
  const seen = supervisorOnB.frames
    .filter(onStream)
    .map((frame) => ({ conversationId: frame.data.conversationId as string, seq: frame.data.seq as number }))
    .sort((x, y) =>
      x.conversationId === y.conversationId ? x.seq - y.seq : x.conversationId < y.conversationId ? -1 : 1,
    );
  expect(seen).toEqual(stored.map((row) => ({ conversationId: row.conversationId, seq: row.seq })));

  const writes = clients.ops.filter((o) => o.op !== "read");
  const tally = (list: Op[]) =>
    Object.entries(
      list.reduce<Record<string, number>>((sums, o) => {
        sums[o.op] = (sums[o.op] ?? 0) + 1;
        return sums;
      }, {}),
    )
      .map(([op, n]) => `${op} ${n}`)
      .join(", ");
  console.log(
    `[RACE] ${writes.length} writes (${writes.filter((o) => o.on === "A").length} on A, ${
      writes.filter((o) => o.on === "B").length
    } on B; ${writes.filter((o) => o.status === 409).length} refused 409) + ${
      clients.ops.length - writes.length
    } reads in ${raced} ms; ${tally(writes)}; ${stored.length} events, ${byTimer.n} closed by the timer`,
  );
});

test("[MULTI-INSTANCE] kill -9 of one instance mid-load: the other carries on, serves the waiting line, and nothing acknowledged is lost", async () => {
  test.setTimeout(180_000);
  for (const s of streams.splice(0)) s.close(); // B's streams from the race end with it
  const adminA = await apiOn(A);
  const adminB = await apiOn(B);
  const line = await adminA.queue({ inactivityTimeoutSeconds: null, wrapUpSeconds: 0 });
  const reps = await Promise.all([2, 2, 2].map((capacity) => adminA.rep({ capacity })));
  for (const rep of reps) await adminA.join(line.id, rep.id);

  const victim = B;
  const survivor = A;
  /** What each instance acknowledged (a 2xx): the conversations it started, the messages it stored. */
  const acknowledged = { conversations: [] as string[], messages: [] as { id: string; text: string }[] };
  const refused: string[] = [];
  let killed = false;
  let afterKill = 0;

  /** One client's loop on one instance: start, two messages, sometimes leave (freeing a unit) — until told to stop. */
  async function load(api: Api, on: "A" | "B", rounds: number) {
    for (let round = 0; round < rounds; round++) {
      let started: { status: number; body: any };
      try {
        started = await api.call("POST", "/api/conversations", {
          customer: { name: unique("Load") },
          queueId: line.id,
        });
      } catch (error) {
        // The dead instance: its connection refused or cut. Never the survivor.
        expect(on, `survivor failed: ${error}`).toBe(victim === A ? "A" : "B");
        refused.push(`${on} start: ${String(error).split("\n")[0]}`);
        return;
      }
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      const id = started.body.conversation.id as string;
      acknowledged.conversations.push(id);
      if (killed) afterKill++;
      for (const n of [1, 2]) {
        const text = `${on} ${round} message ${n} ${id}`;
        try {
          const said = await api.call(
            "POST",
            `/api/conversations/${id}/messages`,
            { text },
            bearer(started.body.customerToken),
          );
          expect(said.status, JSON.stringify(said.body)).toBe(201);
          acknowledged.messages.push({ id: said.body.id, text });
          if (killed) afterKill++;
        } catch (error) {
          expect(on, `survivor failed: ${error}`).toBe(victim === A ? "A" : "B");
          refused.push(`${on} message: ${String(error).split("\n")[0]}`);
          return;
        }
      }
      if (round % 3 === 2) {
        try {
          const left = await api.call("POST", `/api/conversations/${id}/close`, {}, bearer(started.body.customerToken));
          expect(left.status, JSON.stringify(left.body)).toBe(200);
        } catch (error) {
          expect(on, `survivor failed: ${error}`).toBe(victim === A ? "A" : "B");
          return;
        }
      }
    }
  }

  const survivorApi = survivor === A ? adminA : adminB;
  const victimApi = victim === A ? adminA : adminB;
  const rounds = 12;
  const loads = [
    ...[0, 1, 2].map(() => load(survivorApi.as(null), "A", rounds)),
    ...[0, 1, 2].map(() => load(victimApi.as(null), "B", rounds)),
  ].map((p) => p.then(() => undefined));
  // The kill, once the load is well under way on both.
  await expect.poll(() => acknowledged.conversations.length, { timeout: 60_000, intervals: [50] }).toBeGreaterThan(15);
  process.kill(victim.pid, "SIGKILL");
  killed = true;
  const before = acknowledged.conversations.length;
  await Promise.all(loads);

  // The process killed was the server itself, not a wrapper: its port is closed and its LISTEN session gone.
  expect(
    await fetch(`${victim.url}/api/health`).then(
      () => "answered",
      () => "refused",
    ),
  ).toBe("refused");
  await expect
    .poll(
      async () =>
        (
          await cluster.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1", [
            `switchboard-bus ${victim.pid}`,
          ])
        ).length,
      { timeout: 15_000 },
    )
    .toBe(0);
  expect(afterKill).toBeGreaterThan(0); // the survivor went on acknowledging after the kill

  // Nothing acknowledged is lost: every conversation and message that got a 2xx is stored.
  const conversations = await cluster.query<{ id: string }>(`SELECT id FROM "Conversation" WHERE id = ANY($1)`, [
    acknowledged.conversations,
  ]);
  expect(conversations.length).toBe(acknowledged.conversations.length);
  const messages = await cluster.query<{ id: string; text: string }>(
    `SELECT id, text FROM "Message" WHERE id = ANY($1)`,
    [acknowledged.messages.map((m) => m.id)],
  );
  expect(new Map(messages.map((m) => [m.id, m.text]))).toEqual(
    new Map(acknowledged.messages.map((m) => [m.id, m.text])),
  );

  // The waiting line is still served by the survivor alone. First what the dead one left: no one waits while a member
  // has room (room it freed but died before handing out is the survivor's safety sweep's to find) …
  await expect
    .poll(
      async () =>
        await cluster.query(
          `SELECT m."agentId", m."freeUnits" FROM "QueueMembership" m WHERE m."queueId" = $1 AND m."routable"
             AND m."freeUnits" > 0 AND EXISTS (SELECT 1 FROM "Conversation" c WHERE c."queueId" = $1 AND c.status = 'open')`,
          [line.id],
        ),
      { timeout: 30_000 },
    )
    .toEqual([]);
  const [waiting] = await cluster.query<{ n: string }>(
    `SELECT count(*) AS n FROM "Conversation" WHERE "queueId" = $1 AND status = 'open'`,
    [line.id],
  );
  // … then room made through the survivor goes to everyone still waiting.
  for (const rep of reps) await survivorApi.ok("PATCH", `/api/agents/${rep.id}`, { capacity: 100 });
  await expect
    .poll(
      async () =>
        await cluster.query(`SELECT id FROM "Conversation" WHERE "queueId" = $1 AND status = 'open'`, [line.id]),
      { timeout: 30_000 },
    )
    .toEqual([]);
  expect(await checkDatabaseInvariants(cluster.databaseUrl)).toEqual([]);
  console.log(
    `[KILL] ${acknowledged.conversations.length} starts and ${acknowledged.messages.length} messages acknowledged (${before} starts before the kill, ${afterKill} writes after it); ${waiting.n} waiting served by the survivor; the victim refused ${refused.length} loop(s): ${refused.join("; ")}`,
  );
});
