import type { AgentDelivery } from "@/lib/ai-agents/activities";
import type { Database } from "@/lib/db/client";
import { retriedSqliteTransaction, retriedTransaction, type Tx } from "@/lib/db/transaction";
import type { TimelineEvent } from "@/lib/timeline/types";

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

export type AfterCommit = (fx: Effects) => Promise<void>;

const newEffects = (): Effects => ({
  events: [],
  deliveries: [],
  queuesToServe: new Set(),
  queuesChanged: new Set(),
  agentsChanged: new Set(),
});

/*
 * Why a registered hook and not an import (docs/decisions/009-effects-after-commit-seam.md): applying effects runs
 * use cases (an AI agent answers, a waiting conversation is served), and those use cases write through this module.
 * Importing the applier here would close that loop into an import cycle; instead each entry point registers it once
 * at start (`installEffects()` in lib/engine/apply-effects.ts). Kept on globalThis because Next may bundle
 * instrumentation.ts (where the server registers it) apart from the route handlers that write.
 */
const slot = globalThis as unknown as { switchboardAfterCommit?: AfterCommit };

/** Sets what every unit of work runs after it commits. Called by `installEffects()`; tests may swap it. */
export function setAfterCommit(afterCommit: AfterCommit | undefined): void {
  slot.switchboardAfterCommit = afterCommit;
}

/** Checked before any work starts, so forgetting the registration fails the first write loudly with nothing written. */
function afterCommitOrThrow(): AfterCommit {
  const afterCommit = slot.switchboardAfterCommit;
  if (!afterCommit) {
    throw new Error(
      "No after-commit hook: call installEffects() (lib/engine/apply-effects.ts) once at start, before the first write.",
    );
  }
  return afterCommit;
}

/**
 * Runs `work` in one transaction (retried on a lost claim or a busy database) and, after commit, the effects of
 * the attempt that committed. Every use case writes through here or `inSqliteTransaction`.
 */
export async function inTransaction<T>(work: (tx: Tx, fx: Effects) => Promise<T>): Promise<T> {
  const afterCommit = afterCommitOrThrow();
  let fx = newEffects();
  const result = await retriedTransaction((tx) => {
    fx = newEffects(); // A retried attempt starts from nothing: a rolled-back attempt's effects never run.
    return work(tx, fx);
  });
  await afterCommit(fx);
  return result;
}

/**
 * `inTransaction` for synchronous work on Prisma's own SQLite connection (the hot path of
 * docs/decisions/003-hot-path-sql.md): same retries, same effects after commit. `work` must not be async.
 */
export async function inSqliteTransaction<T>(work: (db: Database, fx: Effects) => T): Promise<T> {
  const afterCommit = afterCommitOrThrow();
  let fx = newEffects();
  const result = await retriedSqliteTransaction((db) => {
    fx = newEffects();
    return work(db, fx);
  });
  await afterCommit(fx);
  return result;
}
