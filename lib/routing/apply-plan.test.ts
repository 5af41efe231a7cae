import fs from "node:fs";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { hashCustomerToken } from "@/lib/conversations/customer-token";
import { planStart } from "@/lib/conversations/start-conversation";
import { planTransfer, type TransferConversationOptions } from "@/lib/conversations/transfer-conversation";
import { databaseUrl, disconnectDb, getDb, sqliteConnection, writeSync } from "@/lib/db/client";
import { checkDatabaseInvariants } from "@/lib/diagnostics/invariants";
import { installEffects } from "@/lib/engine/apply-effects";
import { type Effects, inSqliteTransaction, inTransaction, setAfterCommit } from "@/lib/engine/unit-of-work";
import { createRoutingRule } from "@/lib/routing-rules/save-routing-rule";
import { buildAiAgent, buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { agentActor } from "@/lib/timeline/types";
import type { Planned, Planner } from "./apply-plan";
import { applyPlanPrisma } from "./apply-plan-prisma";
import { applyPlanSqlite } from "./apply-plan-sqlite";
import type { AssignmentPlan } from "./assignment-plan";
import { prismaCandidateSource } from "./prisma-source";
import { readAtOnce, readLater } from "./reading";
import { planRetry } from "./retry-waiting";
import { sqliteCandidateSource } from "./sqlite-source";

// The appliers decide nothing (docs/decisions/013-assignment-plans.md): given the same plan, each writes exactly the
// rows the plan says — the synchronous SQLite applier and the Prisma applier on SQLite, and the Prisma applier on
// PostgreSQL (this file runs in the `postgres` project too). For each use case that assigns, one plan is made; then,
// from the same starting state each time, every applier available here writes it:
//   - the rows it leaves are what the plan says (read back through Prisma, so both dialects compare alike);
//   - on SQLite, the two appliers' rows are equal as stored, column by column (dates, JSON, booleans, the routing
//     copy kept by triggers), and so are their after-commit effects;
//   - the invariants hold.
// On SQLite the plan is also made through both sources (synchronous and Prisma): the same plan, generated ids aside.

const t0 = new Date("2026-03-04T05:06:07.089Z");
type Row = Record<string, unknown>;

beforeEach(async () => {
  await resetDatabase();
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(t0);
});
afterEach(() => {
  vi.useRealTimers();
  installEffects();
});

const onSqlite = () => databaseUrl().startsWith("file:");

/** The plan a planner makes here, through the Prisma source (and, on SQLite, the same through the synchronous one). */
async function planOf(planner: Planner<Planned>): Promise<AssignmentPlan> {
  const viaPrisma = await inTransaction((tx) => readLater(planner(prismaCandidateSource(tx), t0)));
  const plan = viaPrisma.draft?.plan;
  if (!plan) throw new Error("the planner planned nothing");
  if (onSqlite()) {
    const atOnce = await writeSync((db) => readAtOnce(planner(sqliteCandidateSource(db), t0)));
    expect(normalisePlan(atOnce.draft?.plan)).toEqual(normalisePlan(plan));
  }
  return plan;
}

/** Ids made while planning (a new conversation's, the participant's, a message's, activities') differ by construction. */
function normalisePlan(plan: AssignmentPlan | undefined) {
  if (!plan) return plan;
  const made = [
    plan.conversation.kind === "insert" ? plan.conversationId : null,
    plan.participant?.id,
    ...plan.messages.map((m) => m.id),
  ];
  let text = JSON.stringify(plan);
  for (const [index, id] of made.entries()) if (id) text = text.replaceAll(id, `<made ${index}>`);
  return JSON.parse(text.replace(/"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/g, '"<activity>"'));
}

type Applier = "sqlite" | "prisma";

/** Applies the plan in its own unit of work and returns the effects it handed to after-commit (which do not run). */
async function applyWith(applier: Applier, plan: AssignmentPlan): Promise<Effects> {
  let committed: Effects | null = null;
  setAfterCommit(async (fx) => {
    committed = fx;
  });
  try {
    if (applier === "prisma") await inTransaction((tx, fx) => applyPlanPrisma(tx, fx, plan));
    else await inSqliteTransaction((db, fx) => applyPlanSqlite(db, fx, plan));
  } finally {
    installEffects();
  }
  if (!committed) throw new Error("nothing committed");
  return committed;
}

/** What the plan touches, read back through Prisma (typed: the same on both dialects). */
async function rowsOf(plan: AssignmentPlan, agentIds: string[]) {
  const db = getDb();
  const conversationId = plan.conversationId;
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  return {
    conversation: await db.conversation.findUnique({ where: { id: conversationId } }),
    participants: (await db.participant.findMany({ where: { conversationId } })).sort(byId),
    events: (await db.event.findMany({ where: { conversationId }, orderBy: { seq: "asc" } })).map(
      ({ id: _id, ...event }) => event,
    ),
    messages: (await db.message.findMany({ where: { conversationId } })).sort(byId),
    timers: (await db.timer.findMany({ where: { conversationId }, select: { kind: true } })).map((t) => t.kind).sort(),
    agents: (await db.agent.findMany({ where: { id: { in: agentIds } } })).sort(byId),
    memberships: await db.queueMembership.findMany({
      where: { agentId: { in: agentIds } },
      select: { queueId: true, agentId: true, joinOrder: true, joinedAt: true, lastAssignedAt: true },
      orderBy: [{ queueId: "asc" }, { agentId: "asc" }],
    }),
  };
}
type Rows = Awaited<ReturnType<typeof rowsOf>>;

/** What the rows must be once the plan is applied to `before`: the appliers' contract, stated independently of them. */
function afterPlan(before: Rows, plan: AssignmentPlan): Rows {
  const { release, claim, membership } = plan;
  const write = plan.conversation;
  const conversation =
    write.kind === "insert"
      ? write.row
      : { ...(before.conversation as NonNullable<Rows["conversation"]>), ...write.set };
  const participants = before.participants.map((p) =>
    p.id === release?.participantId
      ? { ...p, leftAt: release.at, leftReason: release.leftReason, wrapUpPending: release.wrapUpPending }
      : p,
  );
  if (plan.participant)
    participants.push({ ...plan.participant, leftAt: null, leftReason: null, wrapUpPending: false });
  const agents = before.agents.map((agent) => {
    let a = agent;
    if (claim?.agentId === a.id) {
      a = { ...a, usedCapacity: a.usedCapacity + claim.units, lastAssignedAt: claim.at, updatedAt: claim.at };
    }
    if (release?.agentId === a.id && release.units > 0) {
      a = { ...a, usedCapacity: a.usedCapacity - release.units, lastReleasedAt: release.at, updatedAt: release.at };
    }
    return a;
  });
  return {
    conversation,
    participants: participants.sort((a, b) => a.id.localeCompare(b.id)),
    events: [
      ...before.events,
      ...plan.events.map((e) => ({ ...e, conversationId: plan.conversationId }) as Rows["events"][number]),
    ],
    messages: [...before.messages, ...plan.messages].sort((a, b) => a.id.localeCompare(b.id)),
    timers: before.timers.filter((kind) => !(plan.dropTimers as string[]).includes(kind)),
    agents,
    memberships: before.memberships.map((m) =>
      membership?.queueId === m.queueId && membership.agentId === m.agentId
        ? { ...m, lastAssignedAt: membership.at }
        : m,
    ),
  };
}

/** The same rows as stored, on SQLite: every column, including the routing copy the triggers keep (ADR 007). */
function storedRowsOf(plan: AssignmentPlan, agentIds: string[]) {
  const db = new Database(databaseUrl().replace(/^file:/, ""), { readonly: true });
  try {
    const marks = agentIds.map(() => "?").join(", ");
    const all = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Row[];
    return {
      conversation: all("SELECT * FROM Conversation WHERE id = ?", plan.conversationId),
      participants: all("SELECT * FROM Participant WHERE conversationId = ? ORDER BY id", plan.conversationId),
      events: all("SELECT * FROM Event WHERE conversationId = ? ORDER BY seq", plan.conversationId),
      messages: all("SELECT * FROM Message WHERE conversationId = ? ORDER BY id", plan.conversationId),
      timers: all("SELECT * FROM Timer WHERE conversationId = ? ORDER BY kind", plan.conversationId),
      agents: all(`SELECT * FROM Agent WHERE id IN (${marks}) ORDER BY id`, ...agentIds),
      memberships: all(
        `SELECT * FROM QueueMembership WHERE agentId IN (${marks}) ORDER BY queueId, agentId`,
        ...agentIds,
      ),
    };
  } finally {
    db.close();
  }
}

/** A copy of the SQLite file as it is now, and a way back to it (the engine's connection is closed around both). */
async function snapshot(): Promise<() => Promise<void>> {
  const file = databaseUrl().replace(/^file:/, "");
  const parts = ["", "-wal", "-shm"];
  await disconnectDb();
  for (const part of parts) {
    if (fs.existsSync(file + part)) fs.copyFileSync(file + part, `${file}.snapshot${part}`);
    else fs.rmSync(`${file}.snapshot${part}`, { force: true });
  }
  return async () => {
    await disconnectDb();
    for (const part of parts) {
      if (fs.existsSync(`${file}.snapshot${part}`)) fs.copyFileSync(`${file}.snapshot${part}`, file + part);
      else fs.rmSync(file + part, { force: true });
    }
  };
}

/**
 * Makes the plan, then has each applier write it from the same state, and checks each against the plan and, on
 * SQLite, against each other.
 */
async function everyApplierWrites(planner: Planner<Planned>, agentIds: string[]) {
  const plan = await planOf(planner);
  const before = await rowsOf(plan, agentIds);
  const appliers: Applier[] = onSqlite() && (await sqliteConnection()) ? ["sqlite", "prisma"] : ["prisma"];
  const restore = onSqlite() ? await snapshot() : null;
  const written: { effects: Effects; stored: ReturnType<typeof storedRowsOf> | null }[] = [];
  for (const applier of appliers) {
    await restore?.();
    const effects = await applyWith(applier, plan);
    expect(await rowsOf(plan, agentIds), applier).toEqual(afterPlan(before, plan));
    expect(await checkDatabaseInvariants(databaseUrl()), applier).toEqual([]);
    written.push({ effects, stored: onSqlite() ? storedRowsOf(plan, agentIds) : null });
  }
  if (written.length === 2) {
    expect(written[1].stored).toEqual(written[0].stored);
    expect(written[1].effects).toEqual(written[0].effects);
  }
  expect(written[0].effects.events.map((e) => e.seq)).toEqual(plan.events.map((e) => e.seq));
  return plan;
}

const newConversation = (input: { name: string; topic?: string; context?: object; queueId?: string }) =>
  ((source, at) =>
    planStart(
      source,
      {
        customerName: input.name,
        customerTokenHash: hashCustomerToken(`token-${input.name}`),
        topic: input.topic ?? null,
        context: (input.context ?? {}) as Record<string, unknown>,
        queueId: input.queueId,
      },
      at,
    )) satisfies Planner<Planned>;

/** A conversation waiting in the queue (nobody could take it), and then the agent becoming available, unserved. */
async function waitingFor(queueId: string, agentId: string) {
  const { startConversation } = await import("@/lib/conversations/start-conversation");
  const { conversation } = await startConversation({ customer: { name: "Ada" }, topic: "billing", queueId });
  expect(conversation.status).toBe("open");
  await inTransaction((tx) => tx.agent.update({ where: { id: agentId }, data: { presence: "available" } }));
  return conversation.id;
}

async function heldBy(agentQueueId: string, name = "Grace") {
  const { startConversation } = await import("@/lib/conversations/start-conversation");
  const { conversation } = await startConversation({ customer: { name }, queueId: agentQueueId, context: { n: 1 } });
  expect(conversation.status).toBe("active");
  return conversation;
}

const transfer = (options: TransferConversationOptions) =>
  ((source, at) => planTransfer(source, options, at)) satisfies Planner<Planned>;

describe("[PLANS] every applier writes the same rows for the same plan", () => {
  it("a new conversation a representative wins", async () => {
    const queue = await buildQueue({ capacityUnits: 2 });
    const rep = await buildRep({ capacity: 4, queues: [queue.id] });
    const away = await buildRep({ capacity: 4, presence: "away", queues: [queue.id] });
    const plan = await everyApplierWrites(
      newConversation({ name: "Ada", topic: "billing", context: { plan: "pro", n: 3 }, queueId: queue.id }),
      [rep.id, away.id],
    );
    expect(plan.conversation.kind).toBe("insert");
    expect(plan.events.map((e) => e.type)).toEqual(["conversation.started", "conversation.routed", "agent.assigned"]);
  });

  it("a new conversation an AI agent wins, its queue chosen by a routing rule", async () => {
    const queue = await buildQueue();
    const ai = await buildAiAgent({ queues: [queue.id] });
    await createRoutingRule({
      name: "Sales",
      queueId: queue.id,
      conditions: [{ field: "topic", op: "equals", value: "sales" }],
    });
    const plan = await everyApplierWrites(
      newConversation({ name: "Grace", topic: "sales", context: { tier: "gold" } }),
      [ai.id],
    );
    expect(plan.events.map((e) => e.type).slice(2)).toEqual(["agent.assigned", "agent.added", "context.set"]);
    expect(plan.after.deliveries).toHaveLength(1);
  });

  it("a waiting conversation served when a representative becomes available (its overflow timer dropped)", async () => {
    const queue = await buildQueue({ overflowAction: "end", overflowAfterSeconds: 300 });
    const rep = await buildRep({ capacity: 3, presence: "away", queues: [queue.id] });
    const id = await waitingFor(queue.id, rep.id);
    const plan = await everyApplierWrites((source, at) => planRetry(source, id, queue.id, at), [rep.id]);
    expect(plan.conversation.kind).toBe("compareAndSet");
    expect(plan.dropTimers).toContain("overflow");
  });

  it("a waiting conversation served when an AI agent comes on", async () => {
    const queue = await buildQueue();
    const ai = await buildAiAgent({ presence: "offline", queues: [queue.id] });
    const id = await waitingFor(queue.id, ai.id);
    const plan = await everyApplierWrites((source, at) => planRetry(source, id, queue.id, at), [ai.id]);
    expect(plan.events.map((e) => e.type)).toEqual(["agent.assigned", "agent.added", "context.set"]);
  });

  it("a transfer into a queue, assigned at once: released, handed over, routed, assigned", async () => {
    const first = await buildQueue({ capacityUnits: 2 });
    const second = await buildQueue();
    const sender = await buildRep({ capacity: 2, queues: [first.id, second.id] });
    const receiver = await buildRep({ capacity: 3, queues: [second.id] });
    const conversation = await heldBy(first.id);
    const plan = await everyApplierWrites(
      transfer({
        conversationId: conversation.id,
        actor: agentActor(sender.id),
        target: { queueId: second.id },
        note: "wants a refund",
      }),
      [sender.id, receiver.id],
    );
    expect(plan.release).toMatchObject({ agentId: sender.id, units: 2 });
    expect(plan.claim).toMatchObject({ agentId: receiver.id, units: 1 });
    expect(plan.events.map((e) => e.type)).toEqual([
      "agent.removed",
      "conversation.transferred",
      "conversation.routed",
      "agent.assigned",
    ]);
    expect(plan.after.queuesToServe.sort()).toEqual([first.id, second.id].sort());
  });

  it("an AI agent escalating with a line for the customer (never offered back to it)", async () => {
    const entry = await buildQueue();
    const people = await buildQueue();
    const bot = await buildAiAgent({ queues: [entry.id, people.id] });
    const rep = await buildRep({ capacity: 2, queues: [people.id] });
    const conversation = await heldBy(entry.id);
    const plan = await everyApplierWrites(
      transfer({
        conversationId: conversation.id,
        actor: agentActor(bot.id),
        target: { queueId: people.id },
        reason: "escalation",
        summary: "asked for a person",
        customerNotice: "Connecting you to a person.",
      }),
      [bot.id, rep.id],
    );
    expect(plan.messages).toHaveLength(1);
    expect(plan.claim?.agentId).toBe(rep.id);
    expect(plan.events.find((e) => e.type === "agent.assigned")?.data.excluded).toEqual([
      expect.objectContaining({ agentId: bot.id, reason: "sender" }),
    ]);
  });

  it("a transfer straight to a named agent", async () => {
    const queue = await buildQueue();
    const sender = await buildRep({ capacity: 1, queues: [queue.id] });
    const named = await buildRep({ capacity: 1, presence: "busy" }); // in no queue: the conversation keeps its queue
    const conversation = await heldBy(queue.id);
    const plan = await everyApplierWrites(
      transfer({ conversationId: conversation.id, actor: agentActor(sender.id), target: { agentId: named.id } }),
      [sender.id, named.id],
    );
    expect(plan.membership).toBeNull();
    expect(plan.events.at(-1)?.data).toMatchObject({ via: "direct", queueId: null });
    expect(plan.conversation).toMatchObject({ set: { queueId: queue.id, assigneeId: named.id } });
  });
});
