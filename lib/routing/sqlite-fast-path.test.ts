import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getConversation } from "@/lib/conversations/get-conversation";
import { startConversation, startOnPrisma } from "@/lib/conversations/start-conversation";
import { databaseUrl, sqliteConnection, writeSync } from "@/lib/db/client";
import { checkInvariants } from "@/lib/diagnostics/invariants";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { createRoutingRule } from "@/lib/routing-rules/save-routing-rule";
import { buildAiAgent, buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { retryWaitingSqlite } from "./retry-waiting-sqlite";
import { retryWaiting } from "./route-to-queue";

// The SQLite fast path (docs/decisions/003-hot-path-sql.md) must leave exactly the rows the Prisma path leaves, for
// both of its use cases: a new conversation, and a waiting one served when someone frees up.
// Both paths write one conversation on the same database from the same starting state (the agent and membership
// rows are put back in between), at the same fake time, and the rows are read back raw — as stored, so the
// storage of dates, JSON and booleans is compared too — column by column, ids excepted.

const t0 = new Date("2026-03-04T05:06:07.089Z");
type Row = Record<string, unknown>;

beforeEach(async () => {
  await resetDatabase();
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(t0);
});
afterEach(() => vi.useRealTimers());

const raw = () => new Database(databaseUrl().replace(/^file:/, ""), { readonly: true });

function read(conversationId: string, agentId: string, queueId: string, lastSeq = 5) {
  const db = raw();
  try {
    return {
      conversation: db.prepare("SELECT * FROM Conversation WHERE id = ?").get(conversationId) as Row,
      participants: db.prepare("SELECT * FROM Participant WHERE conversationId = ?").all(conversationId) as Row[],
      // Only what the use case itself appended (an AI agent may answer after commit).
      events: db
        .prepare("SELECT * FROM Event WHERE conversationId = ? AND seq <= ? ORDER BY seq")
        .all(conversationId, lastSeq) as Row[],
      timers: db.prepare("SELECT kind FROM Timer WHERE conversationId = ?").all(conversationId) as Row[],
      agent: db.prepare("SELECT * FROM Agent WHERE id = ?").get(agentId) as Row,
      membership: db
        .prepare("SELECT * FROM QueueMembership WHERE queueId = ? AND agentId = ?")
        .get(queueId, agentId) as Row,
    };
  } finally {
    db.close();
  }
}

/** Ids differ by construction; so do activity ids. The rest must be equal, stored value for stored value. */
function normalise(rows: ReturnType<typeof read>) {
  const conversationId = rows.conversation.id as string;
  const scrub = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value).replaceAll(conversationId, "<conversation>"), (key, v) =>
      key === "id" && typeof v === "string" && /^[0-9a-f-]{36}$/.test(v) ? "<activity>" : v,
    );
  const { id: _c, customerTokenHash: _h, ...conversation } = rows.conversation;
  return {
    conversation,
    participants: rows.participants.map(({ id: _p, conversationId: _pc, ...rest }) => rest),
    events: rows.events.map(({ id: _e, conversationId: _ec, data, ...rest }) => ({
      ...rest,
      data: scrub(JSON.parse(data as string)),
    })),
    agent: rows.agent,
    membership: rows.membership,
  };
}

/** Puts the agent and its membership back as they were, so the Prisma path decides from the same state. */
async function rewind(before: ReturnType<typeof read>, agentId: string, queueId: string) {
  await writeSync((db) => {
    db.prepare("UPDATE Agent SET usedCapacity = ?, lastAssignedAt = ?, updatedAt = ? WHERE id = ?").run(
      before.agent.usedCapacity,
      before.agent.lastAssignedAt,
      before.agent.updatedAt,
      agentId,
    );
    db.prepare("UPDATE QueueMembership SET lastAssignedAt = ? WHERE queueId = ? AND agentId = ?").run(
      before.membership.lastAssignedAt,
      queueId,
      agentId,
    );
  });
}

function expectInvariants() {
  const db = raw();
  expect(checkInvariants(db)).toEqual([]); // before the test itself rewinds the agent
  db.close();
}

async function bothWays(agentId: string, queueId: string, input: Parameters<typeof startConversation>[0]) {
  const before = read("none", agentId, queueId);
  const fast = await startConversation(input);
  const fastRows = read(fast.conversation.id, agentId, queueId);
  expectInvariants();
  await rewind(before, agentId, queueId);
  const slow = await startOnPrisma(input, "another-token");
  const slowRows = read(slow.id, agentId, queueId);
  return { fast, slow, fastRows, slowRows };
}

describe("SQLite fast path for a new conversation", () => {
  it("is available on the better-sqlite3 adapter", async () => {
    expect(await sqliteConnection()).not.toBeNull();
  });

  it("writes the same rows as the Prisma path when a representative wins", async () => {
    const queue = await buildQueue({ capacityUnits: 2 });
    const rep = await buildRep({ capacity: 4, queues: [queue.id] });
    await buildRep({ capacity: 4, presence: "away", queues: [queue.id] });
    const input = { customer: { name: "Ada" }, topic: "billing", context: { plan: "pro", n: 3 }, queueId: queue.id };

    const { fast, fastRows, slowRows } = await bothWays(rep.id, queue.id, input);

    expect(fast.conversation.status).toBe("active");
    expect(fastRows.events.map((e) => e.type)).toEqual([
      "conversation.started",
      "conversation.routed",
      "agent.assigned",
    ]);
    expect(normalise(fastRows)).toEqual(normalise(slowRows));
    expect(typeof fastRows.conversation.createdAt).toBe("string"); // stored as Prisma stores DateTime
    // The view it returns (the POST's response body) is what reading the conversation back gives.
    expect(fast.conversation).toEqual(await getConversation(fast.conversation.id));
  });

  it("writes the same rows as the Prisma path when an AI agent wins (chosen by a routing rule)", async () => {
    const queue = await buildQueue();
    const ai = await buildAiAgent({ queues: [queue.id] });
    await createRoutingRule({
      name: "Sales",
      queueId: queue.id,
      conditions: [{ field: "topic", op: "equals", value: "sales" }],
    });
    const input = { customer: { name: "Grace" }, topic: "sales", context: { tier: "gold" } };

    const { fast, fastRows, slowRows } = await bothWays(ai.id, queue.id, input);
    // As committed: the AI agent's greeting, sent after the commit, has since moved lastSeq on.
    const readBack = await getConversation(fast.conversation.id);
    expect(fast.conversation).toEqual({ ...readBack, lastSeq: 5 });

    expect(fastRows.events.map((e) => e.type)).toEqual([
      "conversation.started",
      "conversation.routed",
      "agent.assigned",
      "agent.added",
      "context.set",
    ]);
    expect(normalise(fastRows)).toEqual(normalise(slowRows));
  });

  it("writes nothing and leaves waiting to the Prisma path when nobody is eligible", async () => {
    const queue = await buildQueue();
    await buildRep({ presence: "away", queues: [queue.id] });
    const { conversation } = await startConversation({ customer: { name: "Linus" }, queueId: queue.id });
    expect(conversation.status).toBe("open");
    const db = raw();
    const types = db.prepare("SELECT type FROM Event WHERE conversationId = ? ORDER BY seq").all(conversation.id);
    const count = db.prepare("SELECT COUNT(*) AS n FROM Conversation").get() as { n: number };
    db.close();
    expect(types.map((t) => (t as Row).type)).toEqual([
      "conversation.started",
      "conversation.routed",
      "conversation.queued",
    ]);
    expect(count.n).toBe(1);
  });
});

describe("SQLite fast path for a waiting conversation", () => {
  /** Two conversations wait in the queue; the agent becomes available without anyone serving them yet. */
  async function twoWaiting(queueId: string, agentId: string, input: Parameters<typeof startConversation>[0]) {
    const first = await startOnPrisma(input, "token-1");
    const second = await startOnPrisma(input, "token-2");
    expect([first.status, second.status]).toEqual(["open", "open"]);
    await writeSync((db) => db.prepare("UPDATE Agent SET presence = 'available' WHERE id = ?").run(agentId));
    return { first, second, before: read("none", agentId, queueId) };
  }

  async function serveBothWays(queueId: string, agentId: string, input: Parameters<typeof startConversation>[0]) {
    const { first, second, before } = await twoWaiting(queueId, agentId, input);
    const decision = await retryWaitingSqlite(first.id, queueId);
    const fastRows = read(first.id, agentId, queueId, 6);
    expectInvariants();
    await rewind(before, agentId, queueId);
    await inTransaction(async (tx, fx) =>
      retryWaiting(
        tx,
        fx,
        await tx.conversation.findUniqueOrThrow({ where: { id: second.id } }),
        await tx.queue.findUniqueOrThrow({ where: { id: queueId } }),
      ),
    );
    const slowRows = read(second.id, agentId, queueId, 6);
    return { decision, fastRows, slowRows };
  }

  /** The two waited one behind the other: their queued events differ in the place in line, by construction. */
  function normaliseServed(rows: ReturnType<typeof read>) {
    const normalised = normalise(rows);
    for (const event of normalised.events as { type?: unknown; data: unknown }[]) {
      if (event.type === "conversation.queued") delete (event.data as Row).position;
    }
    return normalised;
  }

  it("writes the same rows as the Prisma path when a representative becomes available", async () => {
    const queue = await buildQueue({ overflowAction: "end", overflowAfterSeconds: 300 });
    const rep = await buildRep({ capacity: 3, presence: "away", queues: [queue.id] });
    const input = { customer: { name: "Ada" }, topic: "billing", context: { plan: "pro" }, queueId: queue.id };

    const { decision, fastRows, slowRows } = await serveBothWays(queue.id, rep.id, input);

    expect(decision).toMatchObject({ winner: { agentId: rep.id } });
    expect(fastRows.conversation.status).toBe("active");
    expect(fastRows.events.map((e) => e.type)).toEqual([
      "conversation.started",
      "conversation.routed",
      "conversation.queued",
      "agent.assigned",
    ]);
    expect(fastRows.timers).toEqual([]); // the overflow timer went with the wait
    expect(normaliseServed(fastRows)).toEqual(normaliseServed(slowRows));
  });

  it("writes the same rows as the Prisma path when an AI agent becomes available", async () => {
    const queue = await buildQueue();
    const ai = await buildAiAgent({ presence: "offline", queues: [queue.id] });
    const input = { customer: { name: "Grace" }, topic: "sales", context: { tier: "gold" }, queueId: queue.id };

    const { fastRows, slowRows } = await serveBothWays(queue.id, ai.id, input);

    expect(fastRows.events.map((e) => e.type).slice(3)).toEqual(["agent.assigned", "agent.added", "context.set"]);
    expect(normaliseServed(fastRows)).toEqual(normaliseServed(slowRows));
  });

  it("writes nothing when nobody can take it, and leaves a transferred conversation to the general path", async () => {
    const queue = await buildQueue();
    const rep = await buildRep({ presence: "away", queues: [queue.id] });
    const waiting = await startOnPrisma({ customer: { name: "Linus" }, queueId: queue.id }, "token");
    const before = read(waiting.id, rep.id, queue.id, 9);

    const decision = await retryWaitingSqlite(waiting.id, queue.id);
    expect(decision).toMatchObject({ winner: null });
    expect(read(waiting.id, rep.id, queue.id, 9)).toEqual(before);

    await writeSync((db) =>
      db.prepare("UPDATE Conversation SET viaTransfer = 1, transferredFromId = ? WHERE id = ?").run(rep.id, waiting.id),
    );
    expect(await retryWaitingSqlite(waiting.id, queue.id)).toBeNull();
    expect(await retryWaitingSqlite("no-such-conversation", queue.id)).toBe("moved");
  });
});
