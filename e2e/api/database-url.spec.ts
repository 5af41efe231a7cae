import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * The production server (`next start` on the built app, as scripts/e2e-server.sh runs it) given a DATABASE_URL of a
 * kind it does not serve. Before, it took any URL for a path: it migrated a new SQLite file in a folder named after
 * the URL ("postgresql:/user:password@host:port/") and served from it.
 */
test("[DATABASE] a DATABASE_URL naming no database Switchboard serves stops the server at start with one clear line, creating nothing", async () => {
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
        DATABASE_URL: "mysql://switchboard:s3cret@127.0.0.1:3306/switchboard",
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
    // One line, naming the variable and the scheme — never the password in the rest of the URL.
    expect(stderr.trim()).toMatch(
      /^Switchboard cannot start: DATABASE_URL \("mysql:…"\) names no database Switchboard knows: .+\.$/,
    );
    expect(stderr).not.toContain("s3cret");
    expect(fs.readdirSync(cwd)).toEqual(["prisma"]); // no "mysql:" folder, no SQLite file, no auth secret
  } finally {
    server.kill();
    fs.rmSync(cwd, { recursive: true, force: true });
  }
});
