import { now } from "@/lib/clock";
import { fastPathConnection, getDb, writeSync } from "@/lib/db/client";
import type { Tx } from "@/lib/db/transaction";
import { type Effects, inSqliteTransaction } from "@/lib/engine/unit-of-work";
import { applyPlanPrisma } from "./apply-plan-prisma";
import { applyPlanSqlite } from "./apply-plan-sqlite";
import type { Draft } from "./assignment-plan";
import type { CandidateSource } from "./candidate-source";
import { prismaCandidateSource } from "./prisma-source";
import { type Reading, readAtOnce, readLater } from "./reading";
import { sqliteCandidateSource } from "./sqlite-source";

/**
 * What a planning step returns: the plan to apply (null: nothing to write), and whether the general path must go on
 * where the plan stops (a conversation that will wait: its position, its overflow timer, its overflow).
 */
export interface Planned {
  draft: Draft | null;
  unfinished: boolean;
}

export type Planner<P extends Planned> = (source: CandidateSource, at: Date) => Reading<P>;

/**
 * Load → decide → plan → apply as ONE synchronous SQLite transaction on Prisma's own connection
 * (docs/decisions/013-assignment-plans.md): reads through the synchronous source, the plan through the synchronous
 * applier, nothing awaited in between. Null — having written nothing — when there is no such connection (PostgreSQL,
 * or SWITCHBOARD_SQLITE_FAST_PATH=off) or when the plan leaves work for the general path: the caller then runs
 * `applyThroughPrisma` in a transaction of its own, which plans again from what it reads.
 */
export async function applyAtOnce<P extends Planned>(planner: Planner<P>): Promise<P | null> {
  if (!(await fastPathConnection())) return null;
  return inSqliteTransaction((db, fx) => {
    const planned = readAtOnce(planner(sqliteCandidateSource(db), now()));
    if (planned.unfinished) return null;
    if (planned.draft) applyPlanSqlite(db, fx, planned.draft.plan);
    return planned;
  });
}

/** The same steps inside the caller's Prisma transaction, on any dialect; the caller finishes what the plan leaves. */
export async function applyThroughPrisma<P extends Planned>(tx: Tx, fx: Effects, planner: Planner<P>): Promise<P> {
  const planned = await readLater(planner(prismaCandidateSource(tx), now()));
  if (planned.draft) await applyPlanPrisma(tx, fx, planned.draft.plan);
  return planned;
}

/**
 * Reads outside any plan (what waits to be served): on SQLite's own connection, synchronously behind the write lock —
 * a read there while a Prisma transaction is open would see its uncommitted rows — else through Prisma.
 */
export async function readNow<T>(reading: (source: CandidateSource) => Reading<T>): Promise<T> {
  if (await fastPathConnection()) return writeSync((db) => readAtOnce(reading(sqliteCandidateSource(db))));
  return readLater(reading(prismaCandidateSource(getDb())));
}
