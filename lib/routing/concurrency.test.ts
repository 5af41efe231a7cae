import { beforeEach, describe, expect, it } from "vitest";
import type { Agent, Conversation, Queue } from "@/generated/prisma/client";
import { setPresence } from "@/lib/agents/set-presence";
import { updateAgent } from "@/lib/agents/update-agent";
import { now } from "@/lib/clock";
import { closeConversation } from "@/lib/conversations/close-conversation";
import { startConversation } from "@/lib/conversations/start-conversation";
import { transferConversation } from "@/lib/conversations/transfer-conversation";
import { databaseUrl, getDb, sqliteConnection } from "@/lib/db/client";
import { checkDatabaseInvariants } from "@/lib/diagnostics/invariants";
import { inSqliteTransaction, inTransaction } from "@/lib/engine/unit-of-work";
import { ClaimLostError } from "@/lib/errors";
import { buildAiAgent, buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { agentActor, customerActor, systemActor } from "@/lib/timeline/types";
import { applyPlanPrisma } from "./apply-plan-prisma";
import { applyPlanSqlite } from "./apply-plan-sqlite";
import { draftFor } from "./assignment-plan";
import { agentToCandidate } from "./candidate-source";
import { planAssignment } from "./plan-assignment";

beforeEach(resetDatabase);

describe("[CONCURRENCY] engine calls racing on one database file", () => {
  it("never exceeds capacity nor holds a conversation twice while starts, transfers, closes and presence changes race", async () => {
    const queue = await buildQueue();
    const other = await buildQueue();
    const reps = await Promise.all(
      Array.from({ length: 6 }, (_, i) => buildRep({ capacity: 1 + (i % 3), queues: [queue.id, other.id] })),
    );
    await buildAiAgent({ capacity: 2, presence: "offline", queues: [other.id] });

    const started = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        startConversation({ customer: { name: `C${i}` }, queueId: i % 2 ? queue.id : other.id }),
      ),
    );
    const ids = started.map((s) => s.conversation.id);

    // Everything at once: presence flapping, customers leaving, representatives transferring what they hold.
    const chaos = await Promise.allSettled([
      ...reps.map((rep, i) => setPresence(rep.id, i % 2 ? "away" : "available")),
      ...ids.slice(0, 15).map((id) => closeConversation({ conversationId: id, actor: customerActor })),
      ...ids.slice(15, 45).map(async (id) => {
        const conversation = await getDb().conversation.findUniqueOrThrow({ where: { id } });
        if (!conversation.assigneeId) return;
        await transferConversation({
          conversationId: id,
          actor: agentActor(conversation.assigneeId),
          target: { queueId: other.id },
        });
      }),
      ...reps.map((rep) => setPresence(rep.id, "available")),
      ...ids
        .slice(45)
        .map((id) => transferConversation({ conversationId: id, actor: systemActor, target: { queueId: queue.id } })),
    ]);
    // Refusals are fine (409: someone else moved it first); anything else is a bug.
    for (const result of chaos) {
      if (result.status === "rejected") expect((result.reason as { code?: string }).code).toBe("invalid_state");
    }

    expect(await checkDatabaseInvariants(databaseUrl())).toEqual([]);
    const held = await getDb().participant.count({ where: { leftAt: null } });
    const capacity = reps.reduce((sum, rep) => sum + rep.capacity, 0);
    expect(held).toBe(capacity); // every free unit was used: the waiting line is long enough
  });
});

describe("[CONCURRENCY] capacity edits racing assignments", () => {
  it("capacities lowered and raised while conversations are assigned never fall below the load", async () => {
    const queue = await buildQueue();
    const reps = await Promise.all(Array.from({ length: 4 }, () => buildRep({ capacity: 6, queues: [queue.id] })));
    const results = await Promise.allSettled([
      ...Array.from({ length: 40 }, (_, i) => startConversation({ customer: { name: `C${i}` }, queueId: queue.id })),
      ...reps.flatMap((rep, r) =>
        Array.from({ length: 10 }, (_, i) => updateAgent(rep.id, { capacity: 1 + ((i * 5 + r) % 6) })),
      ),
    ]);
    // A refused edit is the 409 that names the load; nothing else may fail.
    for (const result of results) {
      if (result.status === "rejected") {
        expect(result.reason).toMatchObject({ code: "invalid_state", details: { state: "capacity_below_load" } });
        const { capacity, usedCapacity } = (result.reason as { details: { capacity: number; usedCapacity: number } })
          .details;
        expect(usedCapacity).toBeGreaterThan(capacity);
      }
    }
    expect(await checkDatabaseInvariants(databaseUrl())).toEqual([]);
  });
});

/** A plan made from what the caller read, however stale, applied by one of the appliers. */
type Applier = "prisma" | "sqlite";
function giveAsRead(applier: Applier, conversation: Conversation, queue: Queue, agent: Agent) {
  const plan = () =>
    planAssignment(draftFor(conversation, now()), {
      queue,
      winner: agentToCandidate(agent, null),
      actor: systemActor,
      via: "direct",
      decision: null,
      explanation: "test",
    }).plan;
  return applier === "prisma"
    ? inTransaction((tx, fx) => applyPlanPrisma(tx, fx, plan()))
    : inSqliteTransaction((db, fx) => applyPlanSqlite(db, fx, plan()));
}

const appliers: Applier[] = ["prisma", "sqlite"];

describe.each(appliers)("[CONCURRENCY] the claims themselves, with a stale view (%s applier)", (applier) => {
  // In one process the adapter runs transactions one at a time; several servers on one database would not.
  // So the database-level guards must hold on their own, whatever the caller believed when it decided: the appliers
  // decide nothing, and a plan made on stale data loses its compare-and-set.
  beforeEach(async (context) => {
    if (applier === "sqlite" && !(await sqliteConnection())) context.skip();
  });

  it("a decision made on stale data can neither overfill a representative nor take a conversation twice", async () => {
    const queue = await buildQueue(); // no members yet: both conversations wait
    const first = await startConversation({ customer: { name: "One" }, queueId: queue.id });
    const second = await startConversation({ customer: { name: "Two" }, queueId: queue.id });
    const rep = await buildRep({ capacity: 1 });
    const roomy = await buildRep({ capacity: 5 });
    const db = getDb();
    const staleRep = await db.agent.findUniqueOrThrow({ where: { id: rep.id } });
    const staleFirst = await db.conversation.findUniqueOrThrow({ where: { id: first.conversation.id } });
    const staleSecond = await db.conversation.findUniqueOrThrow({ where: { id: second.conversation.id } });
    const give = (conversation: typeof staleFirst, agent: typeof staleRep) =>
      giveAsRead(applier, conversation, queue, agent);

    await give(staleFirst, staleRep); // takes the rep's only unit
    await expect(give(staleSecond, staleRep)).rejects.toBeInstanceOf(ClaimLostError); // stale rep shows a free unit
    await expect(give(staleFirst, roomy)).rejects.toBeInstanceOf(ClaimLostError); // stale conversation shows "open"

    expect((await db.agent.findUniqueOrThrow({ where: { id: rep.id } })).usedCapacity).toBe(1);
    expect((await db.agent.findUniqueOrThrow({ where: { id: roomy.id } })).usedCapacity).toBe(0); // rolled back whole
    expect(await checkDatabaseInvariants(databaseUrl())).toEqual([]);
  });

  it("an assignment decided before a capacity was lowered cannot fill the old capacity", async () => {
    const queue = await buildQueue(); // no members: the conversations wait
    const waiting = await Promise.all(
      ["One", "Two", "Three"].map((name) => startConversation({ customer: { name }, queueId: queue.id })),
    );
    const rep = await buildRep({ capacity: 3 });
    const db = getDb();
    const staleRep = await db.agent.findUniqueOrThrow({ where: { id: rep.id } }); // believes 3 free units
    const give = async (conversationId: string) =>
      giveAsRead(applier, await db.conversation.findUniqueOrThrow({ where: { id: conversationId } }), queue, staleRep);

    await updateAgent(rep.id, { capacity: 1 }); // nothing held yet: allowed
    await expect(give(waiting[0].conversation.id)).rejects.toBeInstanceOf(ClaimLostError); // read capacity 3, now 1
    expect((await db.agent.findUniqueOrThrow({ where: { id: rep.id } })).usedCapacity).toBe(0);
    expect(await checkDatabaseInvariants(databaseUrl())).toEqual([]);
  });
});
