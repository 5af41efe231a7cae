// Prisma clients built exactly like lib/db/client.ts (same adapter, same options) but with hooks the benchmarks
// need, installed where getDb() looks for its singleton (globalThis.switchboardDb), so the engine uses them as is:
//   - traced: every statement the adapter runs, with its driver time (where an assignment's time goes);
//   - shared connection: exposes the adapter's own better-sqlite3 connection and puts Prisma's interactive
//     transactions behind a lock the caller can take too (the prototype of a synchronous raw hot path).
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { disconnectDb } from "@/lib/db/client";

type AnyAdapter = Record<string, any>;

const globalForDb = globalThis as unknown as { switchboardDb?: PrismaClient };

async function install(file: string, patch: (adapter: AnyAdapter) => void): Promise<PrismaClient> {
  await disconnectDb();
  process.env.DATABASE_URL = `file:${file}`;
  const factory = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 10_000 });
  const connect = factory.connect.bind(factory);
  (factory as unknown as AnyAdapter).connect = async () => {
    const adapter = (await connect()) as unknown as AnyAdapter;
    patch(adapter);
    return adapter;
  };
  const client = new PrismaClient({ adapter: factory, transactionOptions: { maxWait: 60_000, timeout: 60_000 } });
  globalForDb.switchboardDb = client;
  await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL"); // as lib/boot.ts; also connects the adapter
  return client;
}

export interface TracedStatement {
  sql: string;
  start: number;
  ms: number;
}

/** The engine on `file`, with every statement recorded into `trace` (driver time only: prepare + run in SQLite). */
export async function installTracedClient(file: string, trace: TracedStatement[]): Promise<PrismaClient> {
  const wrap = (queryable: AnyAdapter) => {
    for (const method of ["queryRaw", "executeRaw"]) {
      const original = queryable[method].bind(queryable);
      queryable[method] = async (query: { sql: string }) => {
        const start = performance.now();
        try {
          return await original(query);
        } finally {
          trace.push({ sql: query.sql, start, ms: performance.now() - start });
        }
      };
    }
    return queryable;
  };
  return install(file, (adapter) => {
    wrap(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args: unknown[]) => {
      const start = performance.now();
      const tx = wrap(await startTransaction(...args));
      trace.push({ sql: "BEGIN", start, ms: performance.now() - start });
      return tx;
    };
  });
}

/** A FIFO lock. */
export class Lock {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

export interface SharedConnection {
  client: PrismaClient;
  /** The adapter's own connection (safe integers on, as the adapter sets it). */
  raw: Database.Database;
  /** Held by every Prisma interactive transaction from BEGIN to COMMIT/ROLLBACK; take it to write synchronously. */
  writeLock: Lock;
}

export async function installSharedConnectionClient(file: string): Promise<SharedConnection> {
  const writeLock = new Lock();
  let raw: Database.Database | null = null;
  const client = await install(file, (adapter) => {
    raw = adapter.client as Database.Database;
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args: unknown[]) => {
      const release = await writeLock.acquire();
      try {
        const tx = await startTransaction(...args);
        for (const end of ["commit", "rollback"]) {
          const original = tx[end].bind(tx);
          tx[end] = async () => {
            try {
              return await original();
            } finally {
              release();
            }
          };
        }
        return tx;
      } catch (error) {
        release();
        throw error;
      }
    };
  });
  if (!raw) throw new Error("the adapter did not connect");
  return { client, raw, writeLock };
}
