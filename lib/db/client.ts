import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/prisma-pg/client";
import { dialectOf, servedDatabaseUrl } from "./dialect";

/**
 * The one client type the code above lib/db sees, whichever database it runs on: the SQLite client's. Both clients
 * are generated from the same models (prisma/postgres/schema.prisma is derived from prisma/schema.prisma), so their
 * model APIs are the same; the types differ only in provider options (e.g. `$transaction` isolation levels), which
 * nothing above lib/db passes. Dialect-specific SQL lives in lib/db/sql/.
 */
export type Db = PrismaClient;
/** The better-sqlite3 connection Prisma's adapter opened (safe integers on: INTEGER columns come back as bigint). */
export type Database = BetterSqlite3.Database;

/** DATABASE_URL, checked: a URL this build cannot serve throws a DatabaseUrlError (lib/db/dialect.ts). */
export function databaseUrl(): string {
  return servedDatabaseUrl();
}

/** A FIFO lock: whoever asked first gets it first, so no writer starves under load. */
class WriteLock {
  #held = false;
  #waiting: (() => void)[] = [];

  /** The lock at once when nobody holds it or waits for it (no promise, no tick: the common case), else null. */
  tryAcquire(): (() => void) | null {
    if (this.#held) return null;
    this.#held = true;
    return this.#releaser();
  }

  acquire(): Promise<() => void> {
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => this.#waiting.push(() => resolve(this.#releaser())));
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Hand over to the longest waiter without letting anyone cut in between.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#held = false;
    };
  }
}

type AnyAdapter = Record<string, any>;

interface Connection {
  client: PrismaClient;
  /** Set once the adapter has connected (Prisma connects lazily, on the first query). */
  sqlite: Database | null;
  writeLock: WriteLock;
}

/**
 * Why we reach under Prisma (docs/decisions/003-hot-path-sql.md): the adapter keeps ONE better-sqlite3
 * connection per process, and a statement run on it outside a Prisma transaction would land inside whichever
 * transaction is open (ADR 001). To write on that connection directly we therefore
 *   1. keep the handle the adapter opens (`adapter.client`), and
 *   2. make every Prisma interactive transaction hold a process-wide write lock from BEGIN to COMMIT/ROLLBACK,
 * so `writeSync` can take the same lock and know no Prisma transaction is open while it runs.
 * The adapter's own mutex stays; ours sits in front of it and is what `writeSync` shares.
 */
function createConnection(url: string): Connection {
  if (dialectOf(url) === "postgres") return createPostgresConnection(url);
  const connection: Connection = {
    client: undefined as unknown as PrismaClient,
    sqlite: null,
    writeLock: new WriteLock(),
  };
  // The adapter serialises interactive transactions on its single connection;
  // queued transactions may wait behind many others under load, hence the long waits.
  const factory = new PrismaBetterSqlite3({ url, timeout: 10_000 });
  const connect = factory.connect.bind(factory);
  (factory as unknown as AnyAdapter).connect = async () => {
    const adapter = (await connect()) as unknown as AnyAdapter;
    connection.sqlite = adapter.client as Database;
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args: unknown[]) => {
      const release = await connection.writeLock.acquire();
      try {
        const tx = await startTransaction(...args);
        // Prisma has already sent COMMIT/ROLLBACK when it calls these: the lock is free from here on.
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
    return adapter;
  };
  connection.client = new PrismaClient({
    adapter: factory,
    transactionOptions: { maxWait: 60_000, timeout: 60_000 },
  });
  return connection;
}

/**
 * PostgreSQL: a pool (pg's default, 10 connections) behind Prisma's pg adapter. No write lock and no raw handle: each
 * transaction has a connection of its own, and assignment plans are applied through Prisma (ADR 013) — `sqlite`
 * stays null.
 */
function createPostgresConnection(url: string): Connection {
  const client = new PostgresPrismaClient({
    adapter: new PrismaPg({ connectionString: url }),
    transactionOptions: { maxWait: 60_000, timeout: 60_000 },
  });
  return { client: client as unknown as PrismaClient, sqlite: null, writeLock: new WriteLock() };
}

// One client per process (Next's dev server reloads modules, so keep it on globalThis).
const globalForDb = globalThis as unknown as { switchboardDb?: PrismaClient; switchboardConnection?: Connection };

function connection(): Connection {
  if (!globalForDb.switchboardConnection || globalForDb.switchboardDb !== globalForDb.switchboardConnection.client) {
    // Someone (the bench) may have installed its own client on globalThis: that one has no handle for us.
    if (globalForDb.switchboardDb)
      return { client: globalForDb.switchboardDb, sqlite: null, writeLock: new WriteLock() };
    globalForDb.switchboardConnection = createConnection(databaseUrl());
    globalForDb.switchboardDb = globalForDb.switchboardConnection.client;
  }
  return globalForDb.switchboardConnection;
}

export function getDb(): PrismaClient {
  return connection().client;
}

/**
 * The better-sqlite3 connection for the synchronous fast path, or null when there is none (a client without our
 * hooks). Connects Prisma first if it has not yet: the handle only exists once the adapter connected.
 */
export async function sqliteConnection(): Promise<Database | null> {
  const current = connection();
  if (!current.sqlite && globalForDb.switchboardConnection === current) await current.client.$connect();
  return current.sqlite;
}

/**
 * The connection on which assignment plans are applied synchronously (ADR 013), or null when there is none or it is
 * switched off: SWITCHBOARD_SQLITE_FAST_PATH=off applies every plan through Prisma, as on PostgreSQL — a switch for
 * operators should the synchronous path ever misbehave, and how the tests run the engine through Prisma too.
 */
export async function fastPathConnection(): Promise<Database | null> {
  return process.env.SWITCHBOARD_SQLITE_FAST_PATH === "off" ? null : sqliteConnection();
}

/**
 * Runs `fn` as one synchronous SQLite transaction on Prisma's own connection, behind the same write lock as
 * every Prisma interactive transaction. Nothing can interleave: better-sqlite3 runs it without yielding, and no
 * Prisma transaction is open meanwhile. `fn` must not be async. An exception rolls everything back.
 */
export async function writeSync<T>(fn: (db: Database) => T): Promise<T> {
  const current = connection();
  const db = current.sqlite ?? (await sqliteConnection());
  if (!db) throw new Error("writeSync needs the better-sqlite3 adapter's connection");
  const release = current.writeLock.tryAcquire() ?? (await current.writeLock.acquire());
  try {
    return db.transaction(fn)(db);
  } finally {
    release();
  }
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.switchboardDb?.$disconnect();
  globalForDb.switchboardDb = undefined;
  globalForDb.switchboardConnection = undefined;
}
