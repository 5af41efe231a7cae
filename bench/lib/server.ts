// The real production server (`next start`) on a fresh database, as scripts/e2e-server.sh starts it.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { benchDir, removeDatabase } from "./db";
import { sleep } from "./stats";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const noopRouteBuilt = (): boolean =>
  fs.existsSync(path.join(root, ".next", "server", "app", "api", "bench", "noop", "route.js"));

const built = () => fs.existsSync(path.join(root, ".next", "BUILD_ID")) && noopRouteBuilt();

/**
 * `next build` output must exist and include the no-op route; build it when it does not (as e2e-server.sh does).
 * When someone else's build is running (Next refuses a second one), wait for it and look again.
 */
export async function ensureBuild(log: (message: string) => void): Promise<void> {
  const deadline = performance.now() + 15 * 60_000;
  while (!built()) {
    if (process.env.BENCH_NO_BUILD) {
      throw new Error(
        "no `next build` output with app/api/bench/noop (BENCH_NO_BUILD is set): run `npx next build` first",
      );
    }
    log("no `next build` output with the no-op route: running `next build` (not timed)");
    const build = spawnSync(process.execPath, [nextBin, "build"], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status === 0) continue;
    if (/Another next build process is already running/.test(build.stderr) && performance.now() < deadline) {
      log("another `next build` is running here: waiting for it");
      await sleep(15_000);
      continue;
    }
    throw new Error(`next build failed:\n${build.stderr}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The bench plays every customer from 127.0.0.1, so its servers raise the per-address limits out of the way (the
 * report says so): the figures measure routing, not the rate limiter refusing one address.
 */
export const raisedLimits = {
  SWITCHBOARD_LIMIT_STARTS_PER_MINUTE: "100000000",
  SWITCHBOARD_LIMIT_STREAMS_PER_CONVERSATION: "1000000",
  SWITCHBOARD_LIMIT_STREAMS_PER_CLIENT: "100000000",
} as const;

export interface RunningServer {
  url: string;
  pid: number;
  databaseFile: string;
  /** API key of an admin account created before the server started (as scripts/e2e-server.sh does). */
  adminKey: string;
  /** Resident memory of the server process, MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", () => resolve(0));
    request.setTimeout(2_000, () => request.destroy());
  });
}

/** Starts `next start` on a free loopback port with a fresh database file (the server migrates it at boot). */
export async function startServer(name: string, log: (message: string) => void): Promise<RunningServer> {
  await ensureBuild(log);
  const port = await freePort();
  const dir = path.join(benchDir, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const databaseFile = path.join(dir, "switchboard.db");
  const url = `http://127.0.0.1:${port}`;
  // An admin account with an API key, made before the server starts (the script migrates the file first).
  const created = execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(root, "scripts", "create-account.ts"),
      "--email",
      "admin@bench.test",
      "--password",
      "bench-admin-password",
      "--role",
      "admin",
      "--name",
      "Bench admin",
      "--api-key",
    ],
    { cwd: root, env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, LOG_LEVEL: "warn" }, encoding: "utf8" },
  );
  const adminKey = created.trim().split("\n").at(-1)?.trim() ?? "";
  // BENCH_SERVER_NODE_ARGS="--trace-gc" (or --cpu-prof …) to look inside the server; its stdout is shown then.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, nextBin, "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: `file:${databaseFile}`,
        SWITCHBOARD_PUBLIC_URL: url,
        // The no-op baseline route (app/api/bench/noop) is a 404 unless a server turns it on; the bench's does.
        SWITCHBOARD_BENCH_ROUTES: "on",
        LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
        NEXT_TELEMETRY_DISABLED: "1",
        ...raisedLimits,
      },
      stdio: ["ignore", nodeArgs.length ? "inherit" : "ignore", "inherit"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = performance.now() + 60_000;
  while ((await get(`${url}/api/health`)) !== 200) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    if (performance.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("next start did not answer /api/health within 60 s");
    }
    await sleep(100);
  }
  const pid = child.pid as number;
  return {
    url,
    pid,
    databaseFile,
    adminKey,
    rssMiB() {
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
        return Math.round(kb / 1024);
      } catch {
        return Number.NaN;
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timeout = sleep(5_000).then(() => child.exitCode === null && child.kill("SIGKILL"));
        await Promise.race([exited, timeout]);
        await exited;
      }
    },
  };
}

export function removeServerDatabase(server: RunningServer): void {
  removeDatabase(server.databaseFile);
}

/** Small JSON client over a keep-alive agent; `defaultHeaders` go with every request (e.g. x-api-key). */
export function jsonClient(base: string, maxSockets = 64, defaultHeaders: Record<string, string> = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const send = (method: string, route: string, body?: unknown, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        `${base}${route}`,
        {
          method,
          agent,
          headers: {
            ...defaultHeaders,
            ...(payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
            ...headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk) => chunks.push(chunk));
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              // not JSON: keep the text
            }
            resolve({ status: response.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on("error", (error: NodeJS.ErrnoException) => {
        // The server closed an idle keep-alive socket just as we reused it: the request never reached it.
        if (req.reusedSocket && error.code === "ECONNRESET") resolve(send(method, route, body, headers));
        else reject(new Error(`${method} ${route}: ${error.message}`, { cause: error }));
      });
      if (payload) req.write(payload);
      req.end();
    });
  const request = send;
  return {
    request,
    async ok(method: string, route: string, body?: unknown, headers?: Record<string, string>) {
      const response = await request(method, route, body, headers);
      if (response.status >= 300)
        throw new Error(`${method} ${route} → ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
    close: () => agent.destroy(),
  };
}

export type JsonClient = ReturnType<typeof jsonClient>;

/**
 * A queue with members through the public API, as an administrator would set it up (`admin` carries the admin's
 * key). With `accounts`, every representative also gets a staff account with its own API key.
 */
export async function setupQueueOverHttp(
  client: JsonClient,
  options: { representatives: number; repCapacity: number; aiAgents: number; accounts?: boolean },
): Promise<{ queueId: string; representativeIds: string[]; representativeKeys: Map<string, string> }> {
  const queue = await client.ok("POST", "/api/queues", { name: "Bench queue", isDefault: true });
  const representativeIds: string[] = [];
  const representativeKeys = new Map<string, string>();
  for (let i = 0; i < options.aiAgents; i++) {
    const agent = await client.ok("POST", "/api/agents", {
      kind: "ai",
      botType: "builtin",
      name: `AI ${i + 1}`,
      capacity: 1,
    });
    await client.ok("PUT", `/api/queues/${queue.id}/members/${agent.id}`);
  }
  for (let i = 0; i < options.representatives; i++) {
    const agent = await client.ok("POST", "/api/agents", {
      kind: "human",
      name: `Rep ${i + 1}`,
      capacity: options.repCapacity,
      presence: "available",
    });
    await client.ok("PUT", `/api/queues/${queue.id}/members/${agent.id}`);
    representativeIds.push(agent.id);
    if (options.accounts) {
      const account = await client.ok("POST", "/api/accounts", {
        name: `Rep ${i + 1}`,
        email: `rep${i + 1}@bench.test`,
        password: "bench-rep-password",
        role: "representative",
        agentId: agent.id,
        apiKey: true,
      });
      representativeKeys.set(agent.id, account.apiKey);
    }
  }
  return { queueId: queue.id, representativeIds, representativeKeys };
}
