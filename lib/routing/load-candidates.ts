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

/** All of a queue's members, in join order, as candidate rows: the shape the large-queue statements return too. */
export const MEMBERS_SQL = `SELECT a.id AS agentId, a.name, a.kind, a.capacity, a.usedCapacity, a.presence, m.joinOrder,
    a.lastAssignedAt, m.lastAssignedAt AS lastAssignedInQueueAt, a.lastReleasedAt
  FROM QueueMembership m JOIN Agent a ON a.id = m.agentId WHERE m.queueId = ?`;

/** The queue's size, counted no further than it takes to know whether it is fully listed: (queueId). */
export const QUEUE_SIZE_SQL = `SELECT COUNT(*) AS n FROM
  (SELECT 1 FROM QueueMembership WHERE queueId = ? LIMIT ${FULLY_LISTED_QUEUE_SIZE + 1})`;

/**
 * The statements for a queue larger than FULLY_LISTED_QUEUE_SIZE, on the membership's copy of each agent's routing
 * state (kept by triggers, docs/decisions/007-member-routing-copy.md), so each is an index range, not a scan:
 * - best (queueId, units, ...excluded): who can take work now — routable, and an AI agent or enough free units
 *   (eligibility.ts) — in the method's order, the first TOP_CANDIDATES; the join to Agent reads only those rows;
 * - identity (queueId, ...excluded): the members excluded for who they are, so the explanation names them;
 * - counts (queueId, ...excluded, queueId, units, ...excluded): the rest by reason.
 * Shared with the SQLite fast path (assign-new-conversation-sqlite.ts), which prepares them once.
 */
export function largeQueueSql(method: AssignmentMethodName, excluded: number) {
  const marks = Array.from({ length: excluded }, () => "?").join(", ");
  const skip = excluded ? `AND m.agentId NOT IN (${marks})` : "";
  return {
    best: `${MEMBERS_SQL} AND m.routable = 1 AND (m.agentKind = 'ai' OR m.freeUnits >= ?) ${skip}
      ORDER BY ${assignmentMethods[method].sqlOrder} LIMIT ${TOP_CANDIDATES}`,
    identity: `${MEMBERS_SQL} AND m.agentId IN (${marks})`,
    counts: `SELECT
        (SELECT COUNT(*) FROM QueueMembership m WHERE m.queueId = ? AND m.routable = 0 ${skip}) AS offline,
        (SELECT COUNT(*) FROM QueueMembership m
          WHERE m.queueId = ? AND m.routable = 1 AND m.agentKind = 'human' AND m.freeUnits < ? ${skip}) AS full`,
  };
}

export async function loadQueueCandidates(
  tx: Tx,
  queue: { id: string; assignmentMethod: string; capacityUnits: number },
  identityExcluded: string[],
): Promise<{ members: Candidate[]; unlisted: Unlisted }> {
  const [size] = await tx.$queryRawUnsafe<{ n: number | bigint }[]>(QUEUE_SIZE_SQL, queue.id);
  if (Number(size?.n ?? 0) <= FULLY_LISTED_QUEUE_SIZE) {
    return { members: await loadCandidates(tx, queue.id), unlisted: {} };
  }

  const sql = largeQueueSql(queue.assignmentMethod as AssignmentMethodName, identityExcluded.length);
  const [best, identity, counts] = await Promise.all([
    tx.$queryRawUnsafe<CandidateRow[]>(sql.best, queue.id, queue.capacityUnits, ...identityExcluded),
    identityExcluded.length
      ? tx.$queryRawUnsafe<CandidateRow[]>(sql.identity, queue.id, ...identityExcluded)
      : Promise.resolve([]),
    tx.$queryRawUnsafe<NonNullable<Counts>[]>(
      sql.counts,
      queue.id,
      ...identityExcluded,
      queue.id,
      queue.capacityUnits,
      ...identityExcluded,
    ),
  ]);
  return largeQueueCandidates([...identity, ...best], counts[0]);
}

type Counts = { offline: number | bigint | null; full: number | bigint | null } | undefined;

/** A large queue's loaded rows and counts as the core takes them (shared with the SQLite fast path). */
export function largeQueueCandidates(
  rows: CandidateRow[],
  count: Counts,
): { members: Candidate[]; unlisted: Unlisted } {
  return {
    members: rows.map(rowToCandidate),
    unlisted: { presence: Number(count?.offline ?? 0), at_capacity: Number(count?.full ?? 0) },
  };
}
