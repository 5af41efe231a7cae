import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

const withMembers = {
  memberships: {
    orderBy: { joinOrder: "asc" as const },
    include: {
      agent: { select: { id: true, name: true, kind: true, capacity: true, usedCapacity: true, presence: true } },
    },
  },
};

/** Queues with their members (capacity and presence) and live counts. */
export async function listQueues() {
  const db = getDb();
  const [queues, counts] = await Promise.all([
    db.queue.findMany({ include: withMembers, orderBy: [{ priority: "asc" }, { name: "asc" }] }),
    db.conversation.groupBy({
      by: ["queueId", "status"],
      where: { status: { in: ["open", "active", "wrap_up"] } },
      _count: true,
    }),
  ]);
  return queues.map((queue) => ({
    ...queue,
    counts: Object.fromEntries(counts.filter((c) => c.queueId === queue.id).map((c) => [c.status, c._count])),
  }));
}

export async function getQueue(queueId: string) {
  const queue = await getDb().queue.findUnique({ where: { id: queueId }, include: withMembers });
  if (!queue) throw notFound("queue", queueId);
  return queue;
}
