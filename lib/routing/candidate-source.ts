import type { Agent, Conversation, Queue } from "@/generated/prisma/client";
import type { RuleForMatching } from "@/lib/routing-rules/match-rule";
import { type Loaded, type Reading, read } from "./reading";
import type { AgentKind, AssignmentMethodName, Candidate, Presence, Unlisted } from "./types";

/**
 * The port through which the assignment path reads (docs/decisions/013-assignment-plans.md): what routing needs of
 * the queue, its members, the conversation and whoever holds it. One implementation per kind of connection:
 * `sqliteCandidateSource` (better-sqlite3, synchronous, statements prepared once) and `prismaCandidateSource` (any
 * dialect, through a Prisma transaction). They return rows; what is done with them — which rows to ask for, how they
 * become candidates, the decision and the plan — is written once, above this port.
 */
export interface CandidateSource {
  queue(id: string): Loaded<Queue | null>;
  /** The queue a conversation goes to when no routing rule matches. */
  defaultQueue(): Loaded<Queue | null>;
  routingRules(): Loaded<RuleForMatching[]>;
  conversation(id: string): Loaded<Conversation | null>;
  agent(id: string): Loaded<Agent | null>;

  /** The queue's size, counted no further than `limit`. */
  queueSize(queueId: string, limit: number): Loaded<number>;
  /** Every member, in join order. */
  members(queueId: string): Loaded<CandidateRow[]>;
  /** A large queue's first `TOP_CANDIDATES` members who can take `units` now, in the method's order (ADR 007). */
  bestMembers(queue: LargeQueue, excluded: string[]): Loaded<CandidateRow[]>;
  /** The members among `excluded` (who are excluded for who they are). */
  excludedMembers(queueId: string, excluded: string[]): Loaded<CandidateRow[]>;
  /** A large queue's other members, counted: not routable, or without room for `units`. */
  unlistedCounts(queue: LargeQueue, excluded: string[]): Loaded<{ offline: number; full: number }>;
  /** One agent's membership of a queue (a direct assignment ranks nobody, but records the join order). */
  membership(queueId: string, agentId: string): Loaded<MembershipRow | null>;

  /** AI agents that already took part in the conversation (loop protection). */
  aiAgentsThatHandled(conversationId: string): Loaded<string[]>;
  /** Who holds the conversation now, if anyone: the participation a transfer or a close ends. */
  openParticipation(conversationId: string): Loaded<OpenParticipation | null>;
  /** The queues an agent belongs to, the one it joined first first. */
  queuesOf(agentId: string): Loaded<string[]>;
  /** The conversations waiting in these queues, in the order they are served: priority, then oldest first. */
  waitingIn(queueIds: string[]): Loaded<{ id: string; queueId: string }[]>;
}

export interface LargeQueue {
  id: string;
  method: AssignmentMethodName;
  units: number;
}

export interface OpenParticipation {
  id: string;
  agentId: string;
  units: number;
  agentName: string;
  agentKind: string;
}

export type MembershipRow = { joinOrder: number | bigint; lastAssignedAt: Date | string | null };

/** A member as the sources read it (INTEGER columns may come back as bigint, times as stored text). */
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

/**
 * Up to this many members, the core sees everyone and the explanation names every exclusion. Beyond it, only the
 * best few who can take work now, plus the members excluded for who they are, are loaded; the rest are counted —
 * so one assignment costs about the same in a queue of 10 or of 5,000.
 */
export const FULLY_LISTED_QUEUE_SIZE = 100;
export const TOP_CANDIDATES = 10;

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

/** One agent as a candidate (a direct assignment): its membership, if any, supplies the join order. */
export const agentToCandidate = (agent: Agent, membership: MembershipRow | null): Candidate =>
  rowToCandidate({
    agentId: agent.id,
    name: agent.name,
    kind: agent.kind,
    capacity: agent.capacity,
    usedCapacity: agent.usedCapacity,
    presence: agent.presence,
    joinOrder: membership?.joinOrder ?? 0,
    lastAssignedAt: agent.lastAssignedAt,
    lastAssignedInQueueAt: membership?.lastAssignedAt ?? null,
    lastReleasedAt: agent.lastReleasedAt,
  });

/** The queue's members as the routing core takes them: everyone, or (a large queue) the best few and counts. */
export function* loadCandidates(
  source: CandidateSource,
  queue: Pick<Queue, "id" | "assignmentMethod" | "capacityUnits">,
  identityExcluded: string[],
): Reading<{ members: Candidate[]; unlisted: Unlisted }> {
  const size = yield* read(source.queueSize(queue.id, FULLY_LISTED_QUEUE_SIZE + 1));
  if (size <= FULLY_LISTED_QUEUE_SIZE) {
    return { members: (yield* read(source.members(queue.id))).map(rowToCandidate), unlisted: {} };
  }
  const large = {
    id: queue.id,
    method: queue.assignmentMethod as AssignmentMethodName,
    units: queue.capacityUnits,
  };
  const identity = identityExcluded.length ? yield* read(source.excludedMembers(queue.id, identityExcluded)) : [];
  const best = yield* read(source.bestMembers(large, identityExcluded));
  const counts = yield* read(source.unlistedCounts(large, identityExcluded));
  return {
    members: [...identity, ...best].map(rowToCandidate),
    unlisted: { presence: counts.offline, at_capacity: counts.full },
  };
}
