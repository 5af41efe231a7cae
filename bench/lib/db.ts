// Fresh SQLite files for the benchmarks, and the switch that points the engine at one of them.
// getDb() is a per-process singleton keyed on nothing but DATABASE_URL at its first call: to move the engine to
// another file, disconnect it first and set DATABASE_URL before the next getDb() (pointEngineAt does both).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { disconnectDb, getDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { checkInvariants, type InvariantViolation } from "@/lib/diagnostics/invariants";

export const benchDir = path.join(process.cwd(), ".tmp", "bench");

/** A new, migrated database file under .tmp/bench/ (WAL mode, set by the migrator), replacing any of that name. */
export function freshDatabase(name: string): string {
  fs.mkdirSync(benchDir, { recursive: true });
  const file = path.join(benchDir, `${name}.db`);
  removeDatabase(file);
  applyMigrations(file);
  return file;
}

export function removeDatabase(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** Points the engine (getDb) at `file` and tunes the connection exactly as the server does at boot (lib/boot.ts). */
export async function pointEngineAt(file: string) {
  await disconnectDb();
  process.env.DATABASE_URL = `file:${file}`;
  const db = getDb();
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  return db;
}

/** A raw better-sqlite3 handle with the same pragmas as the engine's connection. */
export function openRaw(file: string, options: Database.Options = {}): Database.Database {
  const db = new Database(file, { timeout: 10_000, ...options });
  if (!options.readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
  }
  return db;
}

/** The invariants of lib/diagnostics/invariants.ts, read straight from the file (a separate connection). */
export function invariantsOf(file: string): InvariantViolation[] {
  const db = new Database(file, { readonly: true, timeout: 10_000 });
  try {
    return checkInvariants(db);
  } finally {
    db.close();
  }
}
