import Database from "better-sqlite3";
import pg from "pg";
import { dialectOf } from "@/lib/db/dialect";
import { resolveDatabaseFile } from "@/lib/db/migrate";
import { postgresSql } from "@/lib/db/sql/postgres";
import { sqliteSql } from "@/lib/db/sql/sqlite";

/**
 * The routing state's invariants, checked straight in the database (no
 * engine code involved, so the engine cannot vouch for itself). Each query
 * returns the rows that break a rule; an empty result means it holds.
 * The rules are written once per dialect in lib/db/sql/.
 */
export interface InvariantViolation {
  rule: string;
  rows: unknown[];
}

/** On an open SQLite connection of the caller's (the bench and the end-to-end tests read the server's file). */
export function checkInvariants(db: Database.Database): InvariantViolation[] {
  return Object.entries(sqliteSql.invariants)
    .map(([rule, sql]) => ({ rule, rows: db.prepare(sql).all() }))
    .filter((result) => result.rows.length > 0);
}

/** On the database a URL names, either dialect, over a connection of its own (read only), closed afterwards. */
export async function checkDatabaseInvariants(url: string): Promise<InvariantViolation[]> {
  if (dialectOf(url) === "sqlite") {
    const db = new Database(resolveDatabaseFile(url), { readonly: true });
    try {
      return checkInvariants(db);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const results: InvariantViolation[] = [];
    for (const [rule, sql] of Object.entries(postgresSql.invariants)) {
      const { rows } = await client.query(sql);
      if (rows.length > 0) results.push({ rule, rows });
    }
    return results;
  } finally {
    await client.end();
  }
}
