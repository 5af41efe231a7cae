import type BetterSqlite3 from "better-sqlite3";
import type { Conversation } from "@/generated/prisma/client";
import type { AgentDelivery } from "@/lib/ai-agents/activities";
import type { Database } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { sqliteSql } from "@/lib/db/sql/sqlite";
import { storedTime } from "@/lib/db/stored-time";
import type { Effects } from "@/lib/engine/unit-of-work";
import { ClaimLostError } from "@/lib/errors";
import { type NewEvent, storedEventData, toTimelineEvent } from "@/lib/timeline/append-events";
import { systemActor } from "@/lib/timeline/types";
import { decideAssignment } from "./decide-assignment";
import { assignmentEvents } from "./give-to-agent";
import {
  type CandidateRow,
  FULLY_LISTED_QUEUE_SIZE,
  largeQueueCandidates,
  largeQueueSql,
  rowToCandidate,
} from "./load-candidates";
import { assignmentMethods } from "./methods";
import type { AssignmentMethodName, Candidate, Decision } from "./types";

/**
 * What the two use cases of the SQLite fast path (docs/decisions/003-hot-path-sql.md) share: their statements,
 * prepared once per connection, and the steps of an assignment by the queue — load the candidates, decide, claim the
 * winner, write its participation and events — exactly as routeToQueue → giveToAgent do them on Prisma, deciding with
 * the same `decideAssignment` and storing the same `assignmentEvents`. Callers run inside `inSqliteTransaction`.
 */

export interface QueueRow {
  id: string;
  name: string;
  assignmentMethod: string;
  capacityUnits: number | bigint;
}

/**
 * The queue's decision for a conversation nobody sent and no AI agent handled yet (a new conversation, or one that
 * waits without a transfer behind it): the identity exclusions of decide-for-conversation.ts are empty.
 */
export function decideWithoutExclusions(
  sql: Statements,
  queue: QueueRow,
): { decision: Decision; winner: Candidate | undefined } {
  const units = Number(queue.capacityUnits);
  const method = queue.assignmentMethod as AssignmentMethodName;
  const { members, unlisted } = loadCandidates(sql, queue.id, method, units);
  const decision = decideAssignment(
    method,
    members,
    { units, senderId: null, aiAgentsThatHandledIt: [], viaTransfer: false },
    unlisted,
  );
  const winner = decision.winner ? members.find((m) => m.agentId === decision.winner?.agentId) : undefined;
  return { decision, winner };
}

/** The queue's members as load-candidates.ts gives them to the core: everyone, or (large queue) the best few + counts. */
function loadCandidates(sql: Statements, queueId: string, method: AssignmentMethodName, units: number) {
  const { n } = sql.queueSize.get(queueId) as { n: bigint };
  if (Number(n) <= FULLY_LISTED_QUEUE_SIZE) {
    return { members: (sql.members.all(queueId) as CandidateRow[]).map(rowToCandidate), unlisted: {} };
  }
  const large = sql.large[method];
  return largeQueueCandidates(
    large.best.all(queueId, units) as CandidateRow[],
    large.counts.get(queueId, queueId, units) as Parameters<typeof largeQueueCandidates>[1],
  );
}

/**
 * The winner's side of the assignment, first because it is the only write that can fail (and then nothing else has
 * been written): a representative's capacity only if it still fits, with the capacity we read (giveToAgent's claim);
 * an AI agent only stamped. Returns the units taken.
 */
export function claimWinner(sql: Statements, winner: Candidate, queue: QueueRow, stamp: string): number {
  const units = winner.kind === "human" ? Number(queue.capacityUnits) : 0;
  if (winner.kind === "human") {
    const { changes } = sql.claimRepresentative.run(
      units,
      stamp,
      stamp,
      winner.agentId,
      winner.capacity,
      winner.capacity - units,
    );
    if (changes !== 1) throw new ClaimLostError(`agent ${winner.agentId} no longer has ${units} free units`);
  } else {
    sql.touchAiAgent.run(stamp, stamp, winner.agentId);
  }
  sql.touchMembership.run(stamp, queue.id, winner.agentId);
  return units;
}

/** The events an assignment by the queue appends and what an AI winner must receive (give-to-agent.ts's own). */
export function queueAssignment(
  conversation: Conversation,
  queue: QueueRow,
  winner: Candidate,
  decision: Decision,
  units: number,
): { events: NewEvent[]; delivery: AgentDelivery | null } {
  return assignmentEvents(
    conversation,
    queue,
    { id: winner.agentId, name: winner.name, kind: winner.kind },
    { actor: systemActor, via: "queue", decision, explanation: decision.explanation },
    units,
  );
}

/** The winner's participation, and what follows the commit: the AI agent's activities, live dashboards. */
export function writeParticipation(
  sql: Statements,
  fx: Effects,
  options: { conversationId: string; queue: QueueRow; winner: Candidate; units: number; stamp: string },
  delivery: AgentDelivery | null,
): void {
  const { conversationId, queue, winner, units, stamp } = options;
  sql.insertParticipant.run(newId(), conversationId, winner.agentId, winner.kind, queue.id, units, stamp);
  if (delivery) fx.deliveries.push(delivery);
  fx.agentsChanged.add(winner.agentId);
  fx.queuesChanged.add(queue.id);
}

/** Appends events numbered from `firstSeq` (the caller's row already counts them in lastSeq), live after commit. */
export function writeEvents(
  sql: Statements,
  fx: Effects,
  conversationId: string,
  events: NewEvent[],
  firstSeq: number,
  at: Date,
): void {
  const stamp = storedTime(at);
  for (const [index, event] of events.entries()) {
    const data = storedEventData(event);
    const seq = firstSeq + index;
    const row = [conversationId, seq, event.type, event.actor.type, event.actor.id, JSON.stringify(data), stamp];
    const { lastInsertRowid } = sql.insertEvent.run(...row);
    fx.events.push(
      toTimelineEvent({
        id: Number(lastInsertRowid),
        conversationId,
        seq,
        type: event.type,
        actorType: event.actor.type,
        actorId: event.actor.id,
        data,
        createdAt: at,
      }),
    );
  }
}

const SQL = {
  queue: `SELECT id, name, assignmentMethod, capacityUnits FROM Queue WHERE id = ?`,
  // findFirst({ where: { isDefault: true } }) on the Prisma path.
  defaultQueue: `SELECT id, name, assignmentMethod, capacityUnits FROM Queue WHERE isDefault = 1 LIMIT 1`,
  rules: `SELECT id, name, position, queueId, conditions FROM RoutingRule`,
  queueSize: sqliteSql.queueSize(FULLY_LISTED_QUEUE_SIZE + 1),
  members: `${sqliteSql.members} ORDER BY m.joinOrder ASC`,
  claimRepresentative: `UPDATE Agent SET usedCapacity = usedCapacity + ?, lastAssignedAt = ?, updatedAt = ?
    WHERE id = ? AND capacity = ? AND usedCapacity <= ?`,
  touchAiAgent: `UPDATE Agent SET lastAssignedAt = ?, updatedAt = ? WHERE id = ?`,
  touchMembership: `UPDATE QueueMembership SET lastAssignedAt = ? WHERE queueId = ? AND agentId = ?`,
  insertConversation: `INSERT INTO Conversation (id, status, queueId, assigneeId, customerName, customerTokenHash, topic,
      context, handoff, transferredFromId, viaTransfer, overflowCount, version, lastSeq, queuedAt, createdAt, updatedAt,
      closedAt)
    VALUES (?, 'active', ?, ?, ?, ?, ?, ?, NULL, NULL, 0, 0, ?, ?, NULL, ?, ?, NULL)`,
  // A waiting conversation, as Prisma reads it (JSON columns parsed by the caller).
  waitingConversation: `SELECT * FROM Conversation WHERE id = ?`,
  // updateConversation's compare-and-set (open → active) and appendEvents' lastSeq, in one statement.
  activateWaiting: `UPDATE Conversation SET status = 'active', assigneeId = ?, queuedAt = NULL, viaTransfer = 0,
      transferredFromId = NULL, version = version + 1, lastSeq = lastSeq + ?, updatedAt = ?
    WHERE id = ? AND version = ? AND status = 'open'`,
  deleteOverflowTimer: `DELETE FROM Timer WHERE conversationId = ? AND kind = 'overflow'`,
  insertParticipant: `INSERT INTO Participant (id, conversationId, agentId, kind, queueId, units, joinedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  insertEvent: `INSERT INTO Event (conversationId, seq, type, actorType, actorId, data, createdAt)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
} as const;

type Statement = BetterSqlite3.Statement<unknown[]>;
export type Statements = { [K in keyof typeof SQL]: Statement } & {
  large: Record<AssignmentMethodName, { best: Statement; counts: Statement }>;
};

// Prepared once per connection (SQLite re-preparing every statement was 10 % of the engine's time).
const prepared = new WeakMap<Database, Statements>();

export function statements(db: Database): Statements {
  let sql = prepared.get(db);
  if (!sql) {
    const methods = Object.keys(assignmentMethods) as AssignmentMethodName[];
    sql = {
      ...(Object.fromEntries(Object.entries(SQL).map(([key, text]) => [key, db.prepare(text)])) as {
        [K in keyof typeof SQL]: Statement;
      }),
      large: Object.fromEntries(
        methods.map((method) => {
          const text = largeQueueSql(method, 0);
          return [method, { best: db.prepare(text.best), counts: db.prepare(text.counts) }];
        }),
      ) as Statements["large"],
    };
    prepared.set(db, sql);
  }
  return sql;
}
