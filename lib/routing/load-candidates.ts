import type { Agent, QueueMembership } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/transaction";
import type { AgentKind, Candidate, Presence } from "./types";

function toCandidate(
  agent: Agent,
  membership: Pick<QueueMembership, "joinOrder" | "lastAssignedAt"> | null,
): Candidate {
  return {
    agentId: agent.id,
    name: agent.name,
    kind: agent.kind as AgentKind,
    capacity: agent.capacity,
    usedCapacity: agent.usedCapacity,
    presence: agent.presence as Presence,
    joinOrder: membership?.joinOrder ?? 0,
    lastAssignedAt: agent.lastAssignedAt,
    lastAssignedInQueueAt: membership?.lastAssignedAt ?? null,
    lastReleasedAt: agent.lastReleasedAt,
  };
}

/** The queue's members as the routing core sees them. */
export async function loadCandidates(tx: Tx, queueId: string): Promise<Candidate[]> {
  const memberships = await tx.queueMembership.findMany({
    where: { queueId },
    include: { agent: true },
    orderBy: { joinOrder: "asc" },
  });
  return memberships.map((membership) => toCandidate(membership.agent, membership));
}

/** One agent as a candidate, for direct transfers (its membership in the queue, if any, supplies the join order). */
export async function loadCandidate(tx: Tx, agent: Agent, queueId: string | null): Promise<Candidate> {
  const membership = queueId
    ? await tx.queueMembership.findUnique({ where: { queueId_agentId: { queueId, agentId: agent.id } } })
    : null;
  return toCandidate(agent, membership);
}

/** AI agents that already took part in the conversation (loop protection). */
export async function aiAgentsThatHandled(tx: Tx, conversationId: string): Promise<string[]> {
  const rows = await tx.participant.findMany({
    where: { conversationId, kind: "ai" },
    select: { agentId: true },
    distinct: ["agentId"],
  });
  return rows.map((row) => row.agentId);
}
