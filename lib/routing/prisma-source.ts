import { dialectSql } from "@/lib/db/sql";
import type { DialectSql } from "@/lib/db/sql/types";
import type { Tx } from "@/lib/db/transaction";
import type { Condition } from "@/lib/routing-rules/match-rule";
import { type CandidateRow, type CandidateSource, type LargeQueue, TOP_CANDIDATES } from "./candidate-source";
import { assignmentMethods } from "./methods";

/**
 * The CandidateSource through a Prisma transaction, on whichever database the client serves (SQLite through its
 * adapter, PostgreSQL): the general path of docs/decisions/013-assignment-plans.md. Every answer is a promise; the
 * queue's members come through the dialect's own SQL (lib/db/sql/), one statement each.
 */
export function prismaCandidateSource(tx: Tx, sql: DialectSql = dialectSql()): CandidateSource {
  const large = (queue: Pick<LargeQueue, "method">, excluded: string[]) =>
    sql.largeQueue(assignmentMethods[queue.method].sqlOrder, excluded.length, TOP_CANDIDATES);
  return {
    queue: (id) => tx.queue.findUnique({ where: { id } }),
    defaultQueue: () => tx.queue.findFirst({ where: { isDefault: true } }),
    routingRules: async () =>
      (
        await tx.routingRule.findMany({
          select: { id: true, name: true, position: true, queueId: true, conditions: true },
        })
      ).map((rule) => ({ ...rule, conditions: rule.conditions as Condition[] })),
    conversation: (id) => tx.conversation.findUnique({ where: { id } }),
    agent: (id) => tx.agent.findUnique({ where: { id } }),
    queueSize: async (queueId, limit) => {
      const [size] = await tx.$queryRawUnsafe<{ n: number | bigint }[]>(sql.queueSize(limit), queueId);
      return Number(size?.n ?? 0);
    },
    members: (queueId) => tx.$queryRawUnsafe<CandidateRow[]>(sql.membersInJoinOrder, queueId),
    bestMembers: (queue, excluded) =>
      tx.$queryRawUnsafe<CandidateRow[]>(large(queue, excluded).best, queue.id, queue.units, ...excluded),
    excludedMembers: (queueId, excluded) =>
      tx.$queryRawUnsafe<CandidateRow[]>(
        large({ method: "highest_capacity" }, excluded).identity,
        queueId,
        ...excluded,
      ),
    unlistedCounts: async (queue, excluded) => {
      const [found] = await tx.$queryRawUnsafe<{ offline: number | bigint | null; full: number | bigint | null }[]>(
        large(queue, excluded).counts,
        queue.id,
        ...excluded,
        queue.id,
        queue.units,
        ...excluded,
      );
      return { offline: Number(found?.offline ?? 0), full: Number(found?.full ?? 0) };
    },
    membership: (queueId, agentId) =>
      tx.queueMembership.findUnique({
        where: { queueId_agentId: { queueId, agentId } },
        select: { joinOrder: true, lastAssignedAt: true },
      }),
    aiAgentsThatHandled: async (conversationId) =>
      (
        await tx.participant.findMany({
          where: { conversationId, kind: "ai" },
          select: { agentId: true },
          distinct: ["agentId"],
        })
      ).map((row) => row.agentId),
    openParticipation: async (conversationId) => {
      const found = await tx.participant.findFirst({
        where: { conversationId, leftAt: null },
        select: { id: true, agentId: true, units: true, agent: { select: { name: true, kind: true } } },
      });
      return found
        ? {
            id: found.id,
            agentId: found.agentId,
            units: found.units,
            agentName: found.agent.name,
            agentKind: found.agent.kind,
          }
        : null;
    },
    queuesOf: async (agentId) =>
      (
        await tx.queueMembership.findMany({
          where: { agentId },
          select: { queueId: true },
          orderBy: { joinedAt: "asc" },
        })
      ).map((row) => row.queueId),
    waitingIn: async (queueIds) =>
      queueIds.length
        ? tx.$queryRawUnsafe<{ id: string; queueId: string }[]>(sql.waitingIn(queueIds.length), ...queueIds)
        : [],
  };
}
