// 5. Drain: a long waiting line, then many representatives become available at once. How long until every
// conversation that fits is assigned, and does anyone get more than their capacity? Served oldest first?
import Database from "better-sqlite3";
import { setPresence } from "@/lib/agents/set-presence";
import { disconnectDb } from "@/lib/db/client";
import type { BenchArgs } from "./config";
import { log, runAsMain } from "./lib/child";
import { invariantsOf, pointEngineAt, removeDatabase } from "./lib/db";
import { type AgentSpec, seedQueueWithMembers, seedWaiting } from "./lib/seed";
import { round, sleep } from "./lib/stats";

const NAME = "drain";

export interface DrainResult {
  waiting: number;
  representatives: number;
  totalCapacity: number;
  /** All presence changes fired at once; each resolves after its after-commit serving of the queue. */
  presenceCallsSettledSeconds: number;
  /** From the presence burst to the last assignment (its Participant.joinedAt). */
  allAssignedSeconds: number;
  firstAssignmentSeconds: number;
  assigned: number;
  assignmentsPerSecond: number;
  overCapacity: { agentId: string; capacity: number; held: number }[];
  servedOldestFirst: boolean;
  violations: string[];
}

export async function measureDrain(args: BenchArgs): Promise<DrainResult> {
  const d = args.sizes.drain;
  const specs = Array.from(
    { length: d.representatives },
    (_, i): AgentSpec => ({ kind: "human", capacity: d.capacities[i % d.capacities.length], presence: "offline" }),
  );
  const seeded = seedQueueWithMembers("drain", specs);
  seedWaiting(seeded.file, seeded.queueId, seeded.queueName, d.waiting);
  const totalCapacity = specs.reduce((sum, s) => sum + s.capacity, 0);
  const expected = Math.min(totalCapacity, d.waiting);
  log(
    NAME,
    `${d.waiting} waiting, ${d.representatives} representatives (capacity ${totalCapacity}) going available at once`,
  );

  await pointEngineAt(seeded.file);
  const reader = new Database(seeded.file, { readonly: true });
  const countAssigned = reader.prepare("SELECT COUNT(*) AS n FROM Participant WHERE leftAt IS NULL");
  const t0 = Date.now();
  const start = performance.now();
  const results = await Promise.allSettled(seeded.agentIds.map((id) => setPresence(id, "available")));
  const settled = (performance.now() - start) / 1000;
  const violations: string[] = [];
  for (const r of results) if (r.status === "rejected") violations.push(`setPresence failed: ${r.reason}`);
  // Anything still in flight (it should not be: each call waits for the serving it triggered).
  const deadline = performance.now() + d.timeoutSeconds * 1000;
  while ((countAssigned.get() as { n: number }).n < expected && performance.now() < deadline) await sleep(20);
  await disconnectDb();

  const assigned = (countAssigned.get() as { n: number }).n;
  const { first, last } = reader
    .prepare("SELECT MIN(joinedAt) AS first, MAX(joinedAt) AS last FROM Participant WHERE leftAt IS NULL")
    .get() as { first: string | null; last: string | null };
  const overCapacity = reader
    .prepare(
      `SELECT a.id AS agentId, a.capacity, COUNT(p.id) AS held FROM Agent a
       JOIN Participant p ON p.agentId = a.id AND p.leftAt IS NULL
       GROUP BY a.id HAVING COUNT(p.id) > a.capacity OR a.usedCapacity > a.capacity`,
    )
    .all() as DrainResult["overCapacity"];
  // Oldest first: nobody still waiting was queued before any conversation that got an agent.
  const { newestAssigned, oldestWaiting } = reader
    .prepare(
      `SELECT (SELECT MAX(e.createdAt) FROM Event e JOIN Conversation c ON c.id = e.conversationId
                WHERE c.status = 'active' AND e.seq = 1) AS newestAssigned,
              (SELECT MIN(queuedAt) FROM Conversation WHERE status = 'open') AS oldestWaiting`,
    )
    .get() as { newestAssigned: string | null; oldestWaiting: string | null };
  reader.close();
  const servedOldestFirst = !newestAssigned || !oldestWaiting || newestAssigned <= oldestWaiting;

  if (assigned !== expected) violations.push(`${assigned} assigned, expected ${expected} (every unit of capacity)`);
  for (const o of overCapacity) violations.push(`agent ${o.agentId} holds ${o.held} with capacity ${o.capacity}`);
  if (!servedOldestFirst) violations.push("a newer conversation was assigned while an older one still waits");
  for (const v of invariantsOf(seeded.file)) violations.push(`${v.rule} (${v.rows.length} rows)`);
  removeDatabase(seeded.file);

  const allAssignedSeconds = last ? (Date.parse(last) - t0) / 1000 : Number.NaN;
  const result: DrainResult = {
    waiting: d.waiting,
    representatives: d.representatives,
    totalCapacity,
    presenceCallsSettledSeconds: round(settled),
    allAssignedSeconds: round(allAssignedSeconds),
    firstAssignmentSeconds: round(first ? (Date.parse(first) - t0) / 1000 : Number.NaN),
    assigned,
    assignmentsPerSecond: Math.round(assigned / allAssignedSeconds),
    overCapacity,
    servedOldestFirst,
    violations,
  };
  log(NAME, `${assigned}/${expected} assigned in ${result.allAssignedSeconds} s; violations: ${violations.length}`);
  return result;
}

runAsMain(module, NAME, measureDrain);
