import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/prisma-pg/client";
import { postMessage } from "@/lib/conversations/post-message";
import { CopyRefusedError, type CopyReport, copySqliteToPostgres } from "@/lib/db/copy-to-postgres";
import { applyMigrations } from "@/lib/db/migrate";
import { checkDatabaseInvariants } from "@/lib/diagnostics/invariants";
import { customerActor } from "@/lib/timeline/types";
import { databaseUrlFor, dropDatabase, onServer } from "./postgres";

// Moving up (README, "Moving from SQLite to PostgreSQL"). Needs a PostgreSQL server: the `postgres` project only.
// The target is this test file's own database (migrated, empty), so the engine of this process serves the copy.
const onPostgres = process.env.SWITCHBOARD_TEST_DIALECT === "postgres";
const run = promisify(execFile);

const dir = path.join(process.cwd(), ".tmp", "vitest");
const sourceFile = path.join(dir, `copy-source-${process.pid}.db`);
const from = `file:${sourceFile}`;
const to = process.env.DATABASE_URL ?? "";
const extraDatabases: string[] = [];

/** The documented command, as an operator runs it. */
const copyCommand = (source: string, target: string) =>
  run(process.execPath, ["--import", "tsx", "scripts/copy-to-postgres.ts", "--from", source, "--to", target], {
    cwd: process.cwd(),
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

async function targetCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string }>(
      `SELECT tablename AS table FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
    );
    const counts: Record<string, number> = {};
    for (const { table } of rows) {
      counts[table] = (await client.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n;
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** Every row of a model through each dialect's own Prisma client (its own types), in one order. */
async function rowsOf(client: PrismaClient, model: string): Promise<Record<string, unknown>[]> {
  const delegate = (client as unknown as Record<string, { findMany(): Promise<Record<string, unknown>[]> }>)[
    model[0].toLowerCase() + model.slice(1)
  ];
  const rows = await delegate.findMany();
  const key = (row: Record<string, unknown>) => JSON.stringify([row.id, row.queueId, row.agentId, row.key]);
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

describe.skipIf(!onPostgres)("[MOVING UP] a SQLite database copied into an empty PostgreSQL database", () => {
  let report: CopyReport;
  let source: Database.Database;

  beforeAll(async () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${sourceFile}${suffix}`, { force: true });
    // Written by the engine in a process of its own, on SQLite (lib/testing/seed-copy-source.ts).
    await run(process.execPath, ["--import", "tsx", "lib/testing/seed-copy-source.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: from },
    });
    source = new Database(sourceFile, { readonly: true });
    report = await copySqliteToPostgres({ from, to, batchRows: 4 }); // small batches: several per table
  }, 120_000);

  afterAll(async () => {
    source?.close();
    for (const name of extraDatabases) await dropDatabase(name);
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${sourceFile}${suffix}`, { force: true });
  });

  it("copies every table: as many rows in each as the source holds, counted in both", async () => {
    const sourceTables = (
      source
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != ?")
        .all("_prisma_migrations") as { name: string }[]
    )
      .map((t) => t.name)
      // SQLite's full-text index of the knowledge (FTS5 and its shadow tables) is derived: PostgreSQL indexes the
      // copied chunks itself.
      .filter((name) => !name.startsWith("KnowledgeChunkFts"));
    expect(report.tables.map((t) => t.table).sort()).toEqual(sourceTables.sort());
    const counts = await targetCounts(to);
    for (const table of sourceTables) {
      const n = (source.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
      expect({ table, rows: counts[table] }).toEqual({ table, rows: n });
      expect(report.tables.find((t) => t.table === table)).toMatchObject({ source: n, target: n });
    }
    // What the seed wrote is all there: the demo, Better Auth's accounts and key, the conversations and timers.
    expect(counts).toMatchObject({ User: 3, Account: 3, Apikey: 1, Queue: 5, Timer: 2 });
    expect(counts.Event).toBeGreaterThan(20);
  });

  it("copies every row field by field: each dialect's Prisma client reads the same values", async () => {
    const sqliteClient = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: from }) });
    const pgClient = new PostgresPrismaClient({
      adapter: new PrismaPg({ connectionString: to }),
    }) as unknown as PrismaClient;
    try {
      for (const { table } of report.tables) {
        const copied = await rowsOf(pgClient, table);
        expect(copied, table).toEqual(await rowsOf(sqliteClient, table));
      }
      // Spot checks of the conversions: a time, a boolean, JSON, a self-reference both ways.
      const conversation = await pgClient.conversation.findFirstOrThrow({ where: { customerName: "Customer 0" } });
      expect(conversation.context).toEqual({ orderId: "A-1000", vip: true, tags: ["copy", 0] });
      expect(conversation.createdAt).toBeInstanceOf(Date);
      const main = await pgClient.queue.findUniqueOrThrow({ where: { name: "Copy main" } });
      const spare = await pgClient.queue.findUniqueOrThrow({ where: { name: "Copy spare" } });
      expect([main.overflowQueueId, spare.overflowQueueId]).toEqual([spare.id, main.id]);
      expect((await pgClient.queue.findFirstOrThrow({ where: { isDefault: true } })).name).toBe("Support");
    } finally {
      await Promise.all([sqliteClient.$disconnect(), pgClient.$disconnect()]);
    }
  });

  it("the invariants hold on the copy", async () => {
    expect(await checkDatabaseInvariants(to)).toEqual([]);
  });

  it("the timeline's numbering continues past every id SQLite handed out, deleted ones included", async () => {
    const counter = (source.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'Event'").get() as { seq: number })
      .seq;
    const highest = (source.prepare("SELECT max(id) AS id FROM Event").get() as { id: number }).id;
    expect(counter).toBeGreaterThan(highest); // the seed deleted a conversation whose events came last
    expect(report.sequences).toContainEqual({ table: "Event", column: "id", lastValue: counter });

    // The engine (on the copy) writes a message: its event gets the next id, no clash with a copied one.
    const active = source.prepare("SELECT id FROM Conversation WHERE status = 'active' LIMIT 1").get() as {
      id: string;
    };
    await postMessage({ conversationId: active.id, actor: customerActor, text: "Still there after the move?" });
    const client = new pg.Client({ connectionString: to });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT id, type FROM "Event" WHERE id > $1 ORDER BY id`, [counter]);
      expect(rows[0]).toMatchObject({ id: counter + 1, type: "message.sent" });
    } finally {
      await client.end();
    }
    expect(await checkDatabaseInvariants(to)).toEqual([]);
  });

  it("a second run against the now non-empty database is refused, changing nothing", async () => {
    const before = await targetCounts(to);
    const second = await copyCommand(from, to);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^Refused: The PostgreSQL database is not empty \(rows in .*Queue.*\)/);
    expect(await targetCounts(to)).toEqual(before);
    await expect(copySqliteToPostgres({ from, to })).rejects.toBeInstanceOf(CopyRefusedError);
  });

  it("the documented command into a new database: migrates it, copies, prints the counts and checks the invariants", async () => {
    const name = `${new URL(to).pathname.slice(1)}_fresh`;
    await onServer(`CREATE DATABASE "${name}"`);
    extraDatabases.push(name);
    const result = await copyCommand(from, databaseUrlFor(name));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Migrated the target first: \d{14}_init/);
    expect(result.stdout).toMatch(/^ {2}Event +\d+ → \d+$/m);
    expect(result.stdout).toContain("Invariants hold on the copy.");
    const counts = await targetCounts(databaseUrlFor(name));
    expect(counts.Event).toBe((source.prepare("SELECT count(*) AS n FROM Event").get() as { n: number }).n);
  });

  it("a SQLite database that is not up to date is refused before anything is written", async () => {
    const oldFile = path.join(dir, `copy-old-${process.pid}.db`);
    const migrations = path.join(dir, `copy-old-migrations-${process.pid}`);
    fs.rmSync(migrations, { recursive: true, force: true });
    const [first] = fs.readdirSync("prisma/migrations").filter((n) => /^\d{14}_/.test(n));
    fs.cpSync(path.join("prisma/migrations", first), path.join(migrations, first), { recursive: true });
    applyMigrations(oldFile, migrations);
    const name = `${new URL(to).pathname.slice(1)}_old`;
    await onServer(`CREATE DATABASE "${name}"`);
    extraDatabases.push(name);
    try {
      const refused = copySqliteToPostgres({ from: `file:${oldFile}`, to: databaseUrlFor(name) });
      await expect(refused).rejects.toThrow(/not up to date \(\d+ migration\(s\) pending: .*npm run db:migrate/);
      expect(await targetCounts(databaseUrlFor(name))).toEqual({}); // not even migrated
    } finally {
      fs.rmSync(migrations, { recursive: true, force: true });
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${oldFile}${suffix}`, { force: true });
    }
  });
});
