import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { applyPostgresMigrations, POSTGRES_MIGRATIONS_DIR } from "@/lib/db/migrate-postgres";
import { databaseUrlFor, dropDatabase, onServer } from "./postgres";

// Needs a PostgreSQL server: runs in the `postgres` project only (npm run test:pg).
const onPostgres = process.env.SWITCHBOARD_TEST_DIALECT === "postgres";
const migrations = fs.readdirSync(POSTGRES_MIGRATIONS_DIR).filter((name) => /^\d{14}_/.test(name));

const created: string[] = [];
afterEach(async () => {
  for (const name of created.splice(0)) await dropDatabase(name);
});

async function emptyDatabase(): Promise<string> {
  const name = `switchboard_migrate_${process.pid}_${created.length}_${Date.now().toString(36)}`;
  await onServer(`CREATE DATABASE "${name}"`);
  created.push(name);
  return databaseUrlFor(name);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!onPostgres)("[DATABASE] the PostgreSQL migrator", () => {
  it("applies each migration once when two servers start together, as Prisma records it", {
    timeout: 120_000,
  }, async () => {
    const url = await emptyDatabase();
    const runs = await Promise.all([applyPostgresMigrations(url), applyPostgresMigrations(url)]);
    expect(runs.flatMap((run) => run.applied).sort()).toEqual(migrations); // the advisory lock: once in all
    expect((await applyPostgresMigrations(url)).applied).toEqual([]);
    const rows = await query<{ migration_name: string; finished_at: Date | null }>(
      url,
      `SELECT migration_name, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(migrations);
    expect(rows.every((row) => row.finished_at instanceof Date)).toBe(true);
    // ADR 007's triggers came with them.
    const triggers = await query<{ tgname: string }>(url, `SELECT tgname FROM pg_trigger WHERE NOT tgisinternal`);
    expect(triggers.map((t) => t.tgname).sort()).toEqual(["Agent_routing_copy", "QueueMembership_routing_copy"]);
    // Prisma's own CLI (through the offline bridge) agrees nothing is pending.
    const status = spawnSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "status"], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
    });
    expect(status.stdout + status.stderr).toMatch("Database schema is up to date!");
    expect(status.status).toBe(0);
  });

  it("refuses a migration changed after it was applied, and applies nothing", { timeout: 60_000 }, async () => {
    const url = await emptyDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-pg-migrations-"));
    try {
      fs.cpSync(POSTGRES_MIGRATIONS_DIR, dir, { recursive: true });
      await applyPostgresMigrations(url, dir);
      fs.appendFileSync(path.join(dir, migrations[0], "migration.sql"), "\n-- edited afterwards\n");
      const later = path.join(dir, "29990101000000_later");
      fs.mkdirSync(later);
      fs.writeFileSync(path.join(later, "migration.sql"), `CREATE TABLE "Later" ("id" TEXT PRIMARY KEY);`);
      await expect(applyPostgresMigrations(url, dir)).rejects.toThrow(
        `Migration ${migrations[0]} was modified after it was applied`,
      );
      expect(await query(url, `SELECT 1 FROM pg_tables WHERE tablename = 'Later'`)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rolls a failing migration back whole, leaving no record of it", { timeout: 60_000 }, async () => {
    const url = await emptyDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-pg-migrations-"));
    try {
      fs.cpSync(POSTGRES_MIGRATIONS_DIR, dir, { recursive: true });
      const broken = path.join(dir, "29990101000000_broken");
      fs.mkdirSync(broken);
      fs.writeFileSync(path.join(broken, "migration.sql"), `CREATE TABLE "Half" ("id" TEXT);\nSELECT no_such_thing();`);
      await expect(applyPostgresMigrations(url, dir)).rejects.toThrow("Migration 29990101000000_broken failed");
      expect(await query(url, `SELECT 1 FROM pg_tables WHERE tablename = 'Half'`)).toEqual([]);
      const names = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
      expect(names.map((row) => row.migration_name).sort()).toEqual(migrations); // the good ones stay applied
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
