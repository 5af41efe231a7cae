import type BetterSqlite3 from "better-sqlite3";
import type { Conversation } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import { type ConversationView, toConversationView } from "@/lib/conversations/get-conversation";
import type { Database } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { inSqliteTransaction } from "@/lib/db/transaction";
import { ClaimLostError } from "@/lib/errors";
import { type Condition, matchRule } from "@/lib/routing-rules/match-rule";
import { type NewEvent, storedEventData, toTimelineEvent } from "@/lib/timeline/append-events";
import { customerActor, systemActor } from "@/lib/timeline/types";
import { decideAssignment } from "./decide-assignment";
import { assignmentEvents } from "./give-to-agent";
import {
  type CandidateRow,
  FULLY_LISTED_QUEUE_SIZE,
  largeQueueSql,
  MEMBERS_SQL,
  QUEUE_SIZE_SQL,
  rowToCandidate,
} from "./load-candidates";
import { assignmentMethods } from "./methods";
import type { AssignmentMethodName, Candidate, Unlisted } from "./types";

/**
 * The hot path of docs/decisions/003-hot-path-sql.md: a new conversation that someone (representative or AI
 * agent) can take at once, written as ONE synchronous SQLite transaction on Prisma's own connection with
 * statements prepared once — 7–9 statements instead of ~19 Prisma calls. It writes exactly the rows
 * startConversation → routeToQueue → giveToAgent write on Prisma, and decides with the same `decideAssignment`.
 *
 * Returns the conversation as the API shows it (what getConversation would read back), or null, having written
 * nothing, when it cannot finish the job this way (no queue can be chosen, or nobody is eligible): the caller then
 * runs the Prisma path, which owns waiting, overflow and every error message.
 */
export interface NewConversation {
  customerName: string;
  customerTokenHash: string;
  topic: string | null;
  context: Record<string, unknown>;
  queueId?: string;
}

export function assignNewConversationSqlite(input: NewConversation): Promise<ConversationView | null> {
  return inSqliteTransaction((db, fx) => {
    const sql = statements(db);
    const entry = chooseEntryQueue(sql, input);
    if (!entry) return null;
    const { queue } = entry;
    const units = Number(queue.capacityUnits);
    const method = queue.assignmentMethod as AssignmentMethodName;

    // A new conversation: no sender to skip, no AI agent that already handled it (decide-for-conversation.ts).
    const { members, unlisted } = loadCandidates(sql, queue.id, method, units);
    const decision = decideAssignment(
      method,
      members,
      { units, senderId: null, aiAgentsThatHandledIt: [], viaTransfer: false },
      unlisted,
    );
    const winner = decision.winner ? members.find((m) => m.agentId === decision.winner?.agentId) : undefined;
    if (!winner) return null; // waiting or overflow: the Prisma path (nothing written yet)

    const at = now();
    const stamp = isoTime(at);
    const claimed = winner.kind === "human" ? units : 0;
    // The claim first: the only write that can fail, and then nothing else has been written (the transaction
    // rolls back anyway). Same guard as giveToAgent: the capacity we read, and enough free units.
    if (winner.kind === "human") {
      const { changes } = sql.claimRepresentative.run(
        claimed,
        stamp,
        stamp,
        winner.agentId,
        winner.capacity,
        winner.capacity - claimed,
      );
      if (changes !== 1) throw new ClaimLostError(`agent ${winner.agentId} no longer has ${claimed} free units`);
    } else {
      sql.touchAiAgent.run(stamp, stamp, winner.agentId);
    }
    sql.touchMembership.run(stamp, queue.id, winner.agentId);

    const events: NewEvent[] = [
      {
        type: "conversation.started",
        actor: customerActor,
        data: { customerName: input.customerName, topic: input.topic, context: input.context },
      },
      {
        type: "conversation.routed",
        actor: systemActor,
        data: { queueId: queue.id, queueName: queue.name, reason: entry.reason, ruleId: entry.ruleId },
      },
    ];
    // The conversation in its final state: what create + routed + assigned leave behind on the Prisma path
    // (version 2: two compare-and-set updates; lastSeq: one per event; queuedAt set on routing, cleared on assignment).
    const conversation: Conversation = {
      id: newId(),
      status: "active",
      queueId: queue.id,
      assigneeId: winner.agentId,
      customerName: input.customerName,
      customerTokenHash: input.customerTokenHash,
      topic: input.topic,
      context: input.context as Conversation["context"],
      handoff: null,
      transferredFromId: null,
      viaTransfer: false,
      overflowCount: 0,
      version: 2,
      lastSeq: 0,
      queuedAt: null,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
    };
    const assigned = assignmentEvents(
      conversation,
      queue,
      { id: winner.agentId, name: winner.name, kind: winner.kind },
      { actor: systemActor, via: "queue", decision, explanation: decision.explanation },
      claimed,
    );
    events.push(...assigned.events);
    conversation.lastSeq = events.length;

    sql.insertConversation.run(
      conversation.id,
      conversation.queueId,
      conversation.assigneeId,
      conversation.customerName,
      conversation.customerTokenHash,
      conversation.topic,
      JSON.stringify(conversation.context),
      conversation.version,
      conversation.lastSeq,
      stamp,
      stamp,
    );
    sql.insertParticipant.run(newId(), conversation.id, winner.agentId, winner.kind, queue.id, claimed, stamp);
    for (const [index, event] of events.entries()) {
      const data = storedEventData(event);
      const seq = index + 1;
      const { lastInsertRowid } = sql.insertEvent.run(
        conversation.id,
        seq,
        event.type,
        event.actor.type,
        event.actor.id,
        JSON.stringify(data),
        stamp,
      );
      fx.events.push(
        toTimelineEvent({
          id: Number(lastInsertRowid),
          conversationId: conversation.id,
          seq,
          type: event.type,
          actorType: event.actor.type,
          actorId: event.actor.id,
          data,
          createdAt: at,
        }),
      );
    }
    if (assigned.delivery) fx.deliveries.push(assigned.delivery);
    fx.agentsChanged.add(winner.agentId);
    fx.queuesChanged.add(queue.id);
    return toConversationView(
      {
        ...conversation,
        queue: { id: queue.id, name: queue.name },
        assignee: { id: winner.agentId, name: winner.name, kind: winner.kind },
      },
      null,
    );
  });
}

/** As the Prisma adapter stores DateTime (its default "iso8601" format): `2026-01-02T03:04:05.678+00:00`. */
const isoTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

interface QueueRow {
  id: string;
  name: string;
  assignmentMethod: string;
  capacityUnits: number | bigint;
}

/** The entry queue exactly as start-conversation.ts chooses it; null when it would fail (the Prisma path says why). */
function chooseEntryQueue(
  sql: Statements,
  input: NewConversation,
): { queue: QueueRow; reason: string; ruleId: string | null } | null {
  if (input.queueId) {
    const queue = sql.queue.get(input.queueId) as QueueRow | undefined;
    return queue ? { queue, reason: "entry point names the queue", ruleId: null } : null;
  }
  const rules = (
    sql.rules.all() as { id: string; name: string; position: number | bigint; queueId: string; conditions: string }[]
  ).map((rule) => ({
    ...rule,
    position: Number(rule.position),
    conditions: JSON.parse(rule.conditions) as Condition[],
  }));
  const matched = matchRule(rules, { topic: input.topic, context: input.context });
  if (matched) {
    const queue = sql.queue.get(matched.queueId) as QueueRow | undefined;
    return queue ? { queue, reason: `routing rule "${matched.name}"`, ruleId: matched.id } : null;
  }
  const fallback = sql.defaultQueue.get() as QueueRow | undefined;
  return fallback ? { queue: fallback, reason: "default queue (no routing rule matched)", ruleId: null } : null;
}

/** The queue's members as load-candidates.ts gives them to the core: everyone, or (large queue) the best few + counts. */
function loadCandidates(
  sql: Statements,
  queueId: string,
  method: AssignmentMethodName,
  units: number,
): { members: Candidate[]; unlisted: Unlisted } {
  const { n } = sql.queueSize.get(queueId) as { n: bigint };
  if (Number(n) <= FULLY_LISTED_QUEUE_SIZE) {
    return { members: (sql.members.all(queueId) as CandidateRow[]).map(rowToCandidate), unlisted: {} };
  }
  const large = sql.large[method];
  const best = large.best.all(queueId, units) as CandidateRow[];
  const count = large.counts.get(queueId, queueId, units) as
    | { offline: bigint | null; full: bigint | null }
    | undefined;
  return {
    members: best.map(rowToCandidate),
    unlisted: { presence: Number(count?.offline ?? 0), at_capacity: Number(count?.full ?? 0) },
  };
}

const SQL = {
  queue: `SELECT id, name, assignmentMethod, capacityUnits FROM Queue WHERE id = ?`,
  // findFirst({ where: { isDefault: true } }) on the Prisma path.
  defaultQueue: `SELECT id, name, assignmentMethod, capacityUnits FROM Queue WHERE isDefault = 1 LIMIT 1`,
  rules: `SELECT id, name, position, queueId, conditions FROM RoutingRule`,
  queueSize: QUEUE_SIZE_SQL,
  members: `${MEMBERS_SQL} ORDER BY m.joinOrder ASC`,
  claimRepresentative: `UPDATE Agent SET usedCapacity = usedCapacity + ?, lastAssignedAt = ?, updatedAt = ?
    WHERE id = ? AND capacity = ? AND usedCapacity <= ?`,
  touchAiAgent: `UPDATE Agent SET lastAssignedAt = ?, updatedAt = ? WHERE id = ?`,
  touchMembership: `UPDATE QueueMembership SET lastAssignedAt = ? WHERE queueId = ? AND agentId = ?`,
  insertConversation: `INSERT INTO Conversation (id, status, queueId, assigneeId, customerName, customerTokenHash, topic,
      context, handoff, transferredFromId, viaTransfer, overflowCount, version, lastSeq, queuedAt, createdAt, updatedAt,
      closedAt)
    VALUES (?, 'active', ?, ?, ?, ?, ?, ?, NULL, NULL, 0, 0, ?, ?, NULL, ?, ?, NULL)`,
  insertParticipant: `INSERT INTO Participant (id, conversationId, agentId, kind, queueId, units, joinedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  insertEvent: `INSERT INTO Event (conversationId, seq, type, actorType, actorId, data, createdAt)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
} as const;

type Statement = BetterSqlite3.Statement<unknown[]>;
type Statements = { [K in keyof typeof SQL]: Statement } & {
  large: Record<AssignmentMethodName, { best: Statement; counts: Statement }>;
};

// Prepared once per connection (SQLite re-preparing every statement was 10 % of the engine's time).
const prepared = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
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
