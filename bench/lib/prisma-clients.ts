// Prisma clients built exactly like lib/db/client.ts (same adapter, same options) but with hooks the benchmarks
// need, installed where getDb() looks for its singleton (globalThis.switchboardDb), so the engine uses them as is:
//   - traced: every statement the adapter runs, with its driver time (where an assignment's time goes).
// (The shared-connection prototype this file once held is now the engine's own client: lib/db/client.ts.)
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
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
