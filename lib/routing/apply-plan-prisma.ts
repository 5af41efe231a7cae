import { Prisma } from "@/generated/prisma/client";
import { dialectSql } from "@/lib/db/sql";
import type { DialectSql, PlannedWritesResult } from "@/lib/db/sql/types";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { ClaimLostError } from "@/lib/errors";
import { toTimelineEvent } from "@/lib/timeline/append-events";
import { type AssignmentPlan, type ConversationWrite, handOnEffects } from "./assignment-plan";

/**
 * Writes a plan through a Prisma transaction, on SQLite or PostgreSQL (docs/decisions/013-assignment-plans.md). It
 * decides nothing: a compare-and-set that no longer holds throws ClaimLostError, and the unit of work retries from
 * fresh reads. On PostgreSQL, where each statement is a round trip, two: the claim, then everything else at once
 * (lib/db/sql/postgres.ts `planWrites`); elsewhere one per part. Nothing is read back that the plan already knows
 * (the events come back with their ids).
 */
export async function applyPlanPrisma(tx: Tx, fx: Effects, plan: AssignmentPlan): Promise<void> {
  const { claim } = plan;
  if (claim?.kind === "human") {
    const { count } = await tx.agent.updateMany({
      where: {
        id: claim.agentId,
        capacity: claim.capacityRead,
        usedCapacity: { lte: claim.capacityRead - claim.units },
      },
      data: { usedCapacity: { increment: claim.units }, lastAssignedAt: claim.at, updatedAt: claim.at },
    });
    if (count !== 1) throw new ClaimLostError(`agent ${claim.agentId} no longer has ${claim.units} free units`);
  } else if (claim) {
    await tx.agent.updateMany({
      where: { id: claim.agentId },
      data: { lastAssignedAt: claim.at, updatedAt: claim.at },
    });
  }
  const oneStatement = dialectSql().planWrites;
  if (oneStatement) await writeAtOnce(tx, fx, plan, oneStatement);
  else await writePartByPart(tx, fx, plan);
  handOnEffects(fx, plan.after);
}

/** Every write after the claim in one statement (PostgreSQL: one round trip instead of up to seven). */
async function writeAtOnce(
  tx: Tx,
  fx: Effects,
  plan: AssignmentPlan,
  oneStatement: NonNullable<DialectSql["planWrites"]>,
): Promise<void> {
  const conversationId = plan.conversationId;
  const events = plan.events.map((e) => ({ ...e, conversationId }));
  const { text, params } = oneStatement({ ...plan, events });
  const [result] = await tx.$queryRawUnsafe<PlannedWritesResult[]>(text, ...params);
  if (Number(result?.conversation) !== 1)
    throw new ClaimLostError(`conversation ${conversationId} changed concurrently`);
  if (Number(result?.ended) !== 1)
    throw new ClaimLostError(`participation ${plan.release?.participantId} already ended`);
  const written = typeof result.events === "string" ? JSON.parse(result.events) : (result.events ?? []);
  const idOf = new Map((written as { id: number; seq: number }[]).map((row) => [Number(row.seq), Number(row.id)]));
  for (const e of events) fx.events.push(toTimelineEvent({ ...e, id: idOf.get(e.seq) ?? 0 }));
}

/** One statement per part of the plan (SQLite through Prisma: in-process, nothing to save by folding them). */
async function writePartByPart(tx: Tx, fx: Effects, plan: AssignmentPlan): Promise<void> {
  const { release } = plan;
  await writeConversation(tx, plan.conversation);
  if (release) {
    const { count } = await tx.participant.updateMany({
      where: { id: release.participantId, leftAt: null },
      data: { leftAt: release.at, leftReason: release.leftReason, wrapUpPending: release.wrapUpPending },
    });
    if (count !== 1) throw new ClaimLostError(`participation ${release.participantId} already ended`);
    if (release.units > 0) {
      await tx.agent.updateMany({
        where: { id: release.agentId },
        data: { usedCapacity: { decrement: release.units }, lastReleasedAt: release.at, updatedAt: release.at },
      });
    }
  }
  if (plan.membership) {
    const { queueId, agentId, at } = plan.membership;
    await tx.queueMembership.updateMany({ where: { queueId, agentId }, data: { lastAssignedAt: at } });
  }
  if (plan.participant) await tx.participant.create({ data: plan.participant });
  if (plan.messages.length) await tx.message.createMany({ data: plan.messages });
  if (plan.dropTimers.length) {
    await tx.timer.deleteMany({ where: { conversationId: plan.conversationId, kind: { in: plan.dropTimers } } });
  }
  if (plan.events.length) {
    const rows = plan.events.map((e) => ({ ...e, conversationId: plan.conversationId, data: e.data as object }));
    const ids = await tx.event.createManyAndReturn({ data: rows, select: { id: true, seq: true } });
    const idOf = new Map(ids.map((row) => [row.seq, row.id]));
    for (const row of rows) fx.events.push(toTimelineEvent({ ...row, id: idOf.get(row.seq) ?? 0 }));
  }
}

async function writeConversation(tx: Tx, write: ConversationWrite): Promise<void> {
  if (write.kind === "insert") {
    const { context, handoff, ...row } = write.row;
    await tx.conversation.create({ data: { ...row, context: context as object, handoff: json(handoff) } });
    return;
  }
  const { handoff, ...set } = write.set;
  const { count } = await tx.conversation.updateMany({
    where: { id: write.id, version: write.expected.version, lastSeq: write.expected.lastSeq },
    data: { ...set, handoff: json(handoff) },
  });
  if (count !== 1) throw new ClaimLostError(`conversation ${write.id} changed concurrently`);
}

/** A nullable JSON column: Prisma stores SQL NULL only when told so (a plain null is refused). */
const json = (value: unknown) => (value === null ? Prisma.DbNull : (value as object));
