// 4. Growth: the cost of one assignment with few vs many members in the queue, and with few vs many stored
// conversations. Data is bulk-seeded with raw SQL; only single engine assignments on the prepared file are timed.
import fs from "node:fs";
import Database from "better-sqlite3";
import type { PrismaClient } from "@/generated/prisma/client";
import { startConversation } from "@/lib/conversations/start-conversation";
import type { BenchArgs } from "./config";
import { log, runAsMain } from "./lib/child";
import { invariantsOf, removeDatabase } from "./lib/db";
import { type CandidateRow, planAssignment, type QueueRow, SQL } from "./lib/hot-path-sql";
import { installTracedClient, type TracedStatement } from "./lib/prisma-clients";
import { type AgentSpec, seedClosedHistory, seedQueueWithMembers } from "./lib/seed";
import { median, round, type Summary, summarize } from "./lib/stats";

const NAME = "growth";

export interface GrowthCase {
  label: string;
  members: number;
  storedConversations: number;
  seedSeconds: number;
  fileMiB: number;
  /** Wall time of one startConversation (created and assigned), ms; A B A B blocks with the other case. */
  assignmentMs: Summary;
  /** Of which in SQLite (driver time of its statements), ms, mean. */
  sqliteMsMean: number;
  /** Size of the agent.assigned event's data (the stored explanation), bytes, mean. */
  assignedEventBytes: number;
  /** The pure part: decideAssignment over the members plus JSON of the explanation, no database, ms (median). */
  decisionMs: number;
}

export interface GrowthResult {
  members: [GrowthCase, GrowthCase];
  conversations: [GrowthCase, GrowthCase];
  /** Large case's median over the small case's. */
  membersGrowth: number;
  conversationsGrowth: number;
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
  decisionMs: number;
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
  return {
    label,
    members,
    stored,
    seedSeconds,
    fileMiB,
    file: seeded.file,
    queueId: seeded.queueId,
    decisionMs: timeDecision(seeded.file, seeded.queueId),
  };
}

/** decideAssignment on the queue's members as stored, plus the JSON of the explanation it yields (median of 15). */
function timeDecision(file: string, queueId: string): number {
  const db = new Database(file, { readonly: true });
  const queue = db.prepare(SQL.queue).get(queueId) as QueueRow;
  const rows = db.prepare(SQL.candidates).all(queueId) as CandidateRow[];
  db.close();
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    const plan = planAssignment({ customerName: "x", queueId }, queue, rows);
    JSON.stringify(plan?.events[2].data);
    times.push(performance.now() - start);
  }
  return round(median(times));
}

const globalForDb = globalThis as unknown as { switchboardDb?: PrismaClient };

/**
 * Times single assignments on two prepared files in alternating blocks (A B A B), each with its own warm engine
 * client, so that a machine whose load drifts during the run does not favour one side.
 */
async function measurePair(
  pair: [Prepared, Prepared],
  args: BenchArgs,
  violations: string[],
): Promise<[GrowthCase, GrowthCase]> {
  const { samples, warmup } = args.sizes.growth;
  const sides = [];
  for (const p of pair) {
    globalForDb.switchboardDb = undefined; // keep the other side's client connected
    const trace: TracedStatement[] = [];
    const client = await installTracedClient(p.file, trace);
    let i = 0;
    const one = () => startConversation({ customer: { name: `Customer ${i++}` }, queueId: p.queueId });
    for (let w = 0; w < warmup; w++) await one();
    trace.length = 0;
    sides.push({ p, trace, client, one, wall: [] as number[] });
  }
  const blocks = 4;
  for (let b = 0; b < blocks; b++) {
    const side = sides[b % 2];
    globalForDb.switchboardDb = side.client;
    const n = Math.ceil(samples / (blocks / 2));
    for (let k = 0; k < n; k++) {
      const start = performance.now();
      await side.one();
      side.wall.push(performance.now() - start);
    }
  }
  const results: GrowthCase[] = [];
  for (const side of sides) {
    await side.client.$disconnect();
    const { p } = side;
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
    const result: GrowthCase = {
      label: p.label,
      members: p.members,
      storedConversations: p.stored,
      seedSeconds: round(p.seedSeconds, 1),
      fileMiB: p.fileMiB,
      assignmentMs: summarize(side.wall),
      sqliteMsMean: round(side.trace.reduce((sum, t) => sum + t.ms, 0) / side.wall.length),
      assignedEventBytes: Math.round(bytes),
      decisionMs: p.decisionMs,
    };
    log(NAME, `${p.label}: p50 ${result.assignmentMs.p50} ms, p99 ${result.assignmentMs.p99} ms`);
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
    violations,
  };
}

runAsMain(module, NAME, measureGrowth);
