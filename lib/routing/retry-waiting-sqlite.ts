import type { Conversation } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import { storedTime } from "@/lib/db/stored-time";
import { inSqliteTransaction } from "@/lib/engine/unit-of-work";
import { ClaimLostError } from "@/lib/errors";
import {
  claimWinner,
  decideWithoutExclusions,
  type QueueRow,
  queueAssignment,
  statements,
  writeEvents,
  writeParticipation,
} from "./sqlite-assignment";
import type { Decision } from "./types";

/**
 * Another try for a waiting conversation, on the SQLite fast path (docs/decisions/003-hot-path-sql.md): what
 * serveWaiting → retryWaiting → giveToAgent do on Prisma, as ONE synchronous transaction with statements prepared
 * once. It decides with the same `decideAssignment`; with a winner it writes exactly the Prisma path's rows (the
 * guarded claim, the conversation's compare-and-set open → active, the participation, the events, the overflow
 * timer gone); without one it writes nothing, as retryWaiting.
 *
 * Returns the decision; "moved" when the conversation no longer waits in this queue; or null, having read only, for
 * a conversation that came by transfer — its sender and the AI agents that handled it are excluded, which the general
 * path (decide-for-conversation.ts) knows how to load.
 */
export function retryWaitingSqlite(conversationId: string, queueId: string): Promise<Decision | "moved" | null> {
  return inSqliteTransaction((db, fx) => {
    const sql = statements(db);
    const row = sql.waitingConversation.get(conversationId) as ConversationRow | undefined;
    if (row?.status !== "open" || row.queueId !== queueId) return "moved";
    if (Number(row.viaTransfer) !== 0 || row.transferredFromId !== null) return null;
    const queue = sql.queue.get(queueId) as QueueRow | undefined;
    if (!queue) return "moved";

    const { decision, winner } = decideWithoutExclusions(sql, queue);
    if (!winner) return decision;

    const at = now();
    const stamp = storedTime(at);
    const units = claimWinner(sql, winner, queue, stamp);
    const conversation = toConversation(row);
    const assigned = queueAssignment(conversation, queue, winner, decision, units);
    const { changes } = sql.activateWaiting.run(
      winner.agentId,
      assigned.events.length,
      stamp,
      conversation.id,
      conversation.version,
    );
    if (changes !== 1) throw new ClaimLostError(`conversation ${conversation.id} changed concurrently`);
    sql.deleteOverflowTimer.run(conversation.id);
    writeParticipation(sql, fx, { conversationId: conversation.id, queue, winner, units, stamp }, assigned.delivery);
    writeEvents(sql, fx, conversation.id, assigned.events, conversation.lastSeq + 1, at);
    return decision;
  });
}

/** A Conversation row as better-sqlite3 returns it (safe integers on; dates and JSON as stored text). */
type Stored = "context" | "handoff" | "viaTransfer" | "overflowCount" | "version" | "lastSeq" | Dates;
type Dates = "queuedAt" | "createdAt" | "updatedAt" | "closedAt";
type ConversationRow = Omit<Conversation, Stored> & {
  context: string;
  handoff: string | null;
  viaTransfer: bigint;
  overflowCount: bigint;
  version: bigint;
  lastSeq: bigint;
} & Record<Dates, string | null>;

const date = (value: string | null) => (value === null ? null : new Date(value));
const json = (value: string | null) => (value === null ? null : JSON.parse(value));

/** The row as Prisma would give it: what the assignment's events are built from (give-to-agent.ts). */
function toConversation(row: ConversationRow): Conversation {
  return {
    ...row,
    context: json(row.context) ?? {},
    handoff: json(row.handoff),
    viaTransfer: Number(row.viaTransfer) !== 0,
    overflowCount: Number(row.overflowCount),
    version: Number(row.version),
    lastSeq: Number(row.lastSeq),
    queuedAt: date(row.queuedAt),
    createdAt: date(row.createdAt) as Date,
    updatedAt: date(row.updatedAt) as Date,
    closedAt: date(row.closedAt),
  };
}
