import type { Agent, QueueMembership } from "@/generated/prisma/client";
import { dialectSql } from "@/lib/db/sql";
import { sqliteSql } from "@/lib/db/sql/sqlite";
import type { DialectSql } from "@/lib/db/sql/types";
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

/**
 * The statements for a queue larger than FULLY_LISTED_QUEUE_SIZE, in the dialect `sql` speaks, on the membership's
 * copy of each agent's routing state (kept by triggers, docs/decisions/007-member-routing-copy.md), so each is an
 * index range, not a scan (parameters: lib/db/sql/types.ts). Shared with the SQLite fast path
 * (assign-new-conversation-sqlite.ts), which prepares them once.
 */
export function largeQueueSql(method: AssignmentMethodName, excluded: number, sql: DialectSql = sqliteSql) {
  return sql.largeQueue(assignmentMethods[method].sqlOrder, excluded, TOP_CANDIDATES);
}

export async function loadQueueCandidates(
  tx: Tx,
  queue: { id: string; assignmentMethod: string; capacityUnits: number },
  identityExcluded: string[],
): Promise<{ members: Candidate[]; unlisted: Unlisted }> {
  const dialect = dialectSql();
  const [size] = await tx.$queryRawUnsafe<{ n: number | bigint }[]>(
    dialect.queueSize(FULLY_LISTED_QUEUE_SIZE + 1),
    queue.id,
  );
  if (Number(size?.n ?? 0) <= FULLY_LISTED_QUEUE_SIZE) {
    return { members: await loadCandidates(tx, queue.id), unlisted: {} };
  }

  const sql = largeQueueSql(queue.assignmentMethod as AssignmentMethodName, identityExcluded.length, dialect);
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
