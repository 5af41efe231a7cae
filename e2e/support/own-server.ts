import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseUrlFor, dropDatabase, onServer } from "../../lib/testing/postgres";
import { onPostgres } from "./database";
import { freePort } from "./free-port";

/**
 * A `next start` of its own, on a fresh database and a free port, started the way scripts/e2e-server.sh starts the
 * shared one (reusing its `.next` build) but with the environment a test chooses — e.g. small limits, which the
 * shared server must raise for everyone else. The database is of the suite's dialect: a SQLite file in .tmp/, or
 * when the suite runs on PostgreSQL a database of its own there, dropped when the server stops.
 */
export interface OwnServer {
  url: string;
  /** API key of the admin account made before the server started. */
  adminKey: string;
  /** The server's database, for checks that read it themselves (e2e/support/database.ts). */
  databaseUrl: string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would: nothing is closed or cleaned up, and the database stays for a restart. */
  kill(): Promise<void>;
}

/** What a restart on the same database needs: its folder, the database itself, the cookie secret. */
interface Kept {
  dir: string;
  database: { url: string; drop(): Promise<void> };
  secret: string;
  adminKey: string;
}
const kept = new WeakMap<OwnServer, Kept>();

const root = process.cwd();

/**
 * With `restartOf`, a server on that server's database (its accounts and data, its admin key), after it was
 * killed: the restart owns the database from then on (its `stop` drops it).
 */
export async function startOwnServer(
  name: string,
  env: Record<string, string>,
  { restartOf }: { restartOf?: OwnServer } = {},
): Promise<OwnServer> {
  const port = await freePort();
  const previous = restartOf ? kept.get(restartOf) : undefined;
  if (restartOf && !previous) throw new Error("restartOf: not a server startOwnServer started");
  const dir = previous?.dir ?? path.join(root, ".tmp", `own-${name}-${port}`);
  if (!previous) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  const url = `http://127.0.0.1:${port}`;
  const database = previous?.database ?? (await freshDatabase(name, port, dir));
  const secret = previous?.secret ?? randomBytes(32).toString("base64");
  const serverEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: database.url,
    // Required on PostgreSQL (lib/boot.ts); on SQLite it only spares writing a key file beside the database.
    BETTER_AUTH_SECRET: secret,
    SWITCHBOARD_PUBLIC_URL: url,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    ...env,
  };
  let child: ChildProcess | undefined;
  // However the test ends (a hook timing out, the worker torn down), the server does not outlive it.
  const orphanGuard = () => child?.kill("SIGKILL");
  process.once("exit", orphanGuard);
  const stop = async () => {
    process.off("exit", orphanGuard);
    const running = child;
    if (running && running.exitCode === null) {
      const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
      running.kill("SIGTERM");
      const timer = setTimeout(() => running.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const kill = async () => {
    process.off("exit", orphanGuard);
    const running = child;
    if (running && running.exitCode === null && running.signalCode === null) {
      const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
      running.kill("SIGKILL");
      await exited;
    }
  };
  try {
    const adminKey = previous?.adminKey ?? createAdmin(serverEnv);
    child = spawn(
      process.execPath,
      [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"],
      { cwd: root, env: serverEnv, stdio: ["ignore", "ignore", "inherit"] },
    );
    await answering(child, url);
    const server: OwnServer = { url, adminKey, databaseUrl: database.url, stop, kill };
    kept.set(server, { dir, database, secret, adminKey });
    return server;
  } catch (error) {
    await stop(); // a server that failed to start leaves no process and no database behind
    throw error;
  }
}

/** A SQLite file in the server's folder, or a PostgreSQL database of its own when the suite runs on PostgreSQL. */
async function freshDatabase(name: string, port: number, dir: string) {
  if (!onPostgres) return { url: `file:${path.join(dir, "switchboard.db")}`, drop: async () => {} };
  const database = `${process.env.E2E_POSTGRES_PREFIX ?? "sb_e2e_"}own_${name.toLowerCase().replace(/[^a-z0-9]/g, "_")}_${port}`;
  await dropDatabase(database); // left by a run that was killed
  await onServer(`CREATE DATABASE "${database}"`);
  return { url: databaseUrlFor(database), drop: () => dropDatabase(database) };
}

/** The admin account, made (and the database migrated) by the project's own script before the server starts. */
function createAdmin(serverEnv: NodeJS.ProcessEnv): string {
  const created = execFileSync(
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
  return created.trim().split("\n").at(-1)?.trim() ?? "";
}

async function answering(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const up = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    if (Date.now() > deadline) throw new Error("next start did not answer /api/health within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
