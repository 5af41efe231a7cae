// The assignment of a new conversation written as plain SQL: the same rows, column for column, that
// startConversation → routeToQueue → giveToAgent leave behind for a conversation that a representative gets
// (1 Conversation, 3 Events, 1 Participant, the Agent's and the QueueMembership's assignment stamps).
//
// Used three ways:
//   - floor.ts: raw better-sqlite3 on its own file, prepared statements, one synchronous transaction;
//   - prototype-hot-path.ts "raw-prisma": the same statements through Prisma's $queryRawUnsafe/$executeRawUnsafe
//     inside the engine's interactive transaction (what "route the hot path through $queryRaw" would buy);
//   - prototype-hot-path.ts "raw-shared-connection": the same synchronous transaction on the Prisma adapter's own
//     better-sqlite3 connection, behind the mutex Prisma's interactive transactions also take.
// The decision itself comes from the engine's pure routing core (decideAssignment), so the explanation stored
// in the agent.assigned event is the engine's, byte for byte in shape.
import { createHash, randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { newId } from "@/lib/db/ids";
import { storedTime } from "@/lib/db/stored-time";
import { ClaimLostError } from "@/lib/errors";
import { decideAssignment } from "@/lib/routing/decide-assignment";
import type { AssignmentMethodName, Candidate, Decision } from "@/lib/routing/types";

export const SQL = {
  queue: `SELECT id, name, assignmentMethod, capacityUnits FROM Queue WHERE id = ?`,
  candidates: `SELECT a.id, a.name, a.kind, a.capacity, a.usedCapacity, a.presence, a.lastAssignedAt, a.lastReleasedAt,
      m.joinOrder, m.lastAssignedAt AS lastAssignedInQueueAt
    FROM QueueMembership m JOIN Agent a ON a.id = m.agentId WHERE m.queueId = ? ORDER BY m.joinOrder`,
  insertConversation: `INSERT INTO Conversation (id, status, queueId, assigneeId, customerName, customerTokenHash, topic,
      context, viaTransfer, overflowCount, version, lastSeq, queuedAt, createdAt, updatedAt)
    VALUES (?, 'active', ?, ?, ?, ?, ?, ?, 0, 0, 2, 3, NULL, ?, ?)`,
  claimRepresentative: `UPDATE Agent SET usedCapacity = usedCapacity + ?, lastAssignedAt = ?, updatedAt = ?
    WHERE id = ? AND capacity = ? AND usedCapacity <= ?`,
  touchMembership: `UPDATE QueueMembership SET lastAssignedAt = ? WHERE queueId = ? AND agentId = ?`,
  insertParticipant: `INSERT INTO Participant (id, conversationId, agentId, kind, queueId, units, joinedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  insertEvent: `INSERT INTO Event (conversationId, seq, type, actorType, actorId, data, createdAt)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
} as const;

export interface QueueRow {
  id: string;
  name: string;
  assignmentMethod: string;
  capacityUnits: number | bigint;
}

export interface CandidateRow {
  id: string;
  name: string;
  kind: string;
  capacity: number | bigint;
  usedCapacity: number | bigint;
  presence: string;
  lastAssignedAt: string | null;
  lastReleasedAt: string | null;
  joinOrder: number | bigint;
  lastAssignedInQueueAt: string | null;
}

export interface NewConversationInput {
  customerName: string;
  queueId: string;
}

export interface PlannedEvent {
  seq: number;
  type: "conversation.started" | "conversation.routed" | "agent.assigned";
  actorType: "customer" | "system";
  data: Record<string, unknown>;
}

/** Everything one assignment writes, decided before the first write. */
export interface Plan {
  conversationId: string;
  agentId: string;
  agentCapacity: number;
  units: number;
  at: string;
  conversationParams: unknown[];
  claimParams: unknown[];
  membershipParams: unknown[];
  participantParams: unknown[];
  events: PlannedEvent[];
  decision: Decision;
}

const date = (value: string | null): Date | null => (value ? new Date(value) : null);

export function toCandidate(row: CandidateRow): Candidate {
  return {
    agentId: row.id,
    name: row.name,
    kind: row.kind as Candidate["kind"],
    capacity: Number(row.capacity),
    usedCapacity: Number(row.usedCapacity),
    presence: row.presence as Candidate["presence"],
    joinOrder: Number(row.joinOrder),
    lastAssignedAt: date(row.lastAssignedAt),
    lastAssignedInQueueAt: date(row.lastAssignedInQueueAt),
    lastReleasedAt: date(row.lastReleasedAt),
  };
}

/**
 * Decides and lays out the rows. Returns null when nobody is eligible or the winner is an AI agent: those paths
 * (waiting, overflow, AI greeting) stay with the engine in the prototypes and are not part of the floor.
 */
export function planAssignment(input: NewConversationInput, queue: QueueRow, rows: CandidateRow[]): Plan | null {
  const units = Number(queue.capacityUnits);
  const decision = decideAssignment(queue.assignmentMethod as AssignmentMethodName, rows.map(toCandidate), {
    units,
    senderId: null,
    aiAgentsThatHandledIt: [],
    viaTransfer: false,
  });
  const winner = decision.winner ? rows.find((row) => row.id === decision.winner?.agentId) : undefined;
  if (winner?.kind !== "human") return null;
  const conversationId = newId();
  const at = storedTime();
  const tokenHash = createHash("sha256").update(randomBytes(24).toString("base64url")).digest("hex");
  const capacity = Number(winner.capacity);
  return {
    conversationId,
    agentId: winner.id,
    agentCapacity: capacity,
    units,
    at,
    decision,
    conversationParams: [conversationId, queue.id, winner.id, input.customerName, tokenHash, null, "{}", at, at],
    claimParams: [units, at, at, winner.id, capacity, capacity - units],
    membershipParams: [at, queue.id, winner.id],
    participantParams: [newId(), conversationId, winner.id, "human", queue.id, units, at],
    events: [
      {
        seq: 1,
        type: "conversation.started",
        actorType: "customer",
        data: { customerName: input.customerName, topic: null, context: {} },
      },
      {
        seq: 2,
        type: "conversation.routed",
        actorType: "system",
        data: { queueId: queue.id, queueName: queue.name, reason: "entry point names the queue", ruleId: null },
      },
      {
        seq: 3,
        type: "agent.assigned",
        actorType: "system",
        data: {
          agentId: winner.id,
          agentName: winner.name,
          agentKind: "human",
          queueId: queue.id,
          queueName: queue.name,
          via: "queue",
          method: decision.method,
          explanation: decision.explanation,
          ranked: decision.ranked,
          excluded: decision.excluded,
          units,
        },
      },
    ],
  };
}

export interface WrittenEvent extends PlannedEvent {
  id: number;
}

export type Statements = { [K in keyof typeof SQL]: Database.Statement };

export function prepareStatements(db: Database.Database): Statements {
  return Object.fromEntries(Object.entries(SQL).map(([key, sql]) => [key, db.prepare(sql)])) as Statements;
}

/** One assignment, synchronously, with prepared statements. Call inside a transaction. Null: not a plain assignment. */
export function assignSync(
  statements: Statements,
  input: NewConversationInput,
): { plan: Plan; events: WrittenEvent[] } | null {
  const queue = statements.queue.get(input.queueId) as QueueRow | undefined;
  if (!queue) throw new Error(`no queue ${input.queueId}`);
  const plan = planAssignment(input, queue, statements.candidates.all(input.queueId) as CandidateRow[]);
  if (!plan) return null;
  // The claim first: it is the only write that can fail, and then nothing else has been written.
  if (statements.claimRepresentative.run(...plan.claimParams).changes !== 1)
    throw new ClaimLostError(`agent ${plan.agentId} is full`);
  statements.insertConversation.run(...plan.conversationParams);
  statements.touchMembership.run(...plan.membershipParams);
  statements.insertParticipant.run(...plan.participantParams);
  const events = plan.events.map((event) => ({
    ...event,
    id: Number(
      statements.insertEvent.run(
        plan.conversationId,
        event.seq,
        event.type,
        event.actorType,
        null,
        JSON.stringify(event.data),
        plan.at,
      ).lastInsertRowid,
    ),
  }));
  return { plan, events };
}

/** The async shape of the same statements, for a Prisma transaction client (raw queries only). */
export interface RawRunner {
  $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
}

export async function assignThroughPrisma(
  tx: RawRunner,
  input: NewConversationInput,
): Promise<{ plan: Plan; events: WrittenEvent[] } | null> {
  const [queue] = await tx.$queryRawUnsafe<QueueRow[]>(SQL.queue, input.queueId);
  if (!queue) throw new Error(`no queue ${input.queueId}`);
  const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(SQL.candidates, input.queueId);
  const plan = planAssignment(input, queue, rows.map(fromPrismaRow));
  if (!plan) return null;
  if ((await tx.$executeRawUnsafe(SQL.claimRepresentative, ...plan.claimParams)) !== 1) {
    throw new ClaimLostError(`agent ${plan.agentId} is full`);
  }
  await tx.$executeRawUnsafe(SQL.insertConversation, ...plan.conversationParams);
  await tx.$executeRawUnsafe(SQL.touchMembership, ...plan.membershipParams);
  await tx.$executeRawUnsafe(SQL.insertParticipant, ...plan.participantParams);
  // The three events in one multi-row insert (one round trip through Prisma instead of three).
  const values = plan.events.flatMap((e) => [
    plan.conversationId,
    e.seq,
    e.type,
    e.actorType,
    null,
    JSON.stringify(e.data),
    plan.at,
  ]);
  const ids = await tx.$queryRawUnsafe<{ id: number | bigint }[]>(
    `INSERT INTO Event (conversationId, seq, type, actorType, actorId, data, createdAt)
     VALUES ${plan.events.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")} RETURNING id`,
    ...values,
  );
  return { plan, events: plan.events.map((event, i) => ({ ...event, id: Number(ids[i]?.id) })) };
}

/** $queryRaw returns DateTime columns as Date objects; the planner reads ISO strings. */
function fromPrismaRow(row: Record<string, unknown>): CandidateRow {
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : ((value as string | null) ?? null));
  return {
    ...(row as unknown as CandidateRow),
    lastAssignedAt: iso(row.lastAssignedAt),
    lastReleasedAt: iso(row.lastReleasedAt),
    lastAssignedInQueueAt: iso(row.lastAssignedInQueueAt),
  };
}
