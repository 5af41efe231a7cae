import type { Prisma } from "@/generated/prisma/client";
import type { AgentDelivery } from "@/lib/ai-agents/activities";
import { applyEffects } from "@/lib/engine/apply-effects";
import { ClaimLostError } from "@/lib/errors";
import type { TimelineEvent } from "@/lib/timeline/types";
import { type Database, getDb, writeSync } from "./client";

export type Tx = Prisma.TransactionClient;

/**
 * What a use case wants done once its transaction has committed: live events
 * to publish, activities to send to AI agents, queues whose waiting
 * conversations deserve another try. Nothing here runs if the transaction rolls back.
 */
export interface Effects {
  events: TimelineEvent[];
  deliveries: AgentDelivery[];
  queuesToServe: Set<string>;
  /** Queues whose waiting line changed (live positions and dashboards). */
  queuesChanged: Set<string>;
  /** Agents whose load or presence changed (live dashboards). */
  agentsChanged: Set<string>;
}

const newEffects = (): Effects => ({
  events: [],
  deliveries: [],
  queuesToServe: new Set(),
  queuesChanged: new Set(),
  agentsChanged: new Set(),
});

const MAX_ATTEMPTS = 8;

/**
 * Runs `work` in one transaction and, after commit, its effects.
 * Every write in Switchboard goes through here: the SQLite adapter shares one
 * connection, so a write outside a transaction could land inside someone else's.
 * A lost optimistic claim or a busy database retries the whole unit.
 */
export async function inTransaction<T>(work: (tx: Tx, fx: Effects) => Promise<T>): Promise<T> {
  return runUnit((fx) => getDb().$transaction((tx) => work(tx, fx)));
}

/**
 * The same unit of work as `inTransaction`, written synchronously on Prisma's own SQLite connection
 * (`writeSync`: one `db.transaction()`, behind the write lock every Prisma transaction holds). Same retries, same
 * effects after commit. Only for the hot path of docs/decisions/003-hot-path-sql.md; `work` must not be async.
 */
export async function inSqliteTransaction<T>(work: (db: Database, fx: Effects) => T): Promise<T> {
  return runUnit((fx) => writeSync((db) => work(db, fx)));
}

/** Runs one attempt after another until one commits (or fails for good), then applies that attempt's effects. */
async function runUnit<T>(attemptOnce: (fx: Effects) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const fx = newEffects();
    let result: T;
    try {
      result = await attemptOnce(fx);
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
      throw error;
    }
    // Committed: from here on nothing may undo or repeat the work above.
    await applyEffects(fx);
    return result;
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof ClaimLostError) return true;
  const text = String((error as Error)?.message ?? error);
  return /database is locked|SQLITE_BUSY|write conflict|deadlock/i.test(text);
}
