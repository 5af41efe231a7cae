import { inTransaction } from "@/lib/engine/unit-of-work";
import { notFound } from "@/lib/errors";

/**
 * Adds an agent to a queue (idempotent). It joins at the end of the queue's
 * join order, and waiting conversations get a try with the new member.
 */
export function addMember(queueId: string, agentId: string) {
  return inTransaction(async (tx, fx) => {
    const [queue, agent] = await Promise.all([
      tx.queue.findUnique({ where: { id: queueId } }),
      tx.agent.findUnique({ where: { id: agentId } }),
    ]);
    if (!queue) throw notFound("queue", queueId);
    if (!agent) throw notFound("agent", agentId);
    const existing = await tx.queueMembership.findUnique({ where: { queueId_agentId: { queueId, agentId } } });
    if (existing) return { membership: existing, created: false };
    const last = await tx.queueMembership.aggregate({ where: { queueId }, _max: { joinOrder: true } });
    const membership = await tx.queueMembership.create({
      data: { queueId, agentId, joinOrder: (last._max.joinOrder ?? 0) + 1 },
    });
    fx.queuesToServe.add(queueId);
    fx.agentsChanged.add(agentId);
    return { membership, created: true };
  });
}

/** Removes an agent from a queue; conversations it already holds stay with it. */
export function removeMember(queueId: string, agentId: string) {
  return inTransaction(async (tx, fx) => {
    const { count } = await tx.queueMembership.deleteMany({ where: { queueId, agentId } });
    if (count === 0) throw notFound("membership", `${queueId}/${agentId}`);
    fx.queuesChanged.add(queueId);
    fx.agentsChanged.add(agentId);
  });
}
