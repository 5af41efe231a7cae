import type { Database } from "@/lib/db/client";
import { conversationColumns, conversationSetColumns } from "@/lib/db/sql/sqlite";
import { toSqliteValue as stored } from "@/lib/db/sqlite-rows";
import type { Effects } from "@/lib/engine/unit-of-work";
import { ClaimLostError } from "@/lib/errors";
import { toTimelineEvent } from "@/lib/timeline/append-events";
import { type AssignmentPlan, type ConversationWrite, handOnEffects } from "./assignment-plan";
import { sqliteStatements } from "./sqlite-source";

/**
 * Writes a plan on Prisma's own better-sqlite3 connection, synchronously, inside the caller's transaction
 * (`inSqliteTransaction`; docs/decisions/013-assignment-plans.md). It decides nothing: a compare-and-set that no longer
 * holds throws ClaimLostError, which rolls the transaction back and retries it from fresh reads. The writes that can
 * fail come first. Rows are stored as Prisma's adapter stores them (lib/db/sqlite-rows.ts).
 */
export function applyPlanSqlite(db: Database, fx: Effects, plan: AssignmentPlan): void {
  const sql = sqliteStatements(db);
  const { claim, release } = plan;
  if (claim?.kind === "human") {
    const at = stored(claim.at);
    const fits = claim.capacityRead - claim.units;
    const { changes } = sql.claimRepresentative.run(claim.units, at, at, claim.agentId, claim.capacityRead, fits);
    if (changes !== 1) throw new ClaimLostError(`agent ${claim.agentId} no longer has ${claim.units} free units`);
  } else if (claim) {
    sql.stampAiAgent.run(stored(claim.at), stored(claim.at), claim.agentId);
  }
  writeConversation(db, plan.conversation);
  if (release) {
    const { changes } = sql.endParticipation.run(
      stored(release.at),
      release.leftReason,
      release.wrapUpPending ? 1 : 0,
      release.participantId,
    );
    if (changes !== 1) throw new ClaimLostError(`participation ${release.participantId} already ended`);
    if (release.units > 0) {
      sql.releaseCapacity.run(release.units, stored(release.at), stored(release.at), release.agentId);
    }
  }
  if (plan.membership) {
    const { queueId, agentId, at } = plan.membership;
    sql.stampMembership.run(stored(at), queueId, agentId);
  }
  const p = plan.participant;
  if (p) sql.insertParticipant.run(p.id, p.conversationId, p.agentId, p.kind, p.queueId, p.units, stored(p.joinedAt));
  for (const m of plan.messages) {
    sql.insertMessage.run(m.id, m.conversationId, m.authorType, m.agentId, m.text, stored(m.createdAt));
  }
  for (const kind of plan.dropTimers) sql.dropTimer.run(plan.conversationId, kind);
  for (const e of plan.events) {
    const row = [plan.conversationId, e.seq, e.type, e.actorType, e.actorId, stored(e.data), stored(e.createdAt)];
    const { lastInsertRowid } = sql.insertEvent.run(...row);
    fx.events.push(toTimelineEvent({ ...e, id: Number(lastInsertRowid), conversationId: plan.conversationId }));
  }
  handOnEffects(fx, plan.after);
}

function writeConversation(db: Database, write: ConversationWrite): void {
  const sql = sqliteStatements(db);
  if (write.kind === "insert") {
    sql.insertConversation.run(...conversationColumns.map((column) => stored(write.row[column])));
    return;
  }
  const { changes } = sql.compareAndSetConversation.run(
    ...conversationSetColumns.map((column) => stored(write.set[column])),
    write.id,
    write.expected.version,
    write.expected.lastSeq,
  );
  if (changes !== 1) throw new ClaimLostError(`conversation ${write.id} changed concurrently`);
}
