// Which database DATABASE_URL names, and whether this build can serve it. No Prisma import: scripts/migrate.ts and
// the server's boot check it before anything opens a connection.

export type Dialect = "sqlite" | "postgres";

export const DEFAULT_DATABASE_URL = "file:./data/switchboard.db";

/** The dialects this build can run on (the set stays, so a dialect can be recognised before it is served). */
const served: ReadonlySet<Dialect> = new Set(["sqlite", "postgres"]);

const names: Record<Dialect, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

const accepted = `use a file: URL such as ${DEFAULT_DATABASE_URL}, or a postgresql:// URL`;

/** A database URL the server cannot serve: stops the server or script at start, before anything is written. */
export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUrlError";
  }
}

/**
 * The dialect a database URL names, by its scheme: `file:` → SQLite, `postgres://` or `postgresql://` → PostgreSQL.
 * Anything else (another scheme, a bare path, an empty string) is refused rather than guessed at: a
 * `postgresql://…` URL used to be taken for a file path and became a SQLite file in a folder named `postgresql:`.
 */
export function dialectOf(url: string): Dialect {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  const what = url === "" ? "is empty" : `(${shown(url)}) names no database Switchboard knows`;
  throw new DatabaseUrlError(`DATABASE_URL ${what}: ${accepted}.`);
}

/**
 * DATABASE_URL (or the default SQLite file when unset), once checked to name a database this build serves.
 * Every connection, migration and script takes its URL from here, so a wrong URL stops them all the same way.
 */
export function servedDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const dialect = dialectOf(url);
  if (!served.has(dialect)) {
    throw new DatabaseUrlError(
      `DATABASE_URL (${shown(url)}) names a ${names[dialect]} database, which this version cannot serve yet: ${accepted}.`,
    );
  }
  return url;
}

/** The URL's scheme only: the rest may hold a password, and the message goes to logs. */
function shown(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[1];
  return scheme ? `"${scheme}:…"` : "a bare path, not a URL";
}
