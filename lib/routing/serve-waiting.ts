import { inTransaction } from "@/lib/engine/unit-of-work";
import { readNow } from "./apply-plan";
import { read } from "./reading";
import { retryWaiting, retryWaitingAtOnce } from "./retry-waiting";
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
  // Priority first (lower first), then oldest first. One statement: after most releases nothing waits at all, and
  // this read is then the sweep's whole cost (on SQLite, synchronous: a transfer pays it after its commit).
  const waiting = await readNow((source) => read(source.waitingIn(queueIds)));

  const saturated = new Set<string>();
  for (const { id, queueId } of waiting) {
    if (!queueId || saturated.has(queueId)) continue;
    const decision = await serveOne(id, queueId);
    // Nobody in the queue can take any more work: the rest of it waits for the next change.
    if (decision && !decision.winner && decision.freeMembers === 0) saturated.add(queueId);
  }
}

/** One more try for one waiting conversation: null when it has moved on meanwhile. */
async function serveOne(id: string, queueId: string): Promise<Decision | null> {
  // On SQLite, one synchronous transaction (ADR 013); elsewhere the same plan through Prisma.
  const fast = await retryWaitingAtOnce(id, queueId);
  if (fast) return fast.decision;
  return inTransaction((tx, fx) => retryWaiting(tx, fx, id, queueId));
}
