// 4. Growth: the cost of one assignment with few vs many members in the queue, and with few vs many stored
// conversations. Data is bulk-seeded with raw SQL; only single engine assignments on the prepared file are timed.
import fs from "node:fs";
import Database from "better-sqlite3";
import type { PrismaClient } from "@/generated/prisma/client";
import { startConversation } from "@/lib/conversations/start-conversation";
import { disconnectDb } from "@/lib/db/client";
import type { BenchArgs } from "./config";
import { log, runAsMain } from "./lib/child";
import { invariantsOf, removeDatabase } from "./lib/db";
import { installTracedClient, type TracedStatement } from "./lib/prisma-clients";
import { type AgentSpec, seedClosedHistory, seedQueueWithMembers } from "./lib/seed";
import { round, type Summary, summarize } from "./lib/stats";

const NAME = "growth";

export interface GrowthCase {
  label: string;
  members: number;
  storedConversations: number;
  seedSeconds: number;
  fileMiB: number;
  /**
   * Wall time of one startConversation (created and assigned), ms, on the engine's own connection: the SQLite fast
   * path (ADR 003) that POST /api/conversations runs. A B A B blocks with the other case.
   */
  assignmentMs: Summary;
  /**
   * The same on the general Prisma path (what transfers and waiting conversations take, and every provider): a client
   * without the fast path's handle, tracing each statement at the driver. A B A B blocks too.
   */
  generalPathMs: Summary;
  /** Of the general path's time, in SQLite (driver time of its statements), ms, mean. */
  sqliteMsMean: number;
  /** Size of the agent.assigned event's data (the stored explanation), bytes, mean. */
  assignedEventBytes: number;
}

export interface GrowthResult {
  members: [GrowthCase, GrowthCase];
  conversations: [GrowthCase, GrowthCase];
  /** Large case's median over the small case's, fast path (the target is judged on it). */
  membersGrowth: number;
  conversationsGrowth: number;
  /** The same on the general Prisma path. */
  membersGrowthGeneral: number;
  conversationsGrowthGeneral: number;
  violations: string[];
}

const specsFor = (members: number): AgentSpec[] => [
  { kind: "ai", capacity: 1, presence: "available" },
  { kind: "ai", capacity: 1, presence: "available" },
  ...Array.from(
    { length: members - 2 },
    (): AgentSpec => ({ kind: "human", capacity: 10_000_000, presence: "available" }),
  ),
];

interface Prepared {
  label: string;
  members: number;
  stored: number;
  seedSeconds: number;
  fileMiB: number;
  file: string;
  queueId: string;
}

function prepare(label: string, members: number, stored: number): Prepared {
  const seedStart = performance.now();
  const seeded = seedQueueWithMembers(`growth-${label}`, specsFor(members));
  const reps = seeded.agentIds.slice(2);
  if (stored > 0)
    seedClosedHistory(seeded.file, seeded.queueId, reps, stored, (n) => log(NAME, `${label}: seeded ${n}`));
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const fileMiB = round(fs.statSync(seeded.file).size / 2 ** 20, 1);
  log(
    NAME,
    `${label}: ${members} members, ${stored} stored conversations seeded in ${seedSeconds.toFixed(1)} s (${fileMiB} MiB)`,
  );
  return { label, members, stored, seedSeconds, fileMiB, file: seeded.file, queueId: seeded.queueId };
}

const globalForDb = globalThis as unknown as { switchboardDb?: PrismaClient };

/**
 * One side of an A B A B comparison: `enter` makes it the engine's database (untimed), `one` is a single
 * assignment there.
 */
interface Side {
  enter(): Promise<void>;
  one(): Promise<unknown>;
  wall: number[];
  /** The general path's statements, traced at the driver; `sqliteMs` sums those of the timed calls. */
  trace?: TracedStatement[];
  sqliteMs: number;
}

/** Alternating blocks, so that a machine whose load drifts during the run does not favour one side. */
async function alternate(sides: [Side, Side], args: BenchArgs): Promise<void> {
  const { samples, warmup } = args.sizes.growth;
  for (const side of sides) {
    await side.enter();
    for (let w = 0; w < warmup; w++) await side.one();
  }
  const blocks = 4;
  for (let b = 0; b < blocks; b++) {
    const side = sides[b % 2];
    await side.enter();
    for (let w = 0; w < 3; w++) await side.one(); // statements re-prepared after a reconnect
    const n = Math.ceil(samples / (blocks / 2));
    const traced = side.trace?.length ?? 0;
    for (let k = 0; k < n; k++) {
      const start = performance.now();
      await side.one();
      side.wall.push(performance.now() - start);
    }
    side.sqliteMs += (side.trace ?? []).slice(traced).reduce((sum, t) => sum + t.ms, 0);
  }
}

/** The fast path: the engine's own connection to the side's file (DATABASE_URL, reconnected per block). */
function fastSide(p: Prepared): Side {
  let i = 0;
  return {
    async enter() {
      await disconnectDb(); // the other side's connection
      process.env.DATABASE_URL = `file:${p.file}`;
    },
    one: () => startConversation({ customer: { name: `Customer ${i++}` }, queueId: p.queueId }),
    wall: [],
    sqliteMs: 0,
  };
}

/** The general path: a traced client installed on globalThis, which has no handle for the fast path. */
async function generalSide(p: Prepared): Promise<Side & { client: PrismaClient }> {
  const trace: TracedStatement[] = [];
  const client = await installTracedClient(p.file, trace);
  let i = 0;
  return {
    client,
    async enter() {
      globalForDb.switchboardDb = client;
    },
    one: () => startConversation({ customer: { name: `Customer ${i++}` }, queueId: p.queueId }),
    wall: [],
    trace,
    sqliteMs: 0,
  };
}

async function measurePair(
  pair: [Prepared, Prepared],
  args: BenchArgs,
  violations: string[],
): Promise<[GrowthCase, GrowthCase]> {
  const fast: [Side, Side] = [fastSide(pair[0]), fastSide(pair[1])];
  await alternate(fast, args);
  await disconnectDb();
  const general = [await generalSide(pair[0]), await generalSide(pair[1])] as const;
  await alternate([general[0], general[1]], args);
  const results: GrowthCase[] = [];
  for (const [index, p] of pair.entries()) {
    await general[index].client.$disconnect();
    const db = new Database(p.file, { readonly: true });
    const { bytes } = db
      .prepare(
        `SELECT AVG(LENGTH(e.data)) AS bytes FROM Event e JOIN Conversation c ON c.id = e.conversationId
         WHERE e.type = 'agent.assigned' AND c.status = 'active'`,
      )
      .get() as { bytes: number };
    const open = (db.prepare("SELECT COUNT(*) AS n FROM Conversation WHERE status = 'open'").get() as { n: number }).n;
    db.close();
    if (open > 0) violations.push(`${p.label}: ${open} conversation(s) left waiting`);
    // The invariants read every conversation: on the million-row file that takes a while, but it is the point.
    for (const v of invariantsOf(p.file)) violations.push(`${p.label}: ${v.rule} (${v.rows.length} rows)`);
    removeDatabase(p.file);
    const general_ = general[index];
    const result: GrowthCase = {
      label: p.label,
      members: p.members,
      storedConversations: p.stored,
      seedSeconds: round(p.seedSeconds, 1),
      fileMiB: p.fileMiB,
      assignmentMs: summarize(fast[index].wall),
      generalPathMs: summarize(general_.wall),
      sqliteMsMean: round(general_.sqliteMs / general_.wall.length),
      assignedEventBytes: Math.round(bytes),
    };
    log(
      NAME,
      `${p.label}: fast path p50 ${result.assignmentMs.p50} ms, p99 ${result.assignmentMs.p99} ms; ` +
        `general path p50 ${result.generalPathMs.p50} ms`,
    );
    results.push(result);
  }
  globalForDb.switchboardDb = undefined;
  return results as [GrowthCase, GrowthCase];
}

export async function measureGrowth(args: BenchArgs): Promise<GrowthResult> {
  const g = args.sizes.growth;
  const violations: string[] = [];
  const engineMembers = 52; // as in the throughput measurement: 50 representatives and 2 AI agents
  const members = await measurePair(
    [prepare(`members-${g.members[0]}`, g.members[0], 0), prepare(`members-${g.members[1]}`, g.members[1], 0)],
    args,
    violations,
  );
  const conversations = await measurePair(
    [
      prepare(`stored-${g.conversations[0]}`, engineMembers, g.conversations[0]),
      prepare(`stored-${g.conversations[1]}`, engineMembers, g.conversations[1]),
    ],
    args,
    violations,
  );
  return {
    members,
    conversations,
    membersGrowth: round(members[1].assignmentMs.p50 / members[0].assignmentMs.p50, 2),
    conversationsGrowth: round(conversations[1].assignmentMs.p50 / conversations[0].assignmentMs.p50, 2),
    membersGrowthGeneral: round(members[1].generalPathMs.p50 / members[0].generalPathMs.p50, 2),
    conversationsGrowthGeneral: round(conversations[1].generalPathMs.p50 / conversations[0].generalPathMs.p50, 2),
    violations,
  };
}

runAsMain(module, NAME, measureGrowth);
