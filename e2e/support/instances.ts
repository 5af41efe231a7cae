import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { databaseUrlFor, dropDatabase, onServer } from "../../lib/testing/postgres";
import { freePort } from "./free-port";

/**
 * Several `next start` instances over one fresh PostgreSQL database of their own, as production runs them
 * (scripts/start-instances.sh): the same build, the same BETTER_AUTH_SECRET, each on a free port. The first one
 * migrates the empty database at start, as a server does on an upgrade; the admin account is made after it
 * (scripts/create-account.ts). Needs the PostgreSQL server of lib/testing/postgres.ts (TEST_POSTGRES_URL, default
 * 127.0.0.1:5432 as postgres) and a `next build`.
 */
export interface Instance {
  url: string;
  /** The server's process id: its LISTEN session is named after it (`switchboard-bus <pid>` in pg_stat_activity). */
  pid: number;
}

export interface Instances {
  instances: Instance[];
  /** API key of the admin account. */
  adminKey: string;
  databaseUrl: string;
  /** Runs one statement on the instances' database (checks, and faults such as pg_terminate_backend). */
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Stops every instance and drops the database. */
  stop(): Promise<void>;
}

const root = process.cwd();
const run = promisify(execFile);

/** The environment of scripts/e2e-server.sh that every test server shares (limits raised: all clients are 127.0.0.1). */
const testEnvironment = {
  NODE_ENV: "production" as const,
  TIMER_INTERVAL_MS: "100",
  AUTH_RATE_LIMIT: "off",
  SWITCHBOARD_BOT_HOSTS: "127.0.0.1,localhost",
  SWITCHBOARD_LIMIT_STARTS_PER_MINUTE: "1000000",
  SWITCHBOARD_LIMIT_STREAMS_PER_CONVERSATION: "100000",
  SWITCHBOARD_LIMIT_STREAMS_PER_CLIENT: "1000000",
  SWITCHBOARD_SIGNIN_FAILURES_PER_ADDRESS: "1000000",
  LOG_LEVEL: "warn",
  NEXT_TELEMETRY_DISABLED: "1",
};

async function startOne(port: number, env: NodeJS.ProcessEnv, children: ChildProcess[]): Promise<Instance> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    { cwd: root, env: { ...env, SWITCHBOARD_PUBLIC_URL: url }, stdio: ["ignore", "ignore", "inherit"] },
  );
  children.push(child);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start on port ${port} exited with ${child.exitCode}`);
    const up = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return { url, pid: child.pid as number };
    if (Date.now() > deadline) throw new Error(`next start on port ${port} did not answer /api/health within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function startInstances(
  name: string,
  count: number,
  env: Record<string, string> = {},
): Promise<Instances> {
  // E2E_PG_PREFIX lets runs that share a PostgreSQL server keep to names of their own.
  const database = `${process.env.E2E_PG_PREFIX ?? "switchboard_e2e"}_${name}_${process.pid}_${Date.now().toString(36)}`;
  await onServer(`CREATE DATABASE "${database}"`);
  const databaseUrl = databaseUrlFor(database);
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...testEnvironment,
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64"),
    ...env,
  };
  const children: ChildProcess[] = [];
  // However the test ends (a hook timing out, the worker torn down), the servers do not outlive it.
  const orphanGuard = () => {
    for (const child of children) child.kill("SIGKILL");
  };
  process.once("exit", orphanGuard);
  const stop = async () => {
    process.off("exit", orphanGuard);
    await Promise.all(children.map(stopChild));
    await dropDatabase(database);
  };
  try {
    const ports = await Promise.all(Array.from({ length: count }, freePort));
    const first = await startOne(ports[0], serverEnv, children); // migrates the empty database
    const [created, ...others] = await Promise.all([
      run(
        process.execPath,
        [
          "--import",
          "tsx",
          path.join(root, "scripts", "create-account.ts"),
          "--email",
          `admin@${name}.test`,
          "--password",
          "instances-admin-password",
          "--role",
          "admin",
          "--api-key",
        ],
        { cwd: root, env: serverEnv, encoding: "utf8" },
      ),
      ...ports.slice(1).map((port) => startOne(port, serverEnv, children)),
    ]);
    const adminKey = String(created.stdout).trim().split("\n").at(-1)?.trim() ?? "";
    return {
      instances: [first, ...(others as Instance[])],
      adminKey,
      databaseUrl,
      async query(sql, params) {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        try {
          return (await client.query(sql, params)).rows;
        } finally {
          await client.end();
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
