import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "@/lib/agents/create-agent";
import { settleBotDeliveries } from "@/lib/ai-agents/dispatch";
import { now } from "@/lib/clock";
import { endConversation } from "@/lib/conversations/end-conversation";
import { postMessage } from "@/lib/conversations/post-message";
import { startConversation } from "@/lib/conversations/start-conversation";
import { databaseUrl, disconnectDb, getDb } from "@/lib/db/client";
import { crashAtVariable } from "@/lib/diagnostics/crash-point";
import { checkDatabaseInvariants } from "@/lib/diagnostics/invariants";
import { addMember } from "@/lib/queues/memberships";
import { buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { startSilentBot } from "@/lib/testing/silent-bot";
import { agentActor, customerActor } from "@/lib/timeline/types";

/**
 * Timers are exactly-once across a crash (docs/decisions/008-timers-exactly-once.md), shown with a real kill:
 * a burst of wrap-ups and silent-bot timers is due; a child process runs the timer engine on the same SQLite file
 * and SIGKILLs itself at `timer-claimed` — the n-th timer's row deleted, its action not committed. A second child
 * (the restart) runs the timers to completion. Then every conversation is checked straight in the database.
 *
 * TIMERS_CRASH_RUNS sets how many kill points are tried: 2 by default (one run — seed, kill, restart, check — took
 * 15–30 s on a quiet 2-core machine, up to 180 s when it was shared); `TIMERS_CRASH_RUNS=20` for the full check.
 */
const WRAP_UPS = 300;
const SILENT_BOTS = 60;
const TIMERS = WRAP_UPS + SILENT_BOTS;
const runs = Number(process.env.TIMERS_CRASH_RUNS ?? 2);

// Kill points spread over the burst (first, last, and between), then pseudo-random ones: any of them may be a
// wrap-up or a bot's timer, since their due times are interleaved.
const fixedPoints = [1, TIMERS, 137, 42, 299, 301, 2];
const killPoints = Array.from({ length: runs }, (_, i) =>
  i < fixedPoints.length ? fixedPoints[i] : 1 + ((i * 97) % TIMERS),
);

/** A Bot Framework bot that never answers: its reply timers will fire. */
let bot: Awaited<ReturnType<typeof startSilentBot>>;
let botUrl = "";
beforeAll(async () => {
  bot = await startSilentBot();
  botUrl = bot.url;
});
afterAll(() => bot.stop());

interface Seeded {
  wrapUps: string[];
  silent: string[];
  repIds: string[];
}

async function seed(): Promise<Seeded> {
  await resetDatabase();
  const wrapQueue = await buildQueue({ name: "Wrap-ups", wrapUpSeconds: 60 });
  const reps = await Promise.all(
    Array.from({ length: 30 }, (_, i) => buildRep({ name: `Rep ${i}`, capacity: 10, queues: [wrapQueue.id] })),
  );
  // Where the silent bot's conversations go: people with room for all of them.
  const escalations = await buildQueue({ name: "Escalations" });
  const helpers = await Promise.all(
    Array.from({ length: 4 }, (_, i) => buildRep({ name: `Helper ${i}`, capacity: 20, queues: [escalations.id] })),
  );
  const botQueue = await buildQueue({ name: "Bots" });
  const { agent: silentBot } = await createAgent({
    kind: "ai",
    botType: "botframework",
    name: "Silent bot",
    capacity: 1,
    presence: "available",
    endpointUrl: botUrl,
    replyTimeoutMs: 60_000, // deliveries must not time out while seeding; the due times are moved below
    escalationQueueId: escalations.id,
  });
  await addMember(botQueue.id, silentBot.id);

  const wrapUps: string[] = [];
  for (let i = 0; i < WRAP_UPS; i++) {
    const { conversation } = await startConversation({ customer: { name: `W${i}` }, queueId: wrapQueue.id });
    await endConversation({ conversationId: conversation.id, actor: agentActor(conversation.assigneeId as string) });
    wrapUps.push(conversation.id);
  }
  const silent: string[] = [];
  for (let i = 0; i < SILENT_BOTS; i++) {
    const { conversation } = await startConversation({ customer: { name: `B${i}` }, queueId: botQueue.id });
    await postMessage({ conversationId: conversation.id, actor: customerActor, text: "Is anyone there?" });
    silent.push(conversation.id);
  }
  await settleBotDeliveries();

  // All due, in an order that interleaves the two kinds (a fixed shuffle, so a run can be repeated).
  const timers = await getDb().timer.findMany({ orderBy: { id: "asc" } });
  expect(timers).toHaveLength(TIMERS);
  const order = timers.map((timer, i) => ({ timer, key: (i * 2654435761) % 4294967291 })).sort((a, b) => a.key - b.key);
  const base = Date.now() - 3_600_000;
  await getDb().$transaction(
    order.map(({ timer }, i) => getDb().timer.update({ where: { id: timer.id }, data: { dueAt: new Date(base + i) } })),
  );
  await disconnectDb(); // the children own the file from here
  return { wrapUps, silent, repIds: [...reps, ...helpers].map((r) => r.id) };
}

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

// A child left running by a failed or timed-out test must not write into the next test's database.
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill("SIGKILL");
  children.clear();
});

/** The timer engine in its own process, on the same database file (tsx as a loader: the process we kill is it). */
function runTimersProcess(crashAt?: string): Promise<ChildResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent" };
  delete env[crashAtVariable];
  if (crashAt) env[crashAtVariable] = crashAt;
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "run-timers.ts")], {
    cwd: process.cwd(),
    env,
  });
  children.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) =>
    child.on("close", (code, signal) => {
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

/** What the children left, read through the engine's own client (either dialect), which lets go of the database after. */
async function inspect(seeded: Seeded) {
  const db = getDb();
  try {
    const stuckInWrapUp = await db.conversation.count({ where: { status: "wrap_up" } });
    const dueTimers = await db.timer.count({ where: { dueAt: { lte: now() } } });
    const closed = await db.event.findMany({
      where: { type: "conversation.closed" },
      select: { conversationId: true },
    });
    const transferred = await db.event.findMany({
      where: { type: "conversation.transferred" },
      select: { conversationId: true, data: true },
    });
    const failed = transferred.filter((event) => reasonOf(event.data) === "agent_failed");
    const capacity = await db.agent.findMany({
      where: { id: { in: seeded.repIds } },
      select: { id: true, usedCapacity: true },
    });
    return {
      stuckInWrapUp,
      dueTimers,
      closes: countBy(closed),
      escalations: countBy(failed),
      capacity,
      violations: await checkDatabaseInvariants(databaseUrl()),
    };
  } finally {
    await disconnectDb();
  }
}

const reasonOf = (data: unknown) =>
  ((typeof data === "string" ? JSON.parse(data) : data) as { reason?: string } | null)?.reason;

function countBy(events: { conversationId: string }[]): { conversationId: string; n: number }[] {
  const counts = new Map<string, number>();
  for (const { conversationId } of events) counts.set(conversationId, (counts.get(conversationId) ?? 0) + 1);
  return [...counts].map(([conversationId, n]) => ({ conversationId, n }));
}

async function timersLeft(): Promise<number> {
  try {
    return await getDb().timer.count();
  } finally {
    await disconnectDb(); // the next child owns the database again
  }
}

describe("[TIMERS] exactly once across a crash", () => {
  for (const n of killPoints) {
    it(`a process killed after claiming timer ${n} of ${TIMERS}: the restart fires every timer exactly once`, async () => {
      const seeded = await seed();

      const crashed = await runTimersProcess(`timer-claimed:${n}`);
      expect(crashed.signal, crashed.stderr).toBe("SIGKILL");
      // It died holding the n-th claim: the n − 1 before it committed, the n-th rolled back with its row.
      expect(await timersLeft()).toBe(TIMERS - (n - 1));

      const restarted = await runTimersProcess();
      expect(restarted.code, restarted.stderr).toBe(0);
      expect(JSON.parse(restarted.stdout)).toEqual({ fired: TIMERS - (n - 1) });

      const state = await inspect(seeded);
      expect(state.stuckInWrapUp).toBe(0);
      expect(state.dueTimers).toBe(0);
      // Every wrap-up closed exactly once, and nothing else closed.
      expect(state.closes.map((c) => c.conversationId).sort()).toEqual([...seeded.wrapUps].sort());
      expect(state.closes.filter((c) => c.n !== 1)).toEqual([]);
      // Every silent bot's conversation escalated exactly once.
      expect(state.escalations.map((e) => e.conversationId).sort()).toEqual([...seeded.silent].sort());
      expect(state.escalations.filter((e) => e.n !== 1)).toEqual([]);
      // Capacity released: wrap-up reps hold nothing; the helpers hold exactly the escalated conversations.
      const held = state.capacity.reduce((sum, agent) => sum + agent.usedCapacity, 0);
      expect(held).toBe(SILENT_BOTS);
      expect(state.violations).toEqual([]);
    }, 600_000); // a safety net, not a measure: on a shared 2-core machine one run took 15–180 s
  }
});
