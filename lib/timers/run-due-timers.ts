import type { Timer } from "@/generated/prisma/client";
import { escalateFailedAgentInTransaction } from "@/lib/ai-agents/escalate-failed-agent";
import { now } from "@/lib/clock";
import { abandonInactiveConversation } from "@/lib/conversations/abandon-inactive-conversation";
import { closeInTransaction } from "@/lib/conversations/close-in-transaction";
import { getDb } from "@/lib/db/client";
import { dialectSql } from "@/lib/db/sql";
import type { Tx } from "@/lib/db/transaction";
import { crashPoint } from "@/lib/diagnostics/crash-point";
import { type Effects, inTransaction } from "@/lib/engine/unit-of-work";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics/registry";
import { overflowConversation } from "@/lib/routing/route-to-queue";
import { systemActor } from "@/lib/timeline/types";

/** How long a timer whose action failed unexpectedly waits before it is tried again. */
const RETRY_AFTER_MS = 5_000;

/**
 * Fires every timer that is due, each exactly once (docs/decisions/008-timers-exactly-once.md): the timer's row
 * is deleted in the same transaction as what it does (close the wrap-up, escalate for a silent bot, overflow), so
 * either both commit or neither — a crash in between leaves the row, and the next run fires it. Due times live in
 * the database, so a restart only delays them. What the action sets off beyond the database (live events,
 * deliveries to AI agents, serving waiting conversations) runs after that commit, as for every unit of work.
 *
 * Several servers on one database (docs/decisions/012-timers-and-sweeps-across-instances.md): where the dialect can
 * skip a row another transaction holds (PostgreSQL), each transaction claims the earliest due timer nobody else is
 * firing, so the servers' loops split the due timers between them. On SQLite (one writer) the due timers are listed
 * and claimed one by one; two loops racing for one row delete it once.
 */
export async function runDueTimers(at: Date = now(), limit = 200): Promise<number> {
  const claimNext = dialectSql().claimDueTimer;
  return claimNext ? runClaimingNext(claimNext, at, limit) : runListed(at, limit);
}

async function runListed(at: Date, limit: number): Promise<number> {
  const due = await getDb().timer.findMany({ where: { dueAt: { lte: at } }, orderBy: { dueAt: "asc" }, take: limit });
  let fired = 0;
  for (const timer of due) {
    try {
      if (await fire(timer, at)) {
        fired++;
        countFired(timer);
      }
    } catch (error) {
      await setAside(timer, at, error);
    }
  }
  return fired;
}

function fire(timer: Timer, at: Date): Promise<boolean> {
  return inTransaction(async (tx, fx) => {
    // The claim: still due (a re-armed timer keeps its row with a later due time — not this one any more).
    const claimed = await tx.timer.deleteMany({ where: { id: timer.id, dueAt: { lte: at } } });
    if (claimed.count !== 1) return false;
    crashPoint("timer-claimed");
    return act(tx, fx, timer);
  });
}

/**
 * One transaction per timer, each claiming (deleting) the earliest due timer that no other transaction holds, then
 * acting on it. At most `limit` claims per run: a timer that keeps failing cannot keep one run going.
 */
async function runClaimingNext(claimNext: string, at: Date, limit: number): Promise<number> {
  // An idle tick costs one indexed read, as before, rather than an empty transaction.
  if (!(await getDb().timer.findFirst({ where: { dueAt: { lte: at } }, select: { id: true } }))) return 0;
  let fired = 0;
  for (let claims = 0; claims < limit; claims++) {
    let claimed: Timer | null = null;
    try {
      const outcome = await inTransaction(async (tx, fx) => {
        claimed = null; // a retried attempt claims afresh
        const [timer] = await tx.$queryRawUnsafe<Timer[]>(claimNext, at);
        claimed = timer ?? null; // kept for setAside, should the action fail
        if (!timer) return "none";
        crashPoint("timer-claimed");
        return (await act(tx, fx, timer)) ? timer : "moot";
      });
      if (outcome === "none") break;
      if (outcome !== "moot") {
        fired++;
        countFired(outcome);
      }
    } catch (error) {
      if (!claimed) throw error; // the claim itself failed: the database, not a timer — the loop logs it
      // Not set aside (the database refuses even that): it would be claimed again at once, so leave it to a later run.
      if (!(await setAside(claimed, at, error))) break;
    }
  }
  return fired;
}

/** After its commit: a `bot_reply` timer that fired is an AI agent that did not reply in time (it was escalated). */
function countFired(timer: Timer) {
  if (timer.kind === "bot_reply") metrics().botReplyTimeouts.inc();
}

/** What each kind of timer does, inside the claiming transaction. False: the conversation moved on; nothing to do. */
async function act(tx: Tx, fx: Effects, timer: Timer): Promise<boolean> {
  switch (timer.kind) {
    case "overflow": {
      const conversation = await tx.conversation.findUnique({
        where: { id: timer.conversationId },
        include: { queue: true },
      });
      // Only for the wait it was set for: the same queue, still configured to overflow.
      const setFor = (timer.data as { queueId?: string } | null)?.queueId;
      if (conversation?.status !== "open" || !conversation.queue || conversation.queueId !== setFor) return false;
      if (conversation.queue.overflowAction === "none") return false;
      const seconds = conversation.queue.overflowAfterSeconds;
      await overflowConversation(tx, fx, conversation, conversation.queue, `waited longer than ${seconds} s`);
      return true;
    }
    case "wrap_up": {
      const conversation = await tx.conversation.findUnique({ where: { id: timer.conversationId } });
      if (conversation?.status !== "wrap_up") return false;
      await closeInTransaction(tx, fx, conversation, { actor: systemActor, reason: "wrap-up timed out" });
      return true;
    }
    case "bot_reply":
    case "person_request": {
      // person_request: the customer asked for a person and the bot did not hand over (tell-ai-agent.ts).
      const agentId = (timer.data as { agentId?: string } | null)?.agentId;
      if (!agentId) return false;
      const why =
        timer.kind === "bot_reply" ? "did not reply in time" : "did not hand the customer to a person in time";
      return escalateFailedAgentInTransaction(tx, fx, timer.conversationId, agentId, why);
    }
    case "inactivity":
      return abandonInactiveConversation(tx, fx, timer.conversationId);
    default:
      return false; // an unknown kind (from a newer version?) is dropped by the claim
  }
}

/**
 * A timer whose transaction failed was rolled back, row and all. Refused by the domain (the conversation's state
 * forbids it), it is moot: drop it. Anything else may pass (a busy database): try again a little later rather
 * than on every tick. Either way only if it is still the same due timer. False when even that failed.
 */
async function setAside(timer: Timer, at: Date, error: unknown): Promise<boolean> {
  const moot = error instanceof AppError;
  if (!moot) logger.error({ err: error, timer }, "timer failed; it will be tried again");
  try {
    await inTransaction(async (tx) => {
      const same = { id: timer.id, dueAt: { lte: at } };
      if (moot) await tx.timer.deleteMany({ where: same });
      else await tx.timer.updateMany({ where: same, data: { dueAt: new Date(at.getTime() + RETRY_AFTER_MS) } });
    });
    return true;
  } catch (failure) {
    logger.error({ err: failure, timer }, "could not set a failed timer aside");
    return false;
  }
}
