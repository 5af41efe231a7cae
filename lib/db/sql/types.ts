// What each dialect's SQL module provides (lib/db/sql/sqlite.ts, lib/db/sql/postgres.ts): every statement Switchboard
// writes by hand, so the rest of the code never spells SQL for one database only.

/** The membership columns (ADR 007's copy) an assignment method orders a large queue by. */
export type MemberOrderColumn =
  | "freeUnits"
  | "agentLastAssignedAt"
  | "lastAssignedAt"
  | "agentLastReleasedAt"
  | "joinOrder";

/**
 * An assignment method's order, dialect-free: each dialect spells it. An ascending time ranks a never-set one (NULL)
 * FIRST on both — "never assigned" is the oldest turn. SQLite puts NULLs first by itself, PostgreSQL last, so both
 * say it explicitly.
 */
export type MemberOrder = readonly (readonly [MemberOrderColumn, "asc" | "desc"])[];

/** The statements for a queue larger than the fully listed size; parameters in the order each comment gives. */
export interface LargeQueueSql {
  /** (queueId, units, ...excluded): who can take work now, in the method's order, the first few. */
  best: string;
  /** (queueId, ...excluded): the members excluded for who they are. */
  identity: string;
  /** (queueId, ...excluded, queueId, units, ...excluded): the rest, counted by reason (offline, full). */
  counts: string;
}

/** Knowledge search (lib/ai-agents/llm/knowledge/search-knowledge.ts): the full-text index of each dialect. */
export interface KnowledgeSql {
  /** Words (letters and digits only) → this dialect's "any of these words" query text. */
  anyOf(words: string[]): string;
  /** (query text from `anyOf`, agentId, limit) → rows `chunkId, sourceId, title, kind, text, score`, best first. */
  search: string;
}

export interface DialectSql {
  /** All of a queue's members as candidate rows, in join order: (queueId). */
  members: string;
  /** The same, ordered by join order: (queueId). */
  membersInJoinOrder: string;
  /** The queue's size, counted no further than `limit`: (queueId). */
  queueSize(limit: number): string;
  largeQueue(order: MemberOrder, excluded: number, top: number): LargeQueueSql;
  /**
   * The conversations waiting in `count` queues, as they are served: the queue's priority first (lower first), then
   * oldest first — `id`, `queueId`: (...queueIds).
   */
  waitingIn(count: number): string;
  /** Average ms from queued to assigned over a queue's last 50 assignments, as `avgMs`: (queueId). */
  averageWait: string;
  /** Rule → the rows that break it (lib/diagnostics/invariants.ts). */
  invariants: Record<string, string>;
  /**
   * Holds a lock on a key until the transaction ends: (key). Null where every transaction is serialised already
   * (SQLite: one writer).
   */
  lockKey: string | null;
  /**
   * Takes the same lock as `lockKey` if nobody holds it, without waiting: (key) → one row, `locked` true or false.
   * Null where every transaction is serialised already (SQLite): the caller then always has it.
   */
  tryLockKey: string | null;
  /**
   * Claims the earliest timer due by a time that no other transaction holds, deleting its row: (at) → the deleted
   * row (`id`, `conversationId`, `kind`, `dueAt`, `data`), or none. The delete commits or rolls back with the
   * caller's transaction, so the row stays locked — and skipped by every other instance — until then. Null where one
   * writer serialises everything (SQLite): there timers are listed, then claimed one by one.
   */
  claimDueTimer: string | null;
  /**
   * The queues worth a safety sweep: someone waits in them and a member could take work now (routable, and an AI
   * agent or a representative with the queue's units free), as rows of `id`. No parameters.
   */
  servableQueues: string;
  /** Per-connection settings run once at start. */
  boot: string[];
  knowledge: KnowledgeSql;
  /**
   * Everything an assignment plan writes after its claim, as ONE statement — where the dialect can (PostgreSQL's
   * data-modifying WITH). Null: the applier writes part by part (docs/decisions/013-assignment-plans.md).
   */
  planWrites: ((writes: PlannedWrites) => { text: string; params: unknown[] }) | null;
}

/** A row by column name: times as Dates, JSON columns as their values (the dialect encodes them). */
type Row = object;

/**
 * The writes of one assignment step after its claim, as plain rows (lib/routing/assignment-plan.ts's AssignmentPlan
 * has this shape: the database layer reads it, knowing nothing of how it was decided).
 */
export interface PlannedWrites {
  conversationId: string;
  conversation:
    | { kind: "insert"; row: Row }
    | { kind: "compareAndSet"; id: string; expected: { version: number; lastSeq: number }; set: Row };
  release: {
    participantId: string;
    agentId: string;
    units: number;
    leftReason: string;
    wrapUpPending: boolean;
    at: Date;
  } | null;
  membership: { queueId: string; agentId: string; at: Date } | null;
  participant: Row | null;
  messages: Row[];
  dropTimers: string[];
  events: Row[];
}

/** What the one statement reports: 0 where a compare-and-set found nothing, and the events' ids by seq. */
export interface PlannedWritesResult {
  conversation: number;
  ended: number;
  events: { id: number; seq: number }[] | string | null;
}
