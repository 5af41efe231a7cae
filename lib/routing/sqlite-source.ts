import type BetterSqlite3 from "better-sqlite3";
import type { Agent, Conversation, Queue } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { sqliteAssignmentSql, sqliteSql } from "@/lib/db/sql/sqlite";
import { fromSqliteRow } from "@/lib/db/sqlite-rows";
import type { Condition } from "@/lib/routing-rules/match-rule";
import {
  type CandidateRow,
  type CandidateSource,
  type LargeQueue,
  type MembershipRow,
  type OpenParticipation,
  TOP_CANDIDATES,
} from "./candidate-source";
import { assignmentMethods } from "./methods";
import type { AssignmentMethodName } from "./types";

/**
 * The CandidateSource on Prisma's own better-sqlite3 connection: every answer at once, for the synchronous
 * assignment path (docs/decisions/013-assignment-plans.md). Statements are prepared once per connection — SQLite
 * re-preparing every statement was 10 % of the engine's time (ADR 003).
 */
export function sqliteCandidateSource(db: Database): CandidateSource {
  let source = sources.get(db);
  if (!source) {
    source = sourceOn(db);
    sources.set(db, source);
  }
  return source;
}

// One per connection, like its statements: every assignment asks for it, and it holds nothing of any one of them.
const sources = new WeakMap<Database, CandidateSource>();

function sourceOn(db: Database): CandidateSource {
  const sql = sqliteStatements(db);
  return {
    queue: (id) => row<Queue>("Queue", sql.queue.get(id)),
    defaultQueue: () => row<Queue>("Queue", sql.defaultQueue.get()),
    routingRules: () =>
      (
        sql.routingRules.all() as { id: string; name: string; position: bigint; queueId: string; conditions: string }[]
      ).map((rule) => ({
        ...rule,
        position: Number(rule.position),
        conditions: JSON.parse(rule.conditions) as Condition[],
      })),
    conversation: (id) => row<Conversation>("Conversation", sql.conversation.get(id)),
    agent: (id) => row<Agent>("Agent", sql.agent.get(id)),
    queueSize: (queueId, limit) => Number((sizeStatement(sql, limit).get(queueId) as { n: bigint }).n),
    members: (queueId) => sql.membersInJoinOrder.all(queueId) as CandidateRow[],
    bestMembers: (queue, excluded) =>
      sql
        .prepared(largeQueueSql(queue.method, excluded.length).best)
        .all(queue.id, queue.units, ...excluded) as CandidateRow[],
    excludedMembers: (queueId, excluded) =>
      // Any method's text will do: this statement does not order.
      sql
        .prepared(largeQueueSql("highest_capacity", excluded.length).identity)
        .all(queueId, ...excluded) as CandidateRow[],
    unlistedCounts: (queue, excluded) => counts(sql, queue, excluded),
    membership: (queueId, agentId) => (sql.membership.get(queueId, agentId) as MembershipRow | undefined) ?? null,
    aiAgentsThatHandled: (conversationId) =>
      (sql.aiAgentsThatHandled.all(conversationId) as { agentId: string }[]).map((r) => r.agentId),
    openParticipation: (conversationId) => {
      const found = sql.openParticipation.get(conversationId) as (OpenParticipation & { units: bigint }) | undefined;
      return found ? { ...found, units: Number(found.units) } : null;
    },
    queuesOf: (agentId) => (sql.queuesOf.all(agentId) as { queueId: string }[]).map((r) => r.queueId),
    waitingIn: (queueIds) =>
      queueIds.length
        ? (sql.prepared(sqliteSql.waitingIn(queueIds.length)).all(...queueIds) as { id: string; queueId: string }[])
        : [],
  };
}

/** The size count is asked before every assignment, always with the same limit: its statement is kept by limit. */
const sizeStatements = new WeakMap<Statements, Map<number, Statement>>();
function sizeStatement(sql: Statements, limit: number): Statement {
  let byLimit = sizeStatements.get(sql);
  if (!byLimit) {
    byLimit = new Map();
    sizeStatements.set(sql, byLimit);
  }
  let statement = byLimit.get(limit);
  if (!statement) {
    statement = sql.prepared(sqliteSql.queueSize(limit));
    byLimit.set(limit, statement);
  }
  return statement;
}

const row = <T>(model: "Queue" | "Agent" | "Conversation", found: unknown): T | null =>
  found ? fromSqliteRow<T>(model, found as Record<string, unknown>) : null;

function counts(sql: Statements, queue: LargeQueue, excluded: string[]) {
  const text = largeQueueSql(queue.method, excluded.length).counts;
  const found = sql.prepared(text).get(queue.id, ...excluded, queue.id, queue.units, ...excluded) as {
    offline: bigint | null;
    full: bigint | null;
  };
  return { offline: Number(found.offline ?? 0), full: Number(found.full ?? 0) };
}

const largeQueueSql = (method: AssignmentMethodName, excluded: number) =>
  sqliteSql.largeQueue(assignmentMethods[method].sqlOrder, excluded, TOP_CANDIDATES);

type Statement = BetterSqlite3.Statement<unknown[]>;
export type Statements = { [K in keyof typeof sqliteAssignmentSql]: Statement } & {
  /** A statement whose text varies (a queue's size limit, a large queue's method and exclusions), prepared once. */
  prepared(text: string): Statement;
};

const perConnection = new WeakMap<Database, Statements>();

/** The path's statements on this connection: the reads above and the writes of apply-plan-sqlite.ts. */
export function sqliteStatements(db: Database): Statements {
  let sql = perConnection.get(db);
  if (!sql) {
    const texts = Object.entries(sqliteAssignmentSql).map(([key, text]) => [key, db.prepare(text)]);
    const varying = new Map<string, Statement>();
    sql = {
      ...(Object.fromEntries(texts) as { [K in keyof typeof sqliteAssignmentSql]: Statement }),
      prepared(text) {
        let statement = varying.get(text);
        if (!statement) {
          statement = db.prepare(text);
          varying.set(text, statement);
        }
        return statement;
      },
    };
    perConnection.set(db, sql);
  }
  return sql;
}
