import { now } from "@/lib/clock";
import { getDb } from "@/lib/db/client";

/**
 * The supervisor's live numbers: per queue — waiting, longest wait, active,
 * members available / busy / at capacity; per agent — presence and load.
 */
export async function getDashboard() {
  const db = getDb();
  const [queues, agents, waiting, live] = await Promise.all([
    db.queue.findMany({
      include: { memberships: { select: { agentId: true } } },
      orderBy: [{ priority: "asc" }, { name: "asc" }],
    }),
    db.agent.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }] }),
    db.conversation.groupBy({ by: ["queueId"], where: { status: "open" }, _count: true, _min: { queuedAt: true } }),
    db.conversation.groupBy({
      by: ["queueId", "status"],
      where: { status: { in: ["active", "wrap_up"] } },
      _count: true,
    }),
  ]);
  const held = await db.conversation.groupBy({
    by: ["assigneeId"],
    where: { status: { in: ["active", "wrap_up"] } },
    _count: true,
  });
  const heldBy = new Map(held.map((h) => [h.assigneeId, h._count]));
  const byId = new Map(agents.map((a) => [a.id, a]));
  const at = now().getTime();

  return {
    generatedAt: new Date(at).toISOString(),
    queues: queues.map((queue) => {
      const wait = waiting.find((w) => w.queueId === queue.id);
      const members = queue.memberships.map((m) => byId.get(m.agentId)).filter((a) => a !== undefined);
      const humans = members.filter((a) => a.kind === "human");
      const count = (status: string) => live.find((l) => l.queueId === queue.id && l.status === status)?._count ?? 0;
      return {
        id: queue.id,
        name: queue.name,
        priority: queue.priority,
        assignmentMethod: queue.assignmentMethod,
        waiting: wait?._count ?? 0,
        longestWaitSeconds: wait?._min.queuedAt
          ? Math.max(0, Math.round((at - wait._min.queuedAt.getTime()) / 1000))
          : 0,
        active: count("active"),
        wrapUp: count("wrap_up"),
        members: {
          ai: members.length - humans.length,
          available: humans.filter((a) => a.presence === "available" && a.usedCapacity < a.capacity).length,
          busy: humans.filter((a) => a.presence === "busy" && a.usedCapacity < a.capacity).length,
          atCapacity: humans.filter((a) => ["available", "busy"].includes(a.presence) && a.usedCapacity >= a.capacity)
            .length,
          unavailable: humans.filter((a) => !["available", "busy"].includes(a.presence)).length,
        },
      };
    }),
    agents: agents.map((agent) => ({
      id: agent.id,
      name: agent.name,
      kind: agent.kind,
      presence: agent.presence,
      capacity: agent.capacity,
      usedCapacity: agent.usedCapacity,
      conversations: heldBy.get(agent.id) ?? 0,
    })),
  };
}
