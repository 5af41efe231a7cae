import { afterEach, describe, expect, it } from "vitest";
import { startConversation } from "@/lib/conversations/start-conversation";
import { databaseUrl, getDb } from "@/lib/db/client";
import { dialectOf } from "@/lib/db/dialect";
import { checkDatabaseInvariants, type InvariantViolation } from "@/lib/diagnostics/invariants";
import { buildQueue, buildRep } from "@/lib/testing/builders";
import { type Child, killChildren, spawnScript } from "@/lib/testing/child-process";
import type { InstanceOp } from "@/lib/testing/instance-process";
import { resetDatabase } from "@/lib/testing/reset-database";
import { servableQueueIds } from "./safety-sweep";

/**
 * Waiting-queue sweeps with several servers on one PostgreSQL database
 * (docs/decisions/012-timers-and-sweeps-across-instances.md), with real processes: each child
 * (lib/testing/instance-process.ts) is a server instance without its HTTP front — engine, effects, timer loop,
 * safety sweep — making the changes it is given, and reporting every assignment it commits.
 *
 * PostgreSQL only: several processes on one SQLite file is not a configuration Switchboard supports.
 */
const onPostgres = dialectOf(databaseUrl()) === "postgres";

type Rep = Awaited<ReturnType<typeof buildRep>>;

afterEach(killChildren);

interface Assigned {
  assigned: { conversationId: string; agentId: string };
}
const isAssigned = (m: unknown): m is Assigned => typeof m === "object" && m !== null && "assigned" in m;
const assignmentsOf = (child: Child) =>
  child
    .messages<unknown>()
    .filter(isAssigned)
    .map((m) => m.assigned);

function instance(ops: InstanceOp[], sweepEveryMs: number, crashAt?: string): Child {
  return spawnScript(
    "lib/testing/instance-process.ts",
    { INSTANCE_OPS: JSON.stringify(ops), SWITCHBOARD_SWEEP_INTERVAL_MS: String(sweepEveryMs) },
    crashAt,
  );
}
const ready = (child: Child) => child.message((m: { ready?: boolean }) => m.ready === true);
const opsDone = (child: Child) => child.message((m: { opsDone?: boolean }) => m.opsDone === true);

/** Waits (polling, within the test's time-out) until no queue has both someone waiting and someone free. */
async function settled(): Promise<void> {
  while ((await servableQueueIds()).length > 0) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Samples the invariants over and over until `until` settles: they must hold at every instant, not just at the end. */
async function sampleInvariants(until: Promise<unknown>): Promise<{ samples: number; broken: InvariantViolation[] }> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  let samples = 0;
  const broken: InvariantViolation[] = [];
  while (!done) {
    broken.push(...(await checkDatabaseInvariants(databaseUrl())));
    samples++;
  }
  return { samples, broken };
}

/** How many `agent.assigned` events each of these conversations has. */
async function assignmentCounts(conversationIds: string[]): Promise<Map<string, number>> {
  const events = await getDb().event.findMany({
    where: { type: "agent.assigned", conversationId: { in: conversationIds } },
    select: { conversationId: true },
  });
  const counts = new Map<string, number>();
  for (const { conversationId } of events) counts.set(conversationId, (counts.get(conversationId) ?? 0) + 1);
  return counts;
}

/** `count` new conversations in a queue, a few at a time (the pool has ten connections); their ids in start order. */
async function startIn(queueId: string, count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 5) {
    const batch = Array.from({ length: Math.min(5, count - i) }, (_, j) =>
      startConversation({ customer: { name: `${prefix}${i + j}` }, queueId }),
    );
    for (const { conversation } of await Promise.all(batch)) ids.push(conversation.id);
  }
  return ids;
}

describe.runIf(onPostgres)("[ROUTING] waiting-queue sweeps on several servers", () => {
  it("two servers freeing capacity and sweeping the same queues at once never hold a conversation twice nor overfill anyone, and serve all they can", async () => {
    await resetDatabase();
    const queues = await Promise.all([1, 2, 3].map((priority) => buildQueue({ name: `P${priority}`, priority })));
    const [a, b, c] = queues.map((q) => q.id);
    // Sixteen representatives, each in two of the three queues; half at work, half offline.
    const reps: Rep[] = [];
    for (let i = 0; i < 16; i++) {
      const memberOf = [queues[i % 3].id, queues[(i + 1) % 3].id];
      reps.push(await buildRep({ capacity: 1 + (i % 4), presence: i < 8 ? "available" : "offline", queues: memberOf }));
    }
    // Enough conversations to fill everyone who is at work, then a long line in every queue.
    const db = getDb();
    const held: string[] = [];
    for (let i = 0; i < 8; i++) {
      while ((await db.agent.findUniqueOrThrow({ where: { id: reps[i].id } })).usedCapacity < reps[i].capacity) {
        held.push(...(await startIn(queues[i % 3].id, 1, `H${held.length}`)));
      }
    }
    const waiting = (await Promise.all([a, b, c].map((queueId) => startIn(queueId, 30, queueId)))).flat();
    const heldNow = await db.conversation.findMany({ where: { id: { in: held }, status: "active" } });
    expect(heldNow).toHaveLength(held.length);
    expect(await db.conversation.count({ where: { id: { in: waiting }, status: "open" } })).toBe(waiting.length);

    // Each server frees capacity its own way — representatives coming on, customers leaving, capacities raised — and
    // each change wakes that server's sweep of the same three queues.
    const leaving = heldNow.map((conversation) => conversation.id);
    const opsFor = (half: 0 | 1): InstanceOp[] => [
      ...reps
        .slice(8)
        .filter((_, i) => i % 2 === half)
        .map((rep) => ({ op: "presence" as const, agentId: rep.id, presence: "available" as const })),
      ...leaving.filter((_, i) => i % 2 === half).map((conversationId) => ({ op: "leave" as const, conversationId })),
      ...reps
        .slice(0, 8)
        .filter((_, i) => i % 2 === half)
        .map((rep) => ({ op: "capacity" as const, agentId: rep.id, capacity: rep.capacity + 1 })),
    ];
    const servers = [instance(opsFor(0), 1_000), instance(opsFor(1), 1_000)];
    const { samples, broken } = await sampleInvariants(
      Promise.all(servers.map(opsDone)).then(settled), // the changes made, then everything servable served
    );
    for (const server of servers) server.finish();
    const results = await Promise.all(servers.map((server) => server.exited));
    for (const result of results) expect(result.code, result.stderr).toBe(0);

    // Capacity never exceeded, no conversation ever held twice — at any of the sampled instants, and at the end.
    expect(broken).toEqual([]);
    expect(samples).toBeGreaterThan(0);
    expect(await checkDatabaseInvariants(databaseUrl())).toEqual([]);
    // Every servable conversation served: nobody free where anyone waits — and people still wait, so everyone is full.
    expect(await servableQueueIds()).toEqual([]);
    expect(await db.conversation.count({ where: { id: { in: waiting }, status: "open" } })).toBeGreaterThan(0);
    const everyone = await db.agent.findMany({ where: { kind: "human" } });
    expect(everyone.filter((rep) => rep.usedCapacity < rep.capacity)).toEqual([]);
    // Each waiting conversation was assigned at most once, by one server or the other, and the servers' own
    // accounts of what they committed add up to what the database holds.
    const counts = await assignmentCounts(waiting);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    const byServer = servers.map((server) => assignmentsOf(server).filter((a) => counts.has(a.conversationId)));
    const reported = byServer.flat().map((a) => a.conversationId);
    expect(new Set(reported).size).toBe(reported.length);
    expect(reported.sort()).toEqual([...counts.keys()].sort());
    console.info(
      `assigned from the line: ${byServer.map((s) => s.length).join(" + ")} = ${counts.size}; ` +
        `${samples} invariant samples taken meanwhile`,
    );
  }, 120_000);

  it("a server killed in the middle of a sweep: another serves the queue through its safety sweep, and nothing the killed one committed is lost", async () => {
    await resetDatabase();
    const queue = await buildQueue({ name: "Line" });
    const reps: Rep[] = [];
    for (let i = 0; i < 12; i++) reps.push(await buildRep({ capacity: 3, presence: "offline", queues: [queue.id] }));
    const waiting = await startIn(queue.id, 45, "w");

    // The survivor changes nothing itself: only its safety sweep can serve the line.
    const survivor = instance([], 500);
    await ready(survivor);
    // The other brings everyone on, and its sweep dies writing its 8th assignment (SIGKILL: no rollback sent).
    const KILLED_AT = 8;
    const doomed = instance(
      reps.map((rep) => ({ op: "presence", agentId: rep.id, presence: "available" })),
      500,
      `waiting-served:${KILLED_AT}`,
    );
    const crashed = await doomed.exited;
    expect(crashed.signal, `the sweep was to die at its assignment ${KILLED_AT}: ${crashed.stderr}`).toBe("SIGKILL");
    const committedByDoomed = assignmentsOf(doomed);
    expect(committedByDoomed).toHaveLength(KILLED_AT - 1);

    const { broken } = await sampleInvariants(settled());
    survivor.finish();
    const survived = await survivor.exited;
    expect(survived.code, survived.stderr).toBe(0);
    expect(broken).toEqual([]);
    expect(await checkDatabaseInvariants(databaseUrl())).toEqual([]);

    const db = getDb();
    // Whatever the killed server acknowledged is there: its committed assignments, and the presence changes it answered.
    for (const { conversationId, agentId } of committedByDoomed) {
      expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
        status: "active",
        assigneeId: agentId,
      });
    }
    const acked = doomed.messages<{ ack?: number }>().flatMap((m) => (m.ack === undefined ? [] : [reps[m.ack].id]));
    expect(await db.agent.count({ where: { id: { in: acked }, presence: { not: "available" } } })).toBe(0);
    // The queue was served to the full by the survivor: every representative who came on is full, each conversation
    // assigned at most once, and the two servers' accounts add up to what the database holds.
    expect(await servableQueueIds()).toEqual([]);
    const cameOn = await db.agent.findMany({ where: { presence: "available" } });
    expect(cameOn.length).toBeGreaterThan(0);
    expect(cameOn.filter((rep) => rep.usedCapacity < rep.capacity)).toEqual([]);
    const counts = await assignmentCounts(waiting);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    const bySurvivor = assignmentsOf(survivor);
    expect(bySurvivor.length).toBeGreaterThan(0);
    expect([...committedByDoomed, ...bySurvivor].map((a) => a.conversationId).sort()).toEqual(
      [...counts.keys()].sort(),
    );
    console.info(
      `killed server committed ${committedByDoomed.length} (${acked.length} of its changes answered), ` +
        `survivor served ${bySurvivor.length}; ${cameOn.length} representatives on`,
    );
  }, 120_000);
});
