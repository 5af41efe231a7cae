import type { Prisma } from "@/generated/prisma/client";
import { ClaimLostError } from "@/lib/errors";
import { type Database, getDb, writeSync } from "./client";
import { dialectSql } from "./sql";

export type Tx = Prisma.TransactionClient;

const MAX_ATTEMPTS = 8;

/**
 * Runs `work` in one Prisma transaction, retried from scratch on a lost optimistic claim or a busy database.
 * The database layer knows nothing of what happens after commit: use cases go through `inTransaction`
 * (lib/engine/unit-of-work.ts), which adds the effects. Every write in Switchboard goes through one of these two:
 * the SQLite adapter shares one connection, so a write outside a transaction could land inside someone else's.
 */
export function retriedTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return retried(() => getDb().$transaction(work));
}

/**
 * The same, written synchronously on Prisma's own SQLite connection (`writeSync`: one `db.transaction()`, behind
 * the write lock every Prisma transaction holds). Only for the hot path of docs/decisions/003-hot-path-sql.md;
 * `work` must not be async.
 */
export function retriedSqliteTransaction<T>(work: (db: Database) => T): Promise<T> {
  return retried(() => writeSync(work));
}

/** Runs one attempt after another until one commits, or fails for a reason a retry cannot fix. */
async function retried<T>(attemptOnce: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce();
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
      throw error;
    }
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof ClaimLostError) return true;
  const text = String((error as Error)?.message ?? error);
  // SQLite: busy; PostgreSQL: a serialization failure or deadlock (Prisma reports both as a "write conflict").
  return /database is locked|SQLITE_BUSY|write conflict|deadlock|could not serialize/i.test(text);
}

/**
 * Serialises, until they end, the transactions that lock the same key. A read-then-write on rows that may not exist
 * yet (a counter's upsert) is then as safe on PostgreSQL, where transactions run side by side at READ COMMITTED, as
 * on SQLite, whose single writer serialises every transaction anyway (nothing to do there). Lock keys in one order
 * everywhere, or two transactions can deadlock (PostgreSQL then fails one, and it is retried).
 */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  const statement = dialectSql().lockKey;
  if (statement) await tx.$queryRawUnsafe(statement, key);
}

/**
 * `lockKey` without the wait: true when this transaction now holds the key's lock (until it ends), false when
 * another transaction holds it. Always true on SQLite, whose single writer never runs two transactions at once.
 */
export async function tryLockKey(tx: Tx, key: string): Promise<boolean> {
  const statement = dialectSql().tryLockKey;
  if (!statement) return true;
  const [row] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(statement, key);
  return row?.locked === true;
}
