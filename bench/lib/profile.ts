// Where an assignment's time goes: statements per assignment with their SQLite (driver) time and the time spent
// before each in Prisma and the engine; and a CPU profile of the same loop summarised by who burns the CPU.
import { Session } from "node:inspector/promises";
import type { TracedStatement } from "./prisma-clients";
import { round } from "./stats";

/** "SELECT Agent", "UPDATE Conversation SET lastSeq", "INSERT Event", "BEGIN", "COMMIT" … */
export function statementLabel(sql: string): string {
  const s = sql
    .replace(/`main`\./g, "")
    .replace(/`/g, "")
    .trim();
  let m = /^INSERT INTO (\w+)/i.exec(s);
  if (m) return `INSERT ${m[1]}`;
  m = /^UPDATE (\w+) SET (\w+)/i.exec(s);
  if (m) return `UPDATE ${m[1]} SET ${m[2]}${/ WHERE .*version/i.test(s) ? " (version check)" : ""}`;
  m = /^DELETE FROM (\w+)/i.exec(s);
  if (m) return `DELETE ${m[1]}`;
  m = /^SELECT .*? FROM (\w+)(?:.*? JOIN (\w+))?/is.exec(s);
  if (m) return `SELECT ${m[1]}${m[2] ? `+${m[2]}` : ""}`;
  return s.split(/\s+/)[0].toUpperCase();
}

export interface StatementRow {
  statement: string;
  perAssignment: number;
  driverUs: number;
  /** Mean time between the previous statement's end (or the call's start) and this statement's start. */
  beforeUs: number;
}

export interface StatementProfile {
  assignments: number;
  wallMsPerAssignment: number;
  statementsPerAssignment: number;
  driverMsPerAssignment: number;
  /** BEGIN's start to the end of COMMIT. */
  transactionMsPerAssignment: number;
  /** Wall time minus driver time: Prisma (query building, result mapping, transaction bookkeeping) and the engine. */
  outsideSqliteShare: number;
  statements: StatementRow[];
}

/**
 * `warmup` calls untraced, then `n` sequential calls of `one` with every statement recorded in `trace` (a traced
 * client already installed), analysed; the trace is emptied after, so later work is not counted.
 */
export async function traceSequentialCalls(
  trace: TracedStatement[],
  one: () => Promise<unknown>,
  warmup: number,
  n: number,
): Promise<StatementProfile> {
  for (let w = 0; w < warmup; w++) await one();
  trace.length = 0;
  const calls: { start: number; end: number }[] = [];
  for (let k = 0; k < n; k++) {
    const start = performance.now();
    await one();
    calls.push({ start, end: performance.now() });
  }
  const profile = analyseTrace(trace, calls);
  trace.length = 0;
  return profile;
}

export function analyseTrace(trace: TracedStatement[], calls: { start: number; end: number }[]): StatementProfile {
  const rows = new Map<string, { n: number; driver: number; before: number; order: number }>();
  let wall = 0;
  let driver = 0;
  let statements = 0;
  let transaction = 0;
  let cursor = 0;
  for (const call of calls) {
    wall += call.end - call.start;
    let previousEnd = call.start;
    let begin = Number.NaN;
    let order = 0;
    while (cursor < trace.length && trace[cursor].start < call.start) cursor++;
    for (; cursor < trace.length && trace[cursor].start < call.end; cursor++) {
      const entry = trace[cursor];
      const label = statementLabel(entry.sql);
      const row = rows.get(label) ?? { n: 0, driver: 0, before: 0, order: order };
      row.n++;
      row.driver += entry.ms;
      row.before += entry.start - previousEnd;
      rows.set(label, row);
      previousEnd = entry.start + entry.ms;
      driver += entry.ms;
      statements++;
      order++;
      if (label === "BEGIN") begin = entry.start;
      if (label === "COMMIT" && Number.isFinite(begin)) transaction += previousEnd - begin;
    }
  }
  const n = calls.length;
  return {
    assignments: n,
    wallMsPerAssignment: round(wall / n),
    statementsPerAssignment: round(statements / n, 1),
    driverMsPerAssignment: round(driver / n),
    transactionMsPerAssignment: round(transaction / n),
    outsideSqliteShare: round(1 - driver / wall, 2),
    statements: [...rows.entries()]
      .sort((a, b) => a[1].order - b[1].order)
      .map(([statement, r]) => ({
        statement,
        perAssignment: round(r.n / n, 2),
        driverUs: Math.round((r.driver / r.n) * 1000),
        beforeUs: Math.round((r.before / r.n) * 1000),
      })),
  };
}

function category(url: string, functionName: string): string {
  if (functionName === "(idle)") return "idle";
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(program)") return "V8 / native (other)";
  if (url.includes("@prisma/adapter-better-sqlite3") || url.includes("@prisma/adapter-pg"))
    return "Prisma adapter (JS)";
  if (/\/node_modules\/pg(-[a-z-]+)?\//.test(url)) return "pg driver (JS)";
  if (url.includes("/@prisma/") || url.includes("/generated/prisma/")) return "Prisma client runtime (JS)";
  if (url.includes("/better-sqlite3/")) return "better-sqlite3 (JS)";
  if (url === "" && ["Statement", "prepare"].includes(functionName)) return "SQLite: prepare statement";
  if (url === "" && ["all", "run", "get", "iterate", "raw", "bind", "columns"].includes(functionName))
    return "SQLite: execute";
  if (url.includes("/lib/") && !url.includes("node_modules")) return "engine (lib/**)";
  if (url.startsWith("node:") || url === "") return "Node internals";
  return "other";
}

/** CPU profile of `work`, self time summed per category, as shares of the total. */
export async function cpuProfile(work: () => Promise<void>): Promise<Record<string, number>> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  try {
    await work();
  } catch (error) {
    await session.post("Profiler.stop");
    session.disconnect();
    throw error;
  }
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byCategory = new Map<string, number>();
  let total = 0;
  profile.samples?.forEach((id, i) => {
    const node = nodes.get(id);
    const dt = profile.timeDeltas?.[i] ?? 0;
    if (!node) return;
    const key = category(node.callFrame.url, node.callFrame.functionName);
    byCategory.set(key, (byCategory.get(key) ?? 0) + dt);
    total += dt;
  });
  return Object.fromEntries(
    [...byCategory.entries()].sort((a, b) => b[1] - a[1]).map(([key, t]) => [key, round(t / total, 3)]),
  );
}
