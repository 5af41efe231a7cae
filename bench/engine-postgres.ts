// Engine throughput on PostgreSQL: the shape of engine-throughput.ts (one queue, 2 AI agents, 50 representatives whose
// capacity never runs out, startConversation in-process with the same calls in flight) on fresh PostgreSQL databases,
// beside the floor of floor-postgres.ts (raw `pg`, the same rows, the same concurrency), in alternating rounds on
// copies of one seeded template. Then where the time goes: sequential calls traced statement by statement (each
// statement's round trip), a `SELECT 1` round trip for scale, and a CPU profile of this process (idle = waiting for
// PostgreSQL). Needs a PostgreSQL server (TEST_POSTGRES_URL, default 127.0.0.1:5432); every database is dropped after.
import pg from "pg";
import { startConversation } from "@/lib/conversations/start-conversation";
import { disconnectDb } from "@/lib/db/client";
import { checkDatabaseInvariants } from "@/lib/diagnostics/invariants";
import type { BenchArgs } from "./config";
import { drive } from "./engine-throughput";
import type { ThroughputResult } from "./floor";
import { assignOnPool } from "./floor-postgres";
import { log, runAsMain } from "./lib/child";
import {
  copyPostgres,
  dropDatabase,
  installTracedPostgresClient,
  type PgSeeded,
  pointEngineAtPostgres,
  requirePostgres,
  roundTripUs,
  seedPostgresQueue,
} from "./lib/postgres";
import type { TracedStatement } from "./lib/prisma-clients";
import { cpuProfile, type StatementProfile, traceSequentialCalls } from "./lib/profile";
import type { AgentSpec } from "./lib/seed";
import { median, round } from "./lib/stats";

const NAME = "enginePg";

type Variant = "floor" | "engine";

export interface EnginePostgresResult {
  setup: {
    representatives: number;
    aiAgents: number;
    method: string;
    concurrency: number;
    poolSize: number;
    secondsPerRound: number;
    rounds: number;
  };
  rounds: Record<Variant, ThroughputResult>[];
  perSecond: Record<Variant, number>;
  ratioToFloor: number;
  /** Sequential engine calls traced statement by statement; "driver" time = each statement's whole round trip. */
  profile: StatementProfile;
  /** Median `SELECT 1` round trip on its own connection, µs. */
  roundTripUs: number;
  /** CPU profile of this process over sequential calls: "idle" is time spent waiting for PostgreSQL. */
  cpu: Record<string, number>;
  /**
   * CPU time this process spent per sequential assignment (user + system, process.cpuUsage), engine vs floor: on a
   * loaded machine the profile's non-idle share counts time the process was runnable but not running; this does not.
   */
  clientCpuMsPerAssignment: { engine: number; floor: number };
  violations: string[];
}

/** pg's default pool size, which Prisma's pg adapter keeps (lib/db/client.ts): the floor gets the same. */
const POOL_SIZE = 10;

async function check(db: PgSeeded, variant: string, violations: string[]): Promise<void> {
  for (const v of await checkDatabaseInvariants(db.url))
    violations.push(`${variant}: ${v.rule} (${v.rows.length} rows)`);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT COUNT(*)::int AS n FROM "Conversation" WHERE "status" != 'active'`);
    if (rows[0].n > 0) violations.push(`${variant}: ${rows[0].n} conversation(s) not assigned`);
  } finally {
    await client.end();
  }
}

export async function measureEnginePostgres(args: BenchArgs): Promise<EnginePostgresResult> {
  const s = args.sizes.engine; // the same sizes as on SQLite: the same shape, another database
  await requirePostgres();
  const specs: AgentSpec[] = [
    ...Array.from({ length: s.aiAgents }, (): AgentSpec => ({ kind: "ai", capacity: 1, presence: "available" })),
    // Capacity that never runs out during the run: every conversation is assigned, none waits.
    ...Array.from(
      { length: s.representatives },
      (): AgentSpec => ({ kind: "human", capacity: 10_000_000, presence: "available" }),
    ),
  ];
  const template = await seedPostgresQueue("engine_tpl", specs);
  const { queueId } = template;
  const violations: string[] = [];
  const rounds: Record<Variant, ThroughputResult>[] = [];

  const onCopy = async <T>(variant: string, body: (db: PgSeeded) => Promise<T>): Promise<T> => {
    const db = await copyPostgres(template, variant);
    try {
      const result = await body(db);
      await disconnectDb();
      await check(db, variant, violations);
      return result;
    } finally {
      await disconnectDb();
      await dropDatabase(db.database);
    }
  };

  try {
    for (let r = 1; r <= s.rounds; r++) {
      const floor = await onCopy("floor", async (db) => {
        const pool = new pg.Pool({ connectionString: db.url, max: POOL_SIZE });
        try {
          return await drive(
            async (i) => {
              if (!(await assignOnPool(pool, { customerName: `Customer ${i}`, queueId }))) {
                throw new Error("floor: nobody eligible (capacity too small for the run?)");
              }
            },
            s.seconds,
            s.warmup,
            s.concurrency,
          );
        } finally {
          await pool.end();
        }
      });
      log(NAME, `round ${r}: floor (raw pg) ${floor.perSecond}/s`);
      const engine = await onCopy("engine", async (db) => {
        await pointEngineAtPostgres(db.url);
        return drive(
          (i) => startConversation({ customer: { name: `Customer ${i}` }, queueId }),
          s.seconds,
          s.warmup,
          s.concurrency,
        );
      });
      log(NAME, `round ${r}: engine ${engine.perSecond}/s`);
      rounds.push({ floor, engine });
    }
    const perSecond = {
      floor: median(rounds.map((r) => r.floor.perSecond)),
      engine: median(rounds.map((r) => r.engine.perSecond)),
    };

    // Where the time goes: sequential calls, every statement's round trip traced, then a CPU profile.
    const { profile, cpu, rtt, clientCpu } = await onCopy("profile", async (db) => {
      const trace: TracedStatement[] = [];
      await installTracedPostgresClient(db.url, trace);
      let i = 0;
      const one = () => startConversation({ customer: { name: `Customer ${i++}` }, queueId });
      const profile = await traceSequentialCalls(trace, one, s.warmup, s.profileAssignments);
      const cpuMs = async (work: () => Promise<unknown>) => {
        const before = process.cpuUsage();
        for (let k = 0; k < s.profileAssignments; k++) await work();
        const used = process.cpuUsage(before);
        return round((used.user + used.system) / 1000 / s.profileAssignments);
      };
      const engineCpu = await cpuMs(one);
      const pool = new pg.Pool({ connectionString: db.url, max: POOL_SIZE });
      let f = 0;
      const floorCpu = await cpuMs(() => assignOnPool(pool, { customerName: `Floor ${f++}`, queueId })).finally(() =>
        pool.end(),
      );
      trace.length = 0;
      const cpu = await cpuProfile(async () => {
        for (let k = 0; k < s.profileAssignments; k++) await one();
      });
      return { profile, cpu, rtt: await roundTripUs(db.url), clientCpu: { engine: engineCpu, floor: floorCpu } };
    });
    log(
      NAME,
      `profile: ${profile.statementsPerAssignment} statements, ${profile.wallMsPerAssignment} ms per assignment, ` +
        `${profile.driverMsPerAssignment} ms in round trips (SELECT 1: ${rtt} µs); client CPU ${clientCpu.engine} ms ` +
        `(floor ${clientCpu.floor} ms)`,
    );

    return {
      setup: {
        representatives: s.representatives,
        aiAgents: s.aiAgents,
        method: "highest_capacity",
        concurrency: s.concurrency,
        poolSize: POOL_SIZE,
        secondsPerRound: s.seconds,
        rounds: s.rounds,
      },
      rounds,
      perSecond,
      ratioToFloor: round(perSecond.engine / perSecond.floor),
      profile,
      roundTripUs: rtt,
      cpu,
      clientCpuMsPerAssignment: clientCpu,
      violations,
    };
  } finally {
    await dropDatabase(template.database);
  }
}

runAsMain(module, NAME, measureEnginePostgres);
