// The PostgreSQL side of the tests' databases (the `postgres` vitest project): one template database migrated per
// run, a fresh copy per test file (CREATE DATABASE … TEMPLATE, PostgreSQL's own copy), every one dropped afterwards.
// The server: TEST_POSTGRES_URL, default 127.0.0.1:5432 as user postgres (scripts/ensure-postgres.sh starts it).
import pg from "pg";

export const serverUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** The URL of another database on the same server. */
export function databaseUrlFor(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/** Runs statements on the server's maintenance database (CREATE/DROP DATABASE cannot run inside the target). */
export async function onServer(...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

export const dropDatabase = (name: string) => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);

/** A copy of the template; retried because PostgreSQL refuses a copy while anything else touches the template. */
export async function copyTemplate(template: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await onServer(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
