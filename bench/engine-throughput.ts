// 1. Engine throughput: conversations created and assigned per second, in-process, on a SQLite file in WAL mode,
// one queue of 50 representatives and 2 AI agents — beside the floor (raw better-sqlite3 writing the same rows),
// in alternating rounds on copies of the same database, plus the two prototypes of the proposed hot path.
// Then where the time goes: statement by statement, and a CPU profile.
import path from "node:path";
import Database from "better-sqlite3";
import { startConversation } from "@/lib/conversations/start-conversation";
import { disconnectDb } from "@/lib/db/client";
import type { BenchArgs } from "./config";
import { runFloor, type ThroughputResult } from "./floor";
import { log, runAsMain } from "./lib/child";
import { benchDir, invariantsOf, pointEngineAt, removeDatabase } from "./lib/db";
import { installTracedClient, type TracedStatement } from "./lib/prisma-clients";
import { cpuProfile, type StatementProfile, traceSequentialCalls } from "./lib/profile";
import { type AgentSpec, copyDatabase, seedQueueWithMembers } from "./lib/seed";
import { median, round, summarize } from "./lib/stats";
import { sharedConnectionStarter, startViaPrismaRaw } from "./prototype-hot-path";

const NAME = "engine";

type Variant = "floor" | "engine" | "rawPrisma" | "rawSharedConnection";

export interface EngineResult {
  setup: {
    representatives: number;
    aiAgents: number;
    method: string;
    concurrency: number;
    secondsPerRound: number;
    rounds: number;
  };
  rounds: Record<Variant, ThroughputResult>[];
  /** Median over rounds, per variant. */
  perSecond: Record<Variant, number>;
  /** Each variant's median throughput over the floor's. */
  ratioToFloor: Record<Variant, number>;
  /** Sequential engine calls traced statement by statement. */
  profile: StatementProfile;
  cpu: Record<string, number>;
  violations: string[];
}

/** Keeps `concurrency` calls in flight for `seconds`, after `warmup` sequential ones. */
export async function drive(
  start: (i: number) => Promise<unknown>,
  seconds: number,
  warmup: number,
  concurrency: number,
): Promise<ThroughputResult> {
  let n = 0;
  for (let i = 0; i < warmup; i++) await start(n++);
  const latencies: number[] = [];
  const begin = performance.now();
  const end = begin + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await start(n++);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - begin) / 1000;
  return {
    assignments: latencies.length,
    seconds: round(elapsed),
    perSecond: Math.round(latencies.length / elapsed),
    latencyMs: summarize(latencies),
  };
}

function check(file: string, variant: string, violations: string[]): void {
  for (const v of invariantsOf(file)) violations.push(`${variant}: ${v.rule} (${v.rows.length} rows)`);
  const db = new Database(file, { readonly: true });
  const { n: notAssigned } = db.prepare("SELECT COUNT(*) AS n FROM Conversation WHERE status != 'active'").get() as {
    n: number;
  };
  db.close();
  if (notAssigned > 0) violations.push(`${variant}: ${notAssigned} conversation(s) not assigned`);
}

export async function measureEngine(args: BenchArgs): Promise<EngineResult> {
  const s = args.sizes.engine;
  const specs: AgentSpec[] = [
    ...Array.from({ length: s.aiAgents }, (): AgentSpec => ({ kind: "ai", capacity: 1, presence: "available" })),
    // Capacity that never runs out during the run: every conversation is assigned, none waits.
    ...Array.from(
      { length: s.representatives },
      (): AgentSpec => ({ kind: "human", capacity: 10_000_000, presence: "available" }),
    ),
  ];
  const template = seedQueueWithMembers("engine-template", specs);
  const { queueId } = template;
  const violations: string[] = [];
  const rounds: Record<Variant, ThroughputResult>[] = [];
  const input = (i: number) => ({ customerName: `Customer ${i}`, queueId });

  const onCopy = async <T>(variant: string, round: number, body: (file: string) => Promise<T>): Promise<T> => {
    const file = copyDatabase(template.file, path.join(benchDir, `engine-${variant}-${round}.db`));
    try {
      const result = await body(file);
      await disconnectDb();
      check(file, variant, violations);
      return result;
    } finally {
      await disconnectDb();
      removeDatabase(file);
    }
  };

  for (let r = 1; r <= s.rounds; r++) {
    const floor = await onCopy("floor", r, async (file) => runFloor(file, queueId, s.seconds, s.warmup));
    log(NAME, `round ${r}: floor ${floor.perSecond}/s`);
    const engine = await onCopy("engine", r, async (file) => {
      await pointEngineAt(file);
      return drive(
        (i) => startConversation({ customer: { name: `Customer ${i}` }, queueId }),
        s.seconds,
        s.warmup,
        s.concurrency,
      );
    });
    log(NAME, `round ${r}: engine ${engine.perSecond}/s`);
    const rawPrisma = await onCopy("raw-prisma", r, async (file) => {
      await pointEngineAt(file);
      return drive((i) => startViaPrismaRaw(input(i)), s.seconds, s.warmup, s.concurrency);
    });
    log(NAME, `round ${r}: raw SQL through Prisma ${rawPrisma.perSecond}/s`);
    const rawSharedConnection = await onCopy("raw-shared", r, async (file) => {
      await pointEngineAt(file);
      const start = await sharedConnectionStarter();
      return drive((i) => start(input(i)), s.seconds, s.warmup, s.concurrency);
    });
    log(NAME, `round ${r}: raw SQL on the adapter's connection ${rawSharedConnection.perSecond}/s`);
    rounds.push({ floor, engine, rawPrisma, rawSharedConnection });
  }

  const variants: Variant[] = ["floor", "engine", "rawPrisma", "rawSharedConnection"];
  const perSecond = Object.fromEntries(variants.map((v) => [v, median(rounds.map((r) => r[v].perSecond))])) as Record<
    Variant,
    number
  >;
  const ratioToFloor = Object.fromEntries(variants.map((v) => [v, round(perSecond[v] / perSecond.floor)])) as Record<
    Variant,
    number
  >;

  // Where the time goes: sequential calls, every statement traced.
  const { profile, cpu } = await onCopy("profile", 0, async (file) => {
    const trace: TracedStatement[] = [];
    await installTracedClient(file, trace);
    let i = 0;
    const one = () => startConversation({ customer: { name: `Customer ${i++}` }, queueId });
    const profile = await traceSequentialCalls(trace, one, s.warmup, s.profileAssignments);
    const cpu = await cpuProfile(async () => {
      for (let k = 0; k < s.profileAssignments; k++) await one();
    });
    return { profile, cpu };
  });
  log(NAME, `profile: ${profile.statementsPerAssignment} statements, ${profile.wallMsPerAssignment} ms per assignment`);

  removeDatabase(template.file);
  return {
    setup: {
      representatives: s.representatives,
      aiAgents: s.aiAgents,
      method: "highest_capacity",
      concurrency: s.concurrency,
      secondsPerRound: s.seconds,
      rounds: s.rounds,
    },
    rounds,
    perSecond,
    ratioToFloor,
    profile,
    cpu,
    violations,
  };
}

runAsMain(module, NAME, measureEngine);
