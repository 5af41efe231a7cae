import { fastPathConnection, getDb } from "@/lib/db/client";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { retryWaitingSqlite } from "./retry-waiting-sqlite";
import { retryWaiting } from "./route-to-queue";
import type { Decision } from "./types";

/**
 * Gives waiting conversations another try after something changed (capacity
 * released, presence, a member added, a capacity edited). Queues are served by
 * priority (lower first), then oldest first. One pass runs at a time per
 * process; requests that arrive meanwhile are merged into the next pass, so a
 * burst of presence changes costs one sweep, not one each.
 */
const pending = new Set<string>();
let running: Promise<void> | null = null;

export function serveWaiting(queueIds: Iterable<string>): Promise<void> {
  for (const id of queueIds) pending.add(id);
  if (pending.size === 0) return Promise.resolve();
  running ??= drain().finally(() => {
    running = null;
  });
  return running;
}

async function drain(): Promise<void> {
  while (pending.size > 0) {
    const queueIds = [...pending];
    pending.clear();
    await servePass(queueIds);
  }
}

async function servePass(queueIds: string[]): Promise<void> {
  const db = getDb();
  const queues = await db.queue.findMany({ where: { id: { in: queueIds } } });
  const priority = new Map(queues.map((q) => [q.id, q.priority]));
  const waiting = await db.conversation.findMany({
    where: { status: "open", queueId: { in: queueIds } },
    select: { id: true, queueId: true, queuedAt: true },
    orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
  });
  // Stable sort keeps oldest-first within the same priority.
  waiting.sort((a, b) => (priority.get(a.queueId ?? "") ?? 0) - (priority.get(b.queueId ?? "") ?? 0));

  const fast = await fastPathConnection();
  const saturated = new Set<string>();
  for (const { id, queueId } of waiting) {
    if (!queueId || saturated.has(queueId)) continue;
    const decision = await serveOne(id, queueId, fast !== null);
    // Nobody in the queue can take any more work: the rest of it waits for the next change.
    if (decision && !decision.winner && decision.freeMembers === 0) saturated.add(queueId);
  }
}

/** One more try for one waiting conversation: null when it has moved on meanwhile. */
async function serveOne(id: string, queueId: string, onFastPath: boolean): Promise<Decision | null> {
  // The common case on SQLite, one synchronous transaction (ADR 003); a transferred conversation takes the general path.
  if (onFastPath) {
    const fast = await retryWaitingSqlite(id, queueId);
    if (fast === "moved") return null;
    if (fast) return fast;
  }
  return inTransaction(async (tx, fx) => {
    const conversation = await tx.conversation.findUnique({ where: { id } });
    if (conversation?.status !== "open" || conversation.queueId !== queueId) return null; // moved on meanwhile
    const queue = await tx.queue.findUniqueOrThrow({ where: { id: queueId } });
    return retryWaiting(tx, fx, conversation, queue);
  });
}
