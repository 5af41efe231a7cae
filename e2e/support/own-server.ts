import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/**
 * A `next start` of its own, on a fresh SQLite file in .tmp/ and a free port, started the way
 * scripts/e2e-server.sh starts the shared one (reusing its `.next` build) but with the environment a test
 * chooses — e.g. small limits, which the shared server must raise for everyone else.
 */
export interface OwnServer {
  url: string;
  /** API key of the admin account made before the server started. */
  adminKey: string;
  /** The server's SQLite file, for checks that read the database itself. */
  databaseFile: string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would: nothing is closed or cleaned up, and the database stays for a restart. */
  kill(): Promise<void>;
}

const root = process.cwd();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** With `restartOf`, a server on that server's database (its accounts and data), after it stopped or was killed. */
export async function startOwnServer(
  name: string,
  env: Record<string, string>,
  { restartOf }: { restartOf?: OwnServer } = {},
): Promise<OwnServer> {
  const port = await freePort();
  const dir = restartOf ? path.dirname(restartOf.databaseFile) : path.join(root, ".tmp", `own-${name}-${port}`);
  if (!restartOf) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  const url = `http://127.0.0.1:${port}`;
  const serverEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: `file:${path.join(dir, "switchboard.db")}`,
    SWITCHBOARD_PUBLIC_URL: url,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    ...env,
  };
  const created = restartOf
    ? restartOf.adminKey
    : execFileSync(
        process.execPath,
        [
          "--import",
          "tsx",
          path.join(root, "scripts", "create-account.ts"),
          "--email",
          "admin@own.test",
          "--password",
          "own-admin-password",
          "--role",
          "admin",
          "--api-key",
        ],
        { cwd: root, env: serverEnv, encoding: "utf8" },
      );
  const adminKey = created.trim().split("\n").at(-1)?.trim() ?? "";
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    { cwd: root, env: serverEnv, stdio: ["ignore", "ignore", "inherit"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // However the test ends (a hook timing out, the worker torn down), the server does not outlive it.
  const orphanGuard = () => child.kill("SIGKILL");
  process.once("exit", orphanGuard);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const up = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("next start did not answer /api/health within 60 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    adminKey,
    databaseFile: path.join(dir, "switchboard.db"),
    async stop() {
      process.off("exit", orphanGuard);
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      process.off("exit", orphanGuard);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}
