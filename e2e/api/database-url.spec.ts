import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * The production server (`next start` on the built app, as scripts/e2e-server.sh runs it) given a PostgreSQL
 * DATABASE_URL, which this version does not serve yet. Before, it took the URL for a path: it migrated a new SQLite
 * file in a folder named "postgresql:/user:password@host:port/" and served from it.
 */
test("[DATABASE] a PostgreSQL DATABASE_URL stops the server at start with one clear line, creating nothing", async () => {
  const root = process.cwd();
  // A folder of the server's own, holding only the migrations (as the project root does), to see what it creates.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-server-url-"));
  fs.symlinkSync(path.join(root, "prisma"), path.join(cwd, "prisma"));
  const server = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", root, "-p", "0", "-H", "127.0.0.1"],
    {
      cwd,
      env: {
        ...process.env,
        DATABASE_URL: "postgresql://switchboard:s3cret@127.0.0.1:5432/switchboard",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  try {
    let stderr = "";
    server.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    // A server that did not stop would hold this until the test's time-out: that is the failure being guarded.
    const code = await new Promise<number | null>((resolve) => server.on("exit", resolve));

    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Switchboard cannot start: DATABASE_URL ("postgresql:…") names a PostgreSQL database, which this version ' +
        "cannot serve yet: use a file: URL such as file:./data/switchboard.db.",
    );
    expect(fs.readdirSync(cwd)).toEqual(["prisma"]); // no "postgresql:" folder, no SQLite file, no auth secret
  } finally {
    server.kill();
    fs.rmSync(cwd, { recursive: true, force: true });
  }
});
