// Fresh PostgreSQL databases for the benchmarks (the server of lib/testing/postgres.ts: TEST_POSTGRES_URL, default
// 127.0.0.1:5432 as postgres), seeded in the engine's shape with raw `pg`, and the switch that points the engine at
// one of them. Every database is named `${BENCH_PG_PREFIX}_…` (default switchboard_bench) and dropped by whoever made
// it, so a run that shares the server with others keeps to names of its own and leaves nothing behind.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/prisma-pg/client";
import { disconnectDb, getDb } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { applyPostgresMigrations } from "@/lib/db/migrate-postgres";
import { copyTemplate, databaseUrlFor, dropDatabase, onServer, serverUrl } from "@/lib/testing/postgres";
import type { TracedStatement } from "./prisma-clients";
import type { AgentSpec } from "./seed";

export const pgPrefix = process.env.BENCH_PG_PREFIX ?? "switchboard_bench";

/** A database name of this run's own: prefix, what it is for, this process, a time stamp. */
export const pgName = (what: string) => `${pgPrefix}_${what}_${process.pid}_${Date.now().toString(36)}`;

/** Fails fast, with the fix, when no PostgreSQL server answers. */
export async function requirePostgres(): Promise<void> {
  try {
    await onServer("SELECT 1");
  } catch (error) {
    throw new Error(
      `no PostgreSQL server (TEST_POSTGRES_URL, default 127.0.0.1:5432): ${(error as Error).message}. ` +
        "Start one with `sh scripts/ensure-postgres.sh`, or leave the PostgreSQL measurements out (--only …).",
    );
  }
}

export interface PgSeeded {
  database: string;
  url: string;
  queueId: string;
}

/** A fresh, migrated database with one queue and its members, as seed.ts does on SQLite (join order = specs order). */
export async function seedPostgresQueue(what: string, specs: AgentSpec[]): Promise<PgSeeded> {
  const database = pgName(what);
  await onServer(`CREATE DATABASE "${database}"`);
  const url = databaseUrlFor(database);
  await applyPostgresMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const queueId = newId();
  const now = new Date();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "Queue" ("id", "name", "assignmentMethod", "priority", "isDefault", "capacityUnits", "wrapUpSeconds",
         "overflowAction", "createdAt", "updatedAt")
       VALUES ($1, $2, 'highest_capacity', 100, true, 1, 120, 'none', $3, $3)`,
      [queueId, `Bench ${what}`, now],
    );
    for (const [index, spec] of specs.entries()) {
      const id = newId();
      const ai = spec.kind === "ai";
      await client.query(
        `INSERT INTO "Agent" ("id", "name", "kind", "capacity", "usedCapacity", "presence", "createdAt", "updatedAt",
           "botType", "faq", "surveyQuestions", "replyTimeoutMs")
         VALUES ($1, $2, $3, $4, 0, $5, $6, $6, $7, $8, $8, 10000)`,
        [
          id,
          spec.name ?? `${ai ? "AI" : "Rep"} ${index + 1}`,
          spec.kind,
          spec.capacity,
          spec.presence,
          now,
          ai ? "builtin" : null,
          ai ? "[]" : null,
        ],
      );
      // The membership's routing copy (ADR 007) is filled in by its BEFORE INSERT trigger.
      await client.query(
        `INSERT INTO "QueueMembership" ("queueId", "agentId", "joinOrder", "joinedAt") VALUES ($1, $2, $3, $4)`,
        [queueId, id, index + 1, now],
      );
    }
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  return { database, url, queueId };
}

/** A copy of a seeded database (PostgreSQL's own CREATE DATABASE … TEMPLATE), under a name of this run's own. */
export async function copyPostgres(template: PgSeeded, what: string): Promise<PgSeeded> {
  const database = pgName(what);
  await copyTemplate(template.database, database);
  return { ...template, database, url: databaseUrlFor(database) };
}

export { dropDatabase };

/**
 * Drops the databases a bench child made and did not drop (it crashed): this file's and startInstances' names both
 * carry the child's pid after the prefix — `<prefix>_<what>_<pid>_<stamp>`.
 */
export async function dropLeftoverDatabases(pid: number): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database");
    const mine = new RegExp(`^(${pgPrefix}|${process.env.E2E_PG_PREFIX ?? pgPrefix})_[a-z0-9_]+_${pid}_[a-z0-9]+$`);
    for (const { datname } of rows.filter((row) => mine.test(row.datname))) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

/** Points the engine (getDb) at a PostgreSQL database, as the server does when DATABASE_URL names one. */
export async function pointEngineAtPostgres(url: string) {
  await disconnectDb();
  process.env.DATABASE_URL = url;
  const db = getDb();
  await db.$connect();
  return db;
}

type AnyAdapter = Record<string, any>;
const globalForDb = globalThis as unknown as { switchboardDb?: PrismaClient };

/** Prisma's quoting out of the way, so bench/lib/profile.ts labels PostgreSQL statements as it labels SQLite's. */
const unquote = (sql: string) => sql.replace(/"public"\./g, "").replace(/"/g, "");

/**
 * The engine on a PostgreSQL database through a client built as lib/db/client.ts builds it (same adapter, same pool),
 * with every statement recorded into `trace`: the driver time of a statement is the whole round trip — the query
 * sent, PostgreSQL's work, the rows back and parsed by `pg`.
 */
export async function installTracedPostgresClient(url: string, trace: TracedStatement[]): Promise<void> {
  await disconnectDb();
  process.env.DATABASE_URL = url;
  const factory = new PrismaPg({ connectionString: url });
  const wrap = (queryable: AnyAdapter) => {
    for (const method of ["queryRaw", "executeRaw"]) {
      const original = queryable[method].bind(queryable);
      queryable[method] = async (query: { sql: string }) => {
        const start = performance.now();
        try {
          return await original(query);
        } finally {
          trace.push({ sql: unquote(query.sql), start, ms: performance.now() - start });
        }
      };
    }
    return queryable;
  };
  const connect = factory.connect.bind(factory);
  (factory as unknown as AnyAdapter).connect = async () => {
    const adapter = wrap((await connect()) as unknown as AnyAdapter);
    // COMMIT goes through the transaction's own executeRaw; BEGIN is sent inside startTransaction, before we can wrap
    // the transaction, so it is timed from outside (with the wait for a pooled connection).
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args: unknown[]) => {
      const start = performance.now();
      const tx = wrap(await startTransaction(...args));
      trace.push({ sql: "BEGIN", start, ms: performance.now() - start });
      return tx;
    };
    return adapter;
  };
  const client = new PostgresPrismaClient({
    adapter: factory,
    transactionOptions: { maxWait: 60_000, timeout: 60_000 },
  });
  await client.$connect();
  globalForDb.switchboardDb = client as unknown as PrismaClient;
}

/** Median time of one `SELECT 1` round trip on a connection of its own (loopback, the same server). */
export async function roundTripUs(url: string, samples = 300): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const start = performance.now();
      await client.query("SELECT 1");
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return Math.round(times[Math.floor(times.length / 2)] * 1000);
  } finally {
    await client.end();
  }
}
