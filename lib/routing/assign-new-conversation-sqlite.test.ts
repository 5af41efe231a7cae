import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getConversation } from "@/lib/conversations/get-conversation";
import { startConversation, startOnPrisma } from "@/lib/conversations/start-conversation";
import { databaseUrl, sqliteConnection, writeSync } from "@/lib/db/client";
import { checkInvariants } from "@/lib/diagnostics/invariants";
import { createRoutingRule } from "@/lib/routing-rules/save-routing-rule";
import { buildAiAgent, buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";

// The SQLite fast path (docs/decisions/003-hot-path-sql.md) must leave exactly the rows the Prisma path leaves.
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

function read(conversationId: string, agentId: string, queueId: string) {
  const db = raw();
  try {
    return {
      conversation: db.prepare("SELECT * FROM Conversation WHERE id = ?").get(conversationId) as Row,
      participants: db.prepare("SELECT * FROM Participant WHERE conversationId = ?").all(conversationId) as Row[],
      // Only what the start itself appended (an AI agent may answer after commit).
      events: db
        .prepare("SELECT * FROM Event WHERE conversationId = ? AND seq <= 5 ORDER BY seq")
        .all(conversationId) as Row[],
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

async function bothWays(agentId: string, queueId: string, input: Parameters<typeof startConversation>[0]) {
  const before = read("none", agentId, queueId);
  const fast = await startConversation(input);
  const fastRows = read(fast.conversation.id, agentId, queueId);
  const db = raw();
  expect(checkInvariants(db)).toEqual([]); // before the test itself rewinds the agent
  db.close();
  // Put the agent back as it was, so the Prisma path decides from the same state.
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
