import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { dialectOf } from "../../lib/db/dialect";
import { resolveDatabaseFile } from "../../lib/db/migrate";

/**
 * The database behind a server under test, read and written by the tests themselves (not through the API), on either
 * dialect: the suite runs on SQLite and, with E2E_DATABASE=postgres (`npm run test:e2e:pg`), on PostgreSQL. The
 * invariant checker reads both already: `checkDatabaseInvariants(url)` (lib/diagnostics/invariants.ts).
 */

/** The suite runs against PostgreSQL (playwright.config.ts); tests about the SQLite file skip there. */
export const onPostgres = process.env.E2E_DATABASE === "postgres";

/** The shared server's database, as scripts/e2e-server.sh wrote it down. */
export function sharedDatabaseUrl(): string {
  const file = path.join(process.cwd(), ".tmp", `e2e-${process.env.E2E_PORT ?? 3100}`, "database-url");
  return fs.readFileSync(file, "utf8").trim();
}

/**
 * One statement on the database a URL names, over a connection of its own. Write it once for both dialects: quoted
 * identifiers (`"Agent"`, `"usedCapacity"`) and `?` placeholders, numbered `$1…` here for PostgreSQL. Aggregates
 * come back as numbers on both (PostgreSQL sends bigint and numeric as text).
 */
export async function sql<Row = Record<string, unknown>>(
  url: string,
  statement: string,
  params: unknown[] = [],
): Promise<Row[]> {
  if (dialectOf(url) === "sqlite") {
    // The server holds the file open in WAL mode: wait out its writes rather than fail with SQLITE_BUSY.
    const db = new Database(resolveDatabaseFile(url), { timeout: 10_000 });
    try {
      const prepared = db.prepare(statement);
      if (prepared.reader) return prepared.all(...params) as Row[];
      prepared.run(...params);
      return [];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url, types: { getTypeParser: numbersAsNumbers } });
  await client.connect();
  try {
    let n = 0;
    const { rows } = await client.query(
      statement.replace(/\?/g, () => `$${++n}`),
      params,
    );
    return rows as Row[];
  } finally {
    await client.end();
  }
}

const BIGINT = 20;
const NUMERIC = 1700;

/** COUNT and SUM answer bigint or numeric, which pg hands over as text (they can exceed a double): small here. */
function numbersAsNumbers(oid: number, format?: string): any {
  if (oid === BIGINT || oid === NUMERIC) return Number;
  return pg.types.getTypeParser(oid, format as "text");
}
