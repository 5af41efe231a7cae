import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "@/lib/agents/create-agent";
import { settleBotDeliveries } from "@/lib/ai-agents/dispatch";
import { now } from "@/lib/clock";
import { endConversation } from "@/lib/conversations/end-conversation";
import { postMessage } from "@/lib/conversations/post-message";
import { startConversation } from "@/lib/conversations/start-conversation";
import { databaseUrl, getDb } from "@/lib/db/client";
import { dialectOf } from "@/lib/db/dialect";
import { checkDatabaseInvariants } from "@/lib/diagnostics/invariants";
import { addMember } from "@/lib/queues/memberships";
import { buildQueue, buildRep } from "@/lib/testing/builders";
import { killChildren, spawnScript } from "@/lib/testing/child-process";
import { resetDatabase } from "@/lib/testing/reset-database";
import { startSilentBot } from "@/lib/testing/silent-bot";
import { agentActor, customerActor } from "@/lib/timeline/types";

/**
 * Several servers' timer loops on one PostgreSQL database (docs/decisions/012-timers-and-sweeps-across-instances.md):
 * three real processes (scripts/run-timers.ts, the engine the server's loop runs) fire a burst of 200 due timers —
 * wrap-ups, overflows and silent bots' reply timers — at the same time, and one of them is killed (SIGKILL) holding
 * its third claim. Every timer fires exactly once: one close per wrap-up, one overflow per waiting conversation, one
 * escalation per silent bot, and the killed process's claim is fired by another.
 *
 * PostgreSQL only: several processes on one SQLite file is not a configuration Switchboard supports.
 */
const WRAP_UPS = 100;
const OVERFLOWS = 60;
const SILENT_BOTS = 40;
const TIMERS = WRAP_UPS + OVERFLOWS + SILENT_BOTS;
const KILLED_AT_CLAIM = 3;

const onPostgres = dialectOf(databaseUrl()) === "postgres";

/** A Bot Framework bot that never answers: its reply timers will fire. */
let bot: Awaited<ReturnType<typeof startSilentBot>>;
let botUrl = "";
beforeAll(async () => {
  bot = await startSilentBot();
  botUrl = bot.url;
});
afterAll(() => bot.stop());
afterEach(killChildren);

/** `count` calls of `make`, a few at a time (the pool has ten connections): seeding through the engine, faster. */
async function inBatches<T>(count: number, make: (i: number) => Promise<T>, size = 8): Promise<T[]> {
  const made: T[] = [];
  for (let i = 0; i < count; i += size) {
    made.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => make(i + j)))));
  }
  return made;
}

async function seed() {
  await resetDatabase();
  // Where overflows and silent bots' conversations end up: people with room for all of them.
  const desk = await buildQueue({ name: "Desk" });
  const helpers = await Promise.all(
    Array.from({ length: 4 }, (_, i) => buildRep({ name: `Helper ${i}`, capacity: 40, queues: [desk.id] })),
  );

  const wrapQueue = await buildQueue({ name: "Wrap-ups", wrapUpSeconds: 60 });
  const reps = await Promise.all(
    Array.from({ length: 15 }, (_, i) => buildRep({ name: `Rep ${i}`, capacity: 10, queues: [wrapQueue.id] })),
  );
  const wrapUps = await inBatches(WRAP_UPS, async (i) => {
    const { conversation } = await startConversation({ customer: { name: `W${i}` }, queueId: wrapQueue.id });
    await endConversation({ conversationId: conversation.id, actor: agentActor(conversation.assigneeId as string) });
    return conversation.id;
  });

  // Nobody available (an offline member, so it can be waited for): each conversation waits with an overflow timer.
  const slow = await buildQueue({
    name: "Slow",
    overflowAction: "transfer",
    overflowAfterSeconds: 600,
    overflowQueueId: desk.id,
  });
  await buildRep({ name: "Offline", presence: "offline", queues: [slow.id] });
  const overflows = await inBatches(OVERFLOWS, async (i) => {
    const { conversation } = await startConversation({ customer: { name: `O${i}` }, queueId: slow.id });
    return conversation.id;
  });

  const botQueue = await buildQueue({ name: "Bots" });
  const { agent: silentBot } = await createAgent({
    kind: "ai",
    botType: "botframework",
    name: "Silent bot",
    capacity: 1,
    presence: "available",
    endpointUrl: botUrl,
    replyTimeoutMs: 60_000, // deliveries must not time out while seeding; the due times are moved below
    escalationQueueId: desk.id,
  });
  await addMember(botQueue.id, silentBot.id);
  const silent = await inBatches(SILENT_BOTS, async (i) => {
    const { conversation } = await startConversation({ customer: { name: `B${i}` }, queueId: botQueue.id });
    await postMessage({ conversationId: conversation.id, actor: customerActor, text: "Is anyone there?" });
    return conversation.id;
  });
  await settleBotDeliveries();

  // All due, the three kinds interleaved (a fixed shuffle, so a run can be repeated).
  const timers = await getDb().timer.findMany({ orderBy: { id: "asc" } });
  expect(timers).toHaveLength(TIMERS);
  const order = timers.map((timer, i) => ({ timer, key: (i * 2654435761) % 4294967291 })).sort((a, b) => a.key - b.key);
  const base = Date.now() - 3_600_000;
  await getDb().$transaction(
    order.map(({ timer }, i) => getDb().timer.update({ where: { id: timer.id }, data: { dueAt: new Date(base + i) } })),
  );
  return { wrapUps, overflows, silent, helperIds: helpers.map((h) => h.id), repIds: reps.map((r) => r.id) };
}

const reasonOf = (data: unknown) =>
  ((typeof data === "string" ? JSON.parse(data) : data) as { reason?: string } | null)?.reason;

/** How many events of each conversation match, as [conversationId, n] sorted by id. */
function perConversation(events: { conversationId: string }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const { conversationId } of events) counts.set(conversationId, (counts.get(conversationId) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}
const once = (ids: string[]): [string, number][] => [...ids].sort().map((id) => [id, 1]);

describe.runIf(onPostgres)("[TIMERS] several servers on one PostgreSQL database", () => {
  it(`three processes fire ${TIMERS} due timers at once, one killed holding a claim: each timer fires exactly once`, async () => {
    const seeded = await seed();

    const survivors = [spawnScript("scripts/run-timers.ts"), spawnScript("scripts/run-timers.ts")];
    const killed = spawnScript("scripts/run-timers.ts", {}, `timer-claimed:${KILLED_AT_CLAIM}`);
    const results = await Promise.all(survivors.map((child) => child.exited));
    const crashed = await killed.exited;

    expect(crashed.signal, `the third process was to die at its claim ${KILLED_AT_CLAIM}: ${crashed.stderr}`).toBe(
      "SIGKILL",
    );
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const fired = results.map((result) => (JSON.parse(result.stdout) as { fired: number }).fired);
    // What the killed process committed before its last claim, plus what the others fired: every timer, once.
    expect(fired.reduce((sum, n) => sum + n, 0) + (KILLED_AT_CLAIM - 1)).toBe(TIMERS);
    console.info(`timers fired per process: ${fired.join(", ")} and ${KILLED_AT_CLAIM - 1} (killed)`);

    const db = getDb();
    expect(await db.timer.count({ where: { dueAt: { lte: now() } } })).toBe(0);
    expect(await db.conversation.count({ where: { status: "wrap_up" } })).toBe(0);
    const closed = await db.event.findMany({
      where: { type: "conversation.closed" },
      select: { conversationId: true },
    });
    expect(perConversation(closed)).toEqual(once(seeded.wrapUps));
    const overflowed = await db.event.findMany({
      where: { type: "conversation.overflowed" },
      select: { conversationId: true },
    });
    expect(perConversation(overflowed)).toEqual(once(seeded.overflows));
    const transferred = await db.event.findMany({
      where: { type: "conversation.transferred" },
      select: { conversationId: true, data: true },
    });
    expect(perConversation(transferred.filter((e) => reasonOf(e.data) === "agent_failed"))).toEqual(
      once(seeded.silent),
    );
    // Every overflow and escalation landed with a helper; the wrap-up reps hold nothing any more.
    const helpers = await db.agent.findMany({ where: { id: { in: seeded.helperIds } } });
    expect(helpers.reduce((sum, h) => sum + h.usedCapacity, 0)).toBe(OVERFLOWS + SILENT_BOTS);
    const reps = await db.agent.findMany({ where: { id: { in: seeded.repIds } } });
    expect(reps.every((rep) => rep.usedCapacity === 0)).toBe(true);
    expect(await checkDatabaseInvariants(databaseUrl())).toEqual([]);
  }, 120_000); // a safety net, not a measure
});
