// What the numbers were measured on: they mean nothing without it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

function version(pkg: string): string | null {
  try {
    // Read it from node_modules: some packages' export maps hide package.json from require.resolve.
    return JSON.parse(fs.readFileSync(path.join(process.cwd(), "node_modules", pkg, "package.json"), "utf8")).version;
  } catch {
    return null;
  }
}

function git(...args: string[]): string | null {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  sqlite: string;
  packages: Record<string, string | null>;
  commit: string | null;
  uncommittedChanges: boolean | null;
  loadAverageAtStart: number[];
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  const db = new Database(":memory:");
  const sqlite = (db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;
  db.close();
  const status = git("status", "--porcelain");
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite,
    packages: Object.fromEntries(
      ["next", "@prisma/client", "@prisma/adapter-better-sqlite3", "better-sqlite3", "autocannon"].map((p) => [
        p,
        version(p),
      ]),
    ),
    commit: git("rev-parse", "--short", "HEAD"),
    uncommittedChanges: status === null ? null : status.length > 0,
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}
