import type { Conversation } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import { type ConversationView, toConversationView } from "@/lib/conversations/get-conversation";
import { newId } from "@/lib/db/ids";
import { storedTime } from "@/lib/db/stored-time";
import { inSqliteTransaction } from "@/lib/engine/unit-of-work";
import { type Condition, matchRule } from "@/lib/routing-rules/match-rule";
import type { NewEvent } from "@/lib/timeline/append-events";
import { customerActor, systemActor } from "@/lib/timeline/types";
import {
  claimWinner,
  decideWithoutExclusions,
  type QueueRow,
  queueAssignment,
  type Statements,
  statements,
  writeEvents,
  writeParticipation,
} from "./sqlite-assignment";

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
    // A new conversation: no sender to skip, no AI agent that already handled it (decide-for-conversation.ts).
    const { decision, winner } = decideWithoutExclusions(sql, queue);
    if (!winner) return null; // waiting or overflow: the Prisma path (nothing written yet)

    const at = now();
    const stamp = storedTime(at);
    const units = claimWinner(sql, winner, queue, stamp);

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
    const assigned = queueAssignment(conversation, queue, winner, decision, units);
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
      ...assigned.events,
    ];
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
    writeParticipation(sql, fx, { conversationId: conversation.id, queue, winner, units, stamp }, assigned.delivery);
    writeEvents(sql, fx, conversation.id, events, 1, at);
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
