import { lockKey, tryLockKey } from "@/lib/db/transaction";
import { crashPoint } from "@/lib/diagnostics/crash-point";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { logger } from "@/lib/logger";
import { readNow } from "./apply-plan";
import { read } from "./reading";
import { retryWaiting, retryWaitingAtOnce } from "./retry-waiting";
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
  // Priority first (lower first), then oldest first. One statement: after most releases nothing waits at all, and
  // this read is then the sweep's whole cost (on SQLite, synchronous: a transfer pays it after its commit).
  const waiting = await readNow((source) => read(source.waitingIn(queueIds)));

  const saturated = new Set<string>();
  const heldElsewhere: { id: string; queueId: string }[] = [];
  const tryOne = async (id: string, queueId: string, ifHeld: IfHeld) => {
    const decision = await serveOneLogged(id, queueId, ifHeld);
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
async function serveOneLogged(id: string, queueId: string, ifHeld: IfHeld) {
  try {
    return await serveOne(id, queueId, ifHeld);
  } catch (error) {
    logger.error({ err: error, conversationId: id, queueId }, "serving a waiting conversation failed");
    return null;
  }
}

/**
 * One more try for one waiting conversation: null when it has moved on meanwhile, "held" when another server is
 * serving it (and `ifHeld` is "skip").
 */
async function serveOne(id: string, queueId: string, ifHeld: IfHeld): Promise<Decision | "held" | null> {
  // On SQLite, one synchronous transaction (ADR 013): one writer, so no other sweep can hold it meanwhile.
  const atOnce = await retryWaitingAtOnce(id, queueId);
  if (atOnce) return atOnce.decision;
  return inTransaction(async (tx, fx) => {
    // One sweep serves a conversation at a time, whichever server it runs on (ADR 012); the claims of the plan stay
    // compare-and-set regardless.
    const key = `serve-waiting:${id}`;
    if (ifHeld === "wait") await lockKey(tx, key);
    else if (!(await tryLockKey(tx, key))) return "held";
    const decision = await retryWaiting(tx, fx, id, queueId); // null: moved on meanwhile
    if (decision?.winner) crashPoint("waiting-served");
    return decision;
  });
}
