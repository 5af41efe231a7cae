// The PostgreSQL floor: raw `pg` (a Pool of pg's default 10 connections, as Prisma's pg adapter uses) writing the same
// rows per assignment as the engine, in one transaction each, after the same reads (the queue; its members joined with
// their agents) and the same decision (decideAssignment via bench/lib/hot-path-sql.ts's planAssignment, so the
// explanation stored is the engine's). Plain statements, one round trip each, the events in one multi-row insert:
// what a careful hand-written path does, not a stored procedure. Run by engine-postgres.ts beside the engine.
import type pg from "pg";
import { ClaimLostError } from "@/lib/errors";
import { type CandidateRow, type NewConversationInput, planAssignment, type QueueRow } from "./lib/hot-path-sql";

export const PG_SQL = {
  queue: `SELECT "id", "name", "assignmentMethod", "capacityUnits" FROM "Queue" WHERE "id" = $1`,
  candidates: `SELECT a."id", a."name", a."kind", a."capacity", a."usedCapacity", a."presence", a."lastAssignedAt",
      a."lastReleasedAt", m."joinOrder", m."lastAssignedAt" AS "lastAssignedInQueueAt"
    FROM "QueueMembership" m JOIN "Agent" a ON a."id" = m."agentId" WHERE m."queueId" = $1 ORDER BY m."joinOrder"`,
  claimRepresentative: `UPDATE "Agent" SET "usedCapacity" = "usedCapacity" + $1, "lastAssignedAt" = $2, "updatedAt" = $3
    WHERE "id" = $4 AND "capacity" = $5 AND "usedCapacity" <= $6`,
  insertConversation: `INSERT INTO "Conversation" ("id", "status", "queueId", "assigneeId", "customerName",
      "customerTokenHash", "topic", "context", "viaTransfer", "overflowCount", "version", "lastSeq", "queuedAt",
      "createdAt", "updatedAt")
    VALUES ($1, 'active', $2, $3, $4, $5, $6, $7, false, 0, 2, 3, NULL, $8, $9)`,
  touchMembership: `UPDATE "QueueMembership" SET "lastAssignedAt" = $1 WHERE "queueId" = $2 AND "agentId" = $3`,
  insertParticipant: `INSERT INTO "Participant" ("id", "conversationId", "agentId", "kind", "queueId", "units", "joinedAt")
    VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  insertEvents: `INSERT INTO "Event" ("conversationId", "seq", "type", "actorType", "actorId", "data", "createdAt")
    VALUES ($1, 1, $2, $3, NULL, $4, $5), ($1, 2, $6, $7, NULL, $8, $5), ($1, 3, $9, $10, NULL, $11, $5)
    RETURNING "id"`,
} as const;

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/**
 * PostgreSQL stores TIMESTAMP(3) without a zone, as Prisma writes it: UTC wall time. An ISO string ending in Z is
 * read as that wall time whatever the server's or this process's time zone (pg would format a Date in local time).
 */
const utc = (storedTime: string) => new Date(storedTime).toISOString();

/** One assignment in one transaction on a pooled connection. False: not a plain assignment (AI winner, nobody). */
export async function assignOnPool(pool: pg.Pool, input: NewConversationInput): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows: queues } = await client.query<QueueRow>(PG_SQL.queue, [input.queueId]);
    const queue = queues[0];
    if (!queue) throw new Error(`no queue ${input.queueId}`);
    const { rows } = await client.query(PG_SQL.candidates, [input.queueId]);
    const candidates: CandidateRow[] = rows.map((row) => ({
      ...row,
      lastAssignedAt: iso(row.lastAssignedAt),
      lastReleasedAt: iso(row.lastReleasedAt),
      lastAssignedInQueueAt: iso(row.lastAssignedInQueueAt),
    }));
    const plan = planAssignment(input, queue, candidates);
    if (!plan) {
      await client.query("ROLLBACK");
      return false;
    }
    const at = utc(plan.at);
    const [units, , , agentId, capacity, atMost] = plan.claimParams;
    // The claim first: it is the only write that can fail, and then nothing else has been written.
    const claimed = await client.query(PG_SQL.claimRepresentative, [units, at, at, agentId, capacity, atMost]);
    if (claimed.rowCount !== 1) throw new ClaimLostError(`agent ${plan.agentId} is full`);
    const [id, queueId, assigneeId, customerName, tokenHash, topic, context] = plan.conversationParams;
    await client.query(PG_SQL.insertConversation, [
      id,
      queueId,
      assigneeId,
      customerName,
      tokenHash,
      topic,
      context,
      at,
      at,
    ]);
    await client.query(PG_SQL.touchMembership, [at, queueId, assigneeId]);
    const [participantId, , , kind, , participantUnits] = plan.participantParams;
    await client.query(PG_SQL.insertParticipant, [participantId, id, assigneeId, kind, queueId, participantUnits, at]);
    const [started, routed, assigned] = plan.events;
    await client.query(PG_SQL.insertEvents, [
      id,
      started.type,
      started.actorType,
      JSON.stringify(started.data),
      at,
      routed.type,
      routed.actorType,
      JSON.stringify(routed.data),
      assigned.type,
      assigned.actorType,
      JSON.stringify(assigned.data),
    ]);
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
