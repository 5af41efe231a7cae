import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DatabaseUrlError, DEFAULT_DATABASE_URL, dialectOf, servedDatabaseUrl } from "./dialect";
import { resolveDatabaseFile } from "./migrate";

const postgresUrl = "postgresql://switchboard:s3cret@127.0.0.1:5432/switchboard";

describe("[DATABASE] the dialect follows DATABASE_URL", () => {
  it("reads the dialect from the scheme", () => {
    expect(dialectOf("file:./data/switchboard.db")).toBe("sqlite");
    expect(dialectOf("file:/var/lib/switchboard/db.sqlite?connection_limit=1")).toBe("sqlite");
    expect(dialectOf(postgresUrl)).toBe("postgres");
    expect(dialectOf("postgres://localhost/switchboard")).toBe("postgres");
    expect(dialectOf("POSTGRESQL://localhost/switchboard")).toBe("postgres");
  });

  it("refuses what it does not know, naming the variable and what is accepted, never the rest of the URL", () => {
    const refusals: [string, string][] = [
      ["mysql://root:s3cret@localhost/db", 'DATABASE_URL ("mysql:…") names no database Switchboard knows'],
      ["./data/switchboard.db", "DATABASE_URL (a bare path, not a URL) names no database Switchboard knows"],
      ["", "DATABASE_URL is empty"],
      ["postgresql:/one-slash", 'DATABASE_URL ("postgresql:…") names no database Switchboard knows'],
    ];
    for (const [url, message] of refusals) {
      expect(() => dialectOf(url)).toThrow(DatabaseUrlError);
      expect(() => dialectOf(url)).toThrow(
        `${message}: use a file: URL such as file:./data/switchboard.db, or a postgresql:// URL.`,
      );
      expect(() => dialectOf(url)).not.toThrow(/s3cret/);
    }
  });

  it("serves SQLite, the default when DATABASE_URL is unset, and PostgreSQL", () => {
    expect(servedDatabaseUrl({})).toBe(DEFAULT_DATABASE_URL);
    expect(servedDatabaseUrl({ DATABASE_URL: "file:./x.db" })).toBe("file:./x.db");
    expect(servedDatabaseUrl({ DATABASE_URL: postgresUrl })).toBe(postgresUrl);
  });

  it("never takes another database's URL for a SQLite file path", () => {
    expect(() => resolveDatabaseFile(postgresUrl)).toThrow(DatabaseUrlError);
    expect(() => resolveDatabaseFile("mysql://localhost/db")).toThrow(DatabaseUrlError);
    expect(resolveDatabaseFile("file:./a.db")).toBe(path.resolve("a.db"));
    expect(resolveDatabaseFile("./a.db")).toBe(path.resolve("a.db")); // the migrator's own callers pass paths
  });
});

/**
 * Runs one of the project's scripts as an operator would, with DATABASE_URL set, from a folder of its own that holds
 * only the migrations (as the project root does), so whatever the script creates is seen.
 */
function runScript(script: string, databaseUrl: string) {
  const root = process.cwd();
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-url-"));
  fs.symlinkSync(path.join(root, "prisma"), path.join(cwd, "prisma"));
  try {
    const run = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, script)], {
      cwd,
      env: { ...process.env, DATABASE_URL: databaseUrl, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") },
      encoding: "utf8",
    });
    return { status: run.status, stderr: run.stderr, left: fs.readdirSync(cwd) };
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

describe("[DATABASE] a DATABASE_URL naming no database Switchboard knows stops the scripts at start", () => {
  // Before: a URL of another scheme (then postgresql://) made a folder "postgresql:/user:password@host:port/" holding
  // a fresh SQLite file, and succeeded.
  for (const [script, prefix] of [
    ["scripts/migrate.ts", "Migration failed: "],
    ["prisma/seed.ts", "Seeding failed: "],
  ]) {
    it(`${script} exits non-zero with one clear line and creates nothing`, { timeout: 60_000 }, () => {
      const { status, stderr, left } = runScript(script, "mysql://root:s3cret@localhost:3306/switchboard");
      expect(status).not.toBe(0);
      expect(stderr.trim()).toBe(
        `${prefix}DATABASE_URL ("mysql:…") names no database Switchboard knows: ` +
          "use a file: URL such as file:./data/switchboard.db, or a postgresql:// URL.",
      );
      expect(left).toEqual(["prisma"]); // no "mysql:" folder, no SQLite file
    });
  }
});
