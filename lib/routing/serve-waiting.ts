import { fastPathConnection, getDb } from "@/lib/db/client";
import { lockKey, tryLockKey } from "@/lib/db/transaction";
import { crashPoint } from "@/lib/diagnostics/crash-point";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { logger } from "@/lib/logger";
import { retryWaitingSqlite } from "./retry-waiting-sqlite";
import { retryWaiting } from "./route-to-queue";
import type { Decision } from "./types";

/**
 * Gives waiting conversations another try after something changed (capacity
 * released, presence, a member added, a capacity edited). Queues are served by
 * priority (lower first), then oldest first. One pass runs at a time per
 * process; requests that arrive meanwhile are merged into the next pass, so a
 * burst of presence changes costs one sweep, not one each. Several servers on
 * one database each sweep what they are told of (and, every few seconds, what
 * the safety sweep finds: safety-sweep.ts); they serve one conversation at a
 * time each (docs/decisions/012-timers-and-sweeps-across-instances.md).
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
  const heldElsewhere: { id: string; queueId: string }[] = [];
  const tryOne = async (id: string, queueId: string, ifHeld: IfHeld) => {
    const decision = await serveOneLogged(id, queueId, fast !== null, ifHeld);
    if (decision === "held") heldElsewhere.push({ id, queueId });
    // Nobody in the queue can take any more work: the rest of it waits for the next change.
    else if (decision && !decision.winner && decision.freeMembers === 0) saturated.add(queueId);
  };
  for (const { id, queueId } of waiting) {
    if (queueId && !saturated.has(queueId)) await tryOne(id, queueId, "skip");
  }
  // Another server was serving these as we came by, perhaps on what it read before the change that woke us: once it
  // is done (a few ms), look again rather than leave them to the next sweep.
  for (const { id, queueId } of heldElsewhere.splice(0)) {
    if (!saturated.has(queueId)) await tryOne(id, queueId, "wait");
  }
}

/** What to do with a conversation another server is serving: pass it by, or wait for that server to finish. */
type IfHeld = "skip" | "wait";

/**
 * A conversation that could not be served (a busy database, claims lost over and over) stays waiting for the next
 * sweep; the unit of work that woke this one has committed and must not fail for it.
 */
async function serveOneLogged(id: string, queueId: string, onFastPath: boolean, ifHeld: IfHeld) {
  try {
    return await serveOne(id, queueId, onFastPath, ifHeld);
  } catch (error) {
    logger.error({ err: error, conversationId: id, queueId }, "serving a waiting conversation failed");
    return null;
  }
}

/**
 * One more try for one waiting conversation: null when it has moved on meanwhile, "held" when another server is
 * serving it (and `ifHeld` is "skip").
 */
async function serveOne(
  id: string,
  queueId: string,
  onFastPath: boolean,
  ifHeld: IfHeld,
): Promise<Decision | "held" | null> {
  // The common case on SQLite, one synchronous transaction (ADR 003); a transferred conversation takes the general path.
  if (onFastPath) {
    const fast = await retryWaitingSqlite(id, queueId);
    if (fast === "moved") return null;
    if (fast) return fast;
  }
  return inTransaction(async (tx, fx) => {
    // One sweep serves a conversation at a time, whichever server it runs on (ADR 012); the claims below stay
    // compare-and-set regardless. On SQLite (one writer) the lock is always free.
    const key = `serve-waiting:${id}`;
    if (ifHeld === "wait") await lockKey(tx, key);
    else if (!(await tryLockKey(tx, key))) return "held";
    const conversation = await tx.conversation.findUnique({ where: { id } });
    if (conversation?.status !== "open" || conversation.queueId !== queueId) return null; // moved on meanwhile
    const queue = await tx.queue.findUniqueOrThrow({ where: { id: queueId } });
    const decision = await retryWaiting(tx, fx, conversation, queue);
    if (decision.winner) crashPoint("waiting-served");
    return decision;
  });
}
