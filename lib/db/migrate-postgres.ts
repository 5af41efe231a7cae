// Applies prisma/postgres/migrations to a PostgreSQL database without the Prisma CLI, as lib/db/migrate.ts does for
// SQLite: at server start, in scripts and for the tests' template database. It keeps Prisma's own bookkeeping table
// (`prisma migrate status/deploy` agree with it) and takes the advisory lock Prisma's engine takes, so two servers
// starting together — or a server and `prisma migrate deploy` — apply each migration once.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { checksumMatches, type Migration, migrationChecksum, readMigrations } from "./migrate";

/** Prisma's schema engine locks migrations with this key (docs/decisions/010-postgresql-path.md). */
const MIGRATION_LOCK_KEY = 72707369;

/** Prisma's migrations table, in one file shared with the CLI bridge (scripts/prisma-schema-engine/postgres.mjs). */
const MIGRATIONS_TABLE_FILE = path.join("prisma", "postgres", "migrations-table.sql");

export const POSTGRES_MIGRATIONS_DIR = path.join("prisma", "postgres", "migrations");

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

/**
 * Applies every pending migration, in name order, each in its own transaction together with its `_prisma_migrations`
 * row: a failing migration leaves no trace and stops the run. Refuses, as the SQLite migrator does, when an applied
 * migration's file changed or Prisma recorded a failed one.
 */
export async function applyPostgresMigrations(
  url: string,
  migrationsDir = path.join(process.cwd(), POSTGRES_MIGRATIONS_DIR),
): Promise<{ applied: string[] }> {
  const migrations = readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Session-level: held across the per-migration transactions, released below (or when the connection ends).
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(fs.readFileSync(path.join(process.cwd(), MIGRATIONS_TABLE_FILE), "utf8"));
    const { rows } = await client.query<MigrationRow>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const failed = rows.filter((row) => row.finished_at === null);
    if (failed.length > 0) {
      throw new Error(
        `Migration(s) ${failed.map((row) => row.migration_name).join(", ")} failed in an earlier run (see "logs" in ` +
          "_prisma_migrations). Fix the database, then mark them with `npx prisma migrate resolve --applied|--rolled-back <name>`.",
      );
    }
    const done = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    for (const migration of migrations) {
      const recorded = done.get(migration.name);
      if (recorded !== undefined && !checksumMatches(migration.sql, recorded)) {
        throw new Error(
          `Migration ${migration.name} was modified after it was applied: restore its migration.sql (applied ` +
            "migrations must never change) and add a new migration instead.",
        );
      }
    }
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => !done.has(m.name))) {
      await applyOne(client, migration);
      applied.push(migration.name);
    }
    return { applied };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: Migration): Promise<void> {
  const startedAt = new Date();
  try {
    await client.query("BEGIN");
    // A parameterless query goes by the simple protocol, which runs a whole file (PL/pgSQL bodies included).
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES (gen_random_uuid(), $1, now(), $2, $3, 1)`,
      [migrationChecksum(migration.sql), migration.name, startedAt],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
