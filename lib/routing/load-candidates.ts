import type { Agent, QueueMembership } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/transaction";
import { assignmentMethods } from "./methods";
import type { AgentKind, AssignmentMethodName, Candidate, Presence, Unlisted } from "./types";

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

/**
 * Up to this many members, the core sees everyone and the explanation names
 * every exclusion. Beyond it, only the best few who can take work now, plus
 * the members excluded for who they are, are loaded; the rest are counted —
 * so one assignment costs about the same in a queue of 10 or of 5,000.
 */
export const FULLY_LISTED_QUEUE_SIZE = 100;
export const TOP_CANDIDATES = 10;

export type CandidateRow = {
  agentId: string;
  name: string;
  kind: string;
  capacity: number | bigint;
  usedCapacity: number | bigint;
  presence: string;
  joinOrder: number | bigint;
  lastAssignedAt: Date | string | null;
  lastAssignedInQueueAt: Date | string | null;
  lastReleasedAt: Date | string | null;
};

const asDate = (value: Date | string | null) =>
  value === null ? null : value instanceof Date ? value : new Date(value);

export const rowToCandidate = (row: CandidateRow): Candidate => ({
  agentId: row.agentId,
  name: row.name,
  kind: row.kind as AgentKind,
  capacity: Number(row.capacity),
  usedCapacity: Number(row.usedCapacity),
  presence: row.presence as Presence,
  joinOrder: Number(row.joinOrder),
  lastAssignedAt: asDate(row.lastAssignedAt),
  lastAssignedInQueueAt: asDate(row.lastAssignedInQueueAt),
  lastReleasedAt: asDate(row.lastReleasedAt),
});

// Mirrors eligibility.ts's state checks: who could take work right now.
const canTakeWork = `((a.kind = 'ai' AND a.presence = 'available')
  OR (a.kind = 'human' AND a.presence IN ('available', 'busy') AND a.capacity - a.usedCapacity >= ?))`;

/** All of a queue's members, in join order, as candidate rows: the shape the large-queue statements return too. */
export const MEMBERS_SQL = `SELECT a.id AS agentId, a.name, a.kind, a.capacity, a.usedCapacity, a.presence, m.joinOrder,
    a.lastAssignedAt, m.lastAssignedAt AS lastAssignedInQueueAt, a.lastReleasedAt
  FROM QueueMembership m JOIN Agent a ON a.id = m.agentId WHERE m.queueId = ?`;

/**
 * The statements for a queue larger than FULLY_LISTED_QUEUE_SIZE, with `excluded` identity exclusions as the last
 * parameters. best: (queueId, units, ...excluded); identity: (queueId, ...excluded); counts: (units, queueId, ...excluded).
 * Shared with the SQLite fast path (assign-new-conversation-sqlite.ts), which prepares them once.
 */
export function largeQueueSql(method: AssignmentMethodName, excluded: number) {
  const marks = Array.from({ length: excluded }, () => "?").join(", ");
  const skip = excluded ? `AND a.id NOT IN (${marks})` : "";
  return {
    best: `${MEMBERS_SQL} AND ${canTakeWork} ${skip} ORDER BY ${assignmentMethods[method].sqlOrder} LIMIT ${TOP_CANDIDATES}`,
    identity: `${MEMBERS_SQL} AND a.id IN (${marks})`,
    counts: `SELECT
         SUM(CASE WHEN (a.kind = 'ai' AND a.presence != 'available')
                    OR (a.kind = 'human' AND a.presence NOT IN ('available', 'busy')) THEN 1 ELSE 0 END) AS offline,
         SUM(CASE WHEN a.kind = 'human' AND a.presence IN ('available', 'busy') AND a.capacity - a.usedCapacity < ?
                  THEN 1 ELSE 0 END) AS full
       FROM QueueMembership m JOIN Agent a ON a.id = m.agentId WHERE m.queueId = ? ${skip}`,
  };
}

export async function loadQueueCandidates(
  tx: Tx,
  queue: { id: string; assignmentMethod: string; capacityUnits: number },
  identityExcluded: string[],
): Promise<{ members: Candidate[]; unlisted: Unlisted }> {
  const size = await tx.queueMembership.count({ where: { queueId: queue.id } });
  if (size <= FULLY_LISTED_QUEUE_SIZE) return { members: await loadCandidates(tx, queue.id), unlisted: {} };

  const sql = largeQueueSql(queue.assignmentMethod as AssignmentMethodName, identityExcluded.length);
  const [best, identity, counts] = await Promise.all([
    tx.$queryRawUnsafe<CandidateRow[]>(sql.best, queue.id, queue.capacityUnits, ...identityExcluded),
    identityExcluded.length
      ? tx.$queryRawUnsafe<CandidateRow[]>(sql.identity, queue.id, ...identityExcluded)
      : Promise.resolve([]),
    tx.$queryRawUnsafe<{ offline: number | bigint | null; full: number | bigint | null }[]>(
      sql.counts,
      queue.capacityUnits,
      queue.id,
      ...identityExcluded,
    ),
  ]);
  const [count] = counts;
  return {
    members: [...identity, ...best].map(rowToCandidate),
    unlisted: { presence: Number(count?.offline ?? 0), at_capacity: Number(count?.full ?? 0) },
  };
}
