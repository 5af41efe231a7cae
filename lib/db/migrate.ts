// Applies prisma/migrations to a SQLite database without the Prisma CLI, so the
// server can migrate itself at start (an upgrade needs no manual step) and tests
// can build a template database quickly. It keeps Prisma's own bookkeeping table,
// so `prisma migrate status/deploy/dev` agree with what it did.
// No "server-only" import: tsx scripts and vitest run it too.
// See docs/decisions/002-offline-prisma-cli.md.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { DatabaseUrlError, dialectOf } from "./dialect";
import { storedTime } from "./stored-time";

// Prisma's SQLite migrations table, column for column, as its schema engine creates it.
const MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: string | null;
  rolled_back_at: string | null;
}

/** Accepts a path or a `file:` URL; relative paths resolve against the working directory, as Prisma's do. */
export function resolveDatabaseFile(databaseFile: string): string {
  // Another database's URL must never be taken for a path: `postgresql://…` once became a folder named "postgresql:".
  if (/^[a-z][a-z0-9+.-]+:/i.test(databaseFile) && dialectOf(databaseFile) !== "sqlite") {
    throw new DatabaseUrlError("The SQLite migrator was given a PostgreSQL URL, not a file: URL or path.");
  }
  const file = databaseFile.startsWith("file:")
    ? databaseFile.slice("file:".length).replace(/\?.*$/, "")
    : databaseFile;
  return file === ":memory:" ? file : path.resolve(file);
}

/** sha256 hex of the migration file, as Prisma records it. */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/**
 * Prisma accepts a recorded checksum when it matches the file with either line
 * ending (Git may check the file out with CRLF on Windows); so do we.
 */
export function checksumMatches(sql: string, recorded: string): boolean {
  const variants = [sql, sql.replaceAll("\r\n", "\n"), sql.replaceAll("\r\n", "\n").replaceAll("\n", "\r\n")];
  return variants.some((variant) => migrationChecksum(variant) === recorded);
}

export function readMigrations(migrationsDir: string): Migration[] {
  if (!fs.existsSync(migrationsDir)) throw new Error(`No migrations directory at ${migrationsDir}.`);
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort() // Folder names start with a UTC timestamp: name order is creation order.
    .map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      if (!fs.existsSync(file)) throw new Error(`Migration ${name} has no migration.sql (${file}).`);
      return { name, sql: fs.readFileSync(file, "utf8") };
    });
}

/**
 * Applies every pending migration folder of `migrationsDir`, in name order, each in
 * its own transaction together with its `_prisma_migrations` row: a failing
 * migration leaves no trace and stops the run. Refuses to run when an applied
 * migration's file has changed, or when Prisma recorded a failed migration.
 */
export function applyMigrations(
  databaseFile: string,
  migrationsDir = path.join(process.cwd(), "prisma", "migrations"),
): { applied: string[] } {
  const file = resolveDatabaseFile(databaseFile);
  const migrations = readMigrations(migrationsDir);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });

  // Wait for, rather than fail on, another process migrating the same file (parallel test workers, a second server).
  const db = new Database(file, { timeout: 15_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(MIGRATIONS_TABLE_SQL);
    const rows = () =>
      db.prepare("SELECT * FROM _prisma_migrations WHERE rolled_back_at IS NULL").all() as MigrationRow[];

    const failed = rows().filter((row) => row.finished_at === null);
    if (failed.length > 0) {
      const names = failed.map((row) => row.migration_name).join(", ");
      throw new Error(
        `Migration(s) ${names} failed in an earlier run (see "logs" in _prisma_migrations). ` +
          "Fix the database, then mark them with `npx prisma migrate resolve --applied|--rolled-back <name>`.",
      );
    }
    const local = new Map(migrations.map((migration) => [migration.name, migration]));
    for (const row of rows()) {
      const migration = local.get(row.migration_name);
      if (migration && !checksumMatches(migration.sql, row.checksum)) {
        throw new Error(
          `Migration ${row.migration_name} was modified after it was applied to ${file}: ` +
            "restore its migration.sql (applied migrations must never change) and add a new migration instead.",
        );
      }
    }

    // A table redefinition (Prisma's SQLite way to alter a table) drops and renames
    // tables: with foreign keys enforced, that DROP would fire ON DELETE actions
    // (cascades, SET NULL) on the rows referencing it. SQLite only lets this
    // pragma change outside a transaction, so switch it off around the run and
    // check the constraints before each commit instead.
    const foreignKeys = db.pragma("foreign_keys", { simple: true }) as number;
    db.pragma("foreign_keys = OFF");
    const isApplied = db.prepare(
      "SELECT 1 FROM _prisma_migrations WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const record = db.prepare(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    );
    const applyOne = db.transaction((migration: Migration): boolean => {
      // Checked inside the write lock: another process may have just applied it.
      if (isApplied.get(migration.name)) return false;
      const startedAt = storedTime();
      db.exec(migration.sql);
      const violations = db.pragma("foreign_key_check") as { table: string; parent: string }[];
      if (violations.length > 0) {
        const [{ table, parent }] = violations;
        throw new Error(
          `it leaves ${violations.length} foreign key violation(s), e.g. rows of ${table} with no ${parent}.`,
        );
      }
      record.run(randomUUID(), migrationChecksum(migration.sql), storedTime(), migration.name, startedAt);
      return true;
    });

    const applied: string[] = [];
    try {
      for (const migration of migrations) {
        try {
          // IMMEDIATE: take the write lock up front, so two migrators queue instead of deadlocking.
          if (applyOne.immediate(migration)) applied.push(migration.name);
        } catch (error) {
          throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, {
            cause: error,
          });
        }
      }
    } finally {
      db.pragma(`foreign_keys = ${foreignKeys ? "ON" : "OFF"}`);
    }
    return { applied };
  } finally {
    db.close();
  }
}
