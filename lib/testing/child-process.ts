import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { crashAtVariable } from "@/lib/diagnostics/crash-point";

/**
 * Real processes for the tests that need more than one (several servers on one database, a server killed): a
 * TypeScript entry point run by Node with tsx as a loader, so the process a test kills is the engine itself.
 * Each child inherits this worker's environment (its DATABASE_URL included), logs silenced, plus `env`.
 */
export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Child {
  readonly process: ChildProcess;
  /** Resolves when the process has exited, however it ended. */
  readonly exited: Promise<ChildResult>;
  /** The first JSON line on stdout that `matches` (waiting for it), or a rejection if the process exits first. */
  message<T>(matches: (message: T) => boolean): Promise<T>;
  /** Every JSON line written to stdout so far. */
  messages<T>(): T[];
  /** Closes its stdin: the children of these tests take that as "finish and exit". */
  finish(): void;
}

const running = new Set<ChildProcess>();

/** Kills whatever a failed or timed-out test left running, so it cannot write into the next test's database. */
export function killChildren(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

/** Starts `script` (relative to the project) with `env` on top; `crashAt` sets SWITCHBOARD_TEST_CRASH_AT. */
export function spawnScript(script: string, env: Record<string, string> = {}, crashAt?: string): Child {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent", ...env };
  delete childEnv[crashAtVariable];
  if (crashAt) childEnv[crashAtVariable] = crashAt;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(process.cwd(), script)], {
    cwd: process.cwd(),
    env: childEnv,
  });
  running.add(child);

  let stdout = "";
  let stderr = "";
  const parsed: unknown[] = [];
  const waiters: { matches: (message: unknown) => boolean; resolve: (message: unknown) => void }[] = [];
  let partial = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk;
    partial += chunk;
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      const message = JSON.parse(line) as unknown;
      parsed.push(message);
      for (const waiter of waiters.filter((w) => w.matches(message))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk;
  });
  // A child killed before it read its stdin would otherwise fail our write with EPIPE.
  child.stdin.on("error", () => {});
  const exited = new Promise<ChildResult>((resolve) =>
    child.on("close", (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    }),
  );

  return {
    process: child,
    exited,
    message<T>(matches: (message: T) => boolean) {
      const seen = parsed.find((m) => matches(m as T));
      if (seen) return Promise.resolve(seen as T);
      return new Promise<T>((resolve, reject) => {
        waiters.push({ matches: matches as (message: unknown) => boolean, resolve: resolve as (m: unknown) => void });
        void exited.then((result) =>
          reject(new Error(`${script} exited (${result.signal ?? result.code}) first:\n${result.stderr}`)),
        );
      });
    },
    messages<T>() {
      return parsed as T[];
    },
    finish() {
      child.stdin.end();
    },
  };
}
