// Moving up: copies a SQLite database of Switchboard's into an empty PostgreSQL database (`scripts/copy-to-postgres.ts`
// is the command; the README says when and how). Every table, every row, every sequence number.
//
// The tables, columns and their types are read from the target once migrated, not listed here: a table or column a
// later migration adds is copied without touching this file. Values are converted by the target column's type, from
// what SQLite holds (lib/db/sql/types.ts: DateTime as ISO text, booleans as 0/1, Json as text).
//
// One transaction on the target, with its tables locked: a failure (or Ctrl-C) leaves the target as the migrations
// made it — empty — and the same command can simply run again. The source is read in one read transaction: a
// consistent snapshot even while a server writes to it (but what it writes afterwards is not copied: stop it first).
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { dialectOf } from "./dialect";
import { readMigrations, resolveDatabaseFile } from "./migrate";
import { applyPostgresMigrations } from "./migrate-postgres";
import { postgresTables, type Table } from "./postgres-tables";
import { converterFor } from "./sqlite-values";

/** The copy did not start (nothing was written): a source or target it must not or cannot copy. */
export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CopyRefusedError";
  }
}

export interface CopyReport {
  /** Every table, in the order it was copied: rows in the source, and in the target once committed. */
  tables: { table: string; source: number; target: number }[];
  /** Each sequence set past the highest id the source handed out (SQLite's AUTOINCREMENT counter included). */
  sequences: { table: string; column: string; lastValue: number }[];
  /** Migrations applied to the target before the copy. */
  migrated: string[];
}

export interface CopyOptions {
  /** The SQLite database, as a `file:` URL. */
  from: string;
  /** The PostgreSQL database, as a `postgresql://` URL: empty (no rows; migrated or not). */
  to: string;
  /** Rows per INSERT statement. */
  batchRows?: number;
  /** Called after each batch: the table and the rows of it copied so far. */
  onProgress?: (table: string, copied: number, total: number) => void;
  /** SQLite's migrations, to check the source is up to date (default: prisma/migrations). */
  sqliteMigrationsDir?: string;
}

export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyReport> {
  const { from, to, batchRows = 2_000, onProgress } = options;
  if (dialectOf(from) !== "sqlite") throw new CopyRefusedError("--from must name a SQLite database (file:…).");
  if (dialectOf(to) !== "postgres")
    throw new CopyRefusedError("--to must name a PostgreSQL database (postgresql://…).");
  const source = openSource(from);
  const target = new pg.Client({ connectionString: to });
  try {
    requireMigratedSource(source, options.sqliteMigrationsDir ?? path.join(process.cwd(), "prisma", "migrations"));
    await target.connect();
    // Before migrating: a database holding anything is refused without a change.
    await requireEmpty(target, await postgresTables(target));
    const { applied } = await applyPostgresMigrations(to);
    const tables = await postgresTables(target);
    requireSameTables(source, tables);

    await target.query("BEGIN");
    try {
      // Nobody else writes (a server started too early, a second copy) until the copy commits or rolls back.
      if (tables.length > 0) {
        await target.query(`LOCK TABLE ${tables.map((t) => quote(t.name)).join(", ")} IN ACCESS EXCLUSIVE MODE`);
      }
      await requireEmpty(target, tables);
      source.exec("BEGIN"); // one snapshot of the source for every table
      const counts: CopyReport["tables"] = [];
      for (const table of tables) {
        const total = count(source, table.name);
        await copyTable(source, target, table, total, batchRows, onProgress);
        counts.push({ table: table.name, source: total, target: 0 });
      }
      const sequences = await continueSequences(source, target, tables);
      for (const entry of counts) {
        const { rows } = await target.query(`SELECT count(*)::int AS n FROM ${quote(entry.table)}`);
        entry.target = rows[0].n;
        if (entry.target !== entry.source) {
          throw new Error(`${entry.table}: ${entry.source} rows in the source but ${entry.target} copied`);
        }
      }
      await target.query("COMMIT");
      return { tables: counts, sequences, migrated: applied };
    } catch (error) {
      await target.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      if (source.inTransaction) source.exec("COMMIT");
    }
  } finally {
    source.close();
    await target.end().catch(() => {});
  }
}

function openSource(url: string): Database.Database {
  const file = resolveDatabaseFile(url);
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
    // Exact integers: an id or a count past 2^53 must not round on the way.
    db.defaultSafeIntegers(true);
    return db;
  } catch (error) {
    throw new CopyRefusedError(`Cannot open the SQLite database ${file}: ${(error as Error).message}`);
  }
}

/** The source must be at this version's last migration, so its tables are the target's: else migrate it first. */
function requireMigratedSource(source: Database.Database, migrationsDir: string): void {
  const expected = readMigrations(migrationsDir).map((m) => m.name);
  const hasTable = source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'");
  const applied = hasTable.get()
    ? (
        source
          .prepare(
            "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
          )
          .all() as { migration_name: string }[]
      ).map((row) => row.migration_name)
    : [];
  const pending = expected.filter((name) => !applied.includes(name));
  if (pending.length > 0) {
    throw new CopyRefusedError(
      `The SQLite database is not up to date (${pending.length} migration(s) pending: ${pending.join(", ")}). ` +
        "Bring it up to date first — `DATABASE_URL=<the same file: URL> npm run db:migrate` — then copy it.",
    );
  }
  const unknown = applied.filter((name) => !expected.includes(name));
  if (unknown.length > 0) {
    throw new CopyRefusedError(
      `The SQLite database was migrated by a newer Switchboard (${unknown.join(", ")}): copy it with that version.`,
    );
  }
}

async function requireEmpty(target: pg.Client, tables: Table[]): Promise<void> {
  const filled: string[] = [];
  for (const table of tables) {
    const { rows } = await target.query(`SELECT EXISTS (SELECT 1 FROM ${quote(table.name)}) AS filled`);
    if (rows[0].filled) filled.push(table.name);
  }
  if (filled.length > 0) {
    throw new CopyRefusedError(
      `The PostgreSQL database is not empty (rows in ${filled.join(", ")}): copy into a new, empty database ` +
        "(e.g. `createdb switchboard`) — nothing was changed.",
    );
  }
}

/**
 * SQLite's full-text indexes (FTS5 virtual tables and their shadow tables, kept by triggers from the knowledge
 * chunks): derived data, not copied — PostgreSQL searches the same rows through an expression index of its own.
 */
const derivedIndexes = (source: Database.Database): string[] =>
  (
    source
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
      .all() as { name: string }[]
  ).map(({ name }) => name);

function requireSameTables(source: Database.Database, tables: Table[]): void {
  const derived = derivedIndexes(source);
  const sourceTables = (
    source
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != ?")
      .all("_prisma_migrations") as { name: string }[]
  ).filter(({ name }) => !derived.some((index) => name === index || name.startsWith(`${index}_`)));
  const differences: string[] = [];
  const byName = new Map(tables.map((table) => [table.name, table]));
  for (const { name } of sourceTables) {
    const table = byName.get(name);
    if (!table) {
      differences.push(`table ${name} is not in PostgreSQL's schema`);
      continue;
    }
    const columns = (source.prepare(`PRAGMA table_info(${quote(name)})`).all() as { name: string }[]).map(
      (c) => c.name,
    );
    const wanted = table.columns.map((c) => c.name);
    for (const column of columns) if (!wanted.includes(column)) differences.push(`${name}.${column} has no column`);
    for (const column of wanted) if (!columns.includes(column)) differences.push(`${name}.${column} is missing`);
  }
  for (const table of tables) {
    if (!sourceTables.some((t) => t.name === table.name)) differences.push(`table ${table.name} is missing`);
  }
  if (differences.length > 0) {
    throw new CopyRefusedError(
      `The two schemas differ (${differences.join("; ")}): both must be at this version's last migration.`,
    );
  }
}

const count = (source: Database.Database, table: string): number =>
  Number((source.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: bigint }).n);

/**
 * A table, `batchRows` rows per statement: one array parameter per column, cast to the column's type and unnested
 * server-side (`INSERT … SELECT * FROM unnest($1::text[], $2::timestamp(3)[], …)`) — PostgreSQL parses each value
 * with the column's own input function, jsonb included. A column referencing its own table (a queue's overflow
 * queue) is filled afterwards: a row may point at one that comes later.
 */
async function copyTable(
  source: Database.Database,
  target: pg.Client,
  table: Table,
  total: number,
  batchRows: number,
  onProgress: CopyOptions["onProgress"],
): Promise<void> {
  const inserted = table.columns.filter((c) => !table.selfReferences.includes(c.name));
  const convert = inserted.map((column) => converterFor(table.name, column));
  const insert =
    `INSERT INTO ${quote(table.name)} (${inserted.map((c) => quote(c.name)).join(", ")}) ` +
    `SELECT * FROM unnest(${inserted.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ")})`;
  const later: unknown[][] = table.selfReferences.map(() => []);
  const keys: unknown[] = [];
  let batch: unknown[][] = inserted.map(() => []);
  let size = 0;
  let copied = 0;
  const flush = async () => {
    if (size === 0) return;
    await target.query(insert, batch);
    copied += size;
    batch = inserted.map(() => []);
    size = 0;
    onProgress?.(table.name, copied, total);
  };
  const rows = source.prepare(`SELECT * FROM ${quote(table.name)}`).iterate() as Iterable<Record<string, unknown>>;
  for (const row of rows) {
    for (let i = 0; i < inserted.length; i++) batch[i].push(convert[i](row[inserted[i].name], row));
    size++;
    if (table.selfReferences.some((column) => row[column] !== null)) {
      keys.push(String(row[table.primaryKey[0]]));
      for (let i = 0; i < table.selfReferences.length; i++) {
        const value = row[table.selfReferences[i]];
        later[i].push(value === null ? null : String(value));
      }
    }
    if (size >= batchRows) await flush();
  }
  await flush();
  if (keys.length === 0) return;
  if (table.primaryKey.length !== 1) throw new Error(`${table.name}: a self-reference needs a one-column key`);
  const [key] = table.primaryKey;
  const keyType = table.columns.find((c) => c.name === key)?.type;
  const sets = table.selfReferences.map((column, i) => `${quote(column)} = v.c${i}`).join(", ");
  const types = table.selfReferences.map((column, i) => {
    const type = table.columns.find((c) => c.name === column)?.type;
    return `$${i + 2}::${type}[]`;
  });
  const aliases = table.selfReferences.map((_, i) => `c${i}`).join(", ");
  await target.query(
    `UPDATE ${quote(table.name)} AS t SET ${sets} FROM unnest($1::${keyType}[], ${types.join(", ")}) ` +
      `AS v(k, ${aliases}) WHERE t.${quote(key)} = v.k`,
    [keys, ...later],
  );
}

/**
 * Each serial column's sequence continues after the highest id the source ever handed out: its largest id, or
 * SQLite's AUTOINCREMENT counter when rows at the end were deleted (SQLite never hands those ids out again, nor will
 * PostgreSQL). A new timeline event gets a higher id than any copied one.
 */
async function continueSequences(source: Database.Database, target: pg.Client, tables: Table[]) {
  const hasCounter = source.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get();
  const counter = hasCounter ? source.prepare("SELECT seq FROM sqlite_sequence WHERE name = ?") : null;
  const sequences: CopyReport["sequences"] = [];
  for (const table of tables) {
    for (const column of table.columns.filter((c) => c.sequence)) {
      const max = source.prepare(`SELECT max(${quote(column.name)}) AS n FROM ${quote(table.name)}`).get() as {
        n: bigint | null;
      };
      const handedOut = (counter?.get(table.name) as { seq: bigint } | undefined)?.seq ?? 0n;
      const last = [max.n ?? 0n, handedOut].reduce((a, b) => (b > a ? b : a));
      // setval(seq, n, true): the next value is n + 1; (seq, 1, false): the next is 1, as on a fresh table.
      await target.query("SELECT setval($1, $2, $3)", [column.sequence, last > 0n ? String(last) : "1", last > 0n]);
      sequences.push({ table: table.name, column: column.name, lastValue: Number(last) });
    }
  }
  return sequences;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
