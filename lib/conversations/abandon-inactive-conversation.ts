import { addSeconds, now } from "@/lib/clock";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { appendEvent } from "@/lib/timeline/append-events";
import { systemActor } from "@/lib/timeline/types";
import { closeInTransaction } from "./close-in-transaction";
import { latest, presenceFrom, recordedPresence } from "./customer-presence";

/**
 * The inactivity timer fired (inside its claiming transaction: docs/decisions/008-timers-exactly-once.md). A
 * customer with no live stream who has not been seen nor written for the queue's time-out is gone: the
 * conversation ends as abandoned — whoever held it released (a representative keeps a wrap-up to do:
 * release-assignee.ts), the reason on the timeline. A customer still there, or seen since the timer was set,
 * moves the timer on instead. True when it ended the conversation.
 */
export async function abandonInactiveConversation(tx: Tx, fx: Effects, conversationId: string): Promise<boolean> {
  const at = now();
  const conversation = await tx.conversation.findUnique({ where: { id: conversationId }, include: { queue: true } });
  // Waiting or being served; in wrap-up the representative's own timer runs, and a closed one is done.
  if (!conversation || (conversation.status !== "open" && conversation.status !== "active")) return false;
  const seconds = conversation.queue?.inactivityTimeoutSeconds;
  if (!seconds) return false; // the queue's time-out was switched off (or it moved to a queue without one)

  const presence = presenceFrom(await tx.customerStream.findMany({ where: { conversationId } }), at);
  const lastMessage = await tx.message.findFirst({
    where: { conversationId, authorType: "customer" },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const lastActive = latest([presence.since, lastMessage?.createdAt, conversation.createdAt]) ?? at;
  const dueAt = presence.state === "connected" ? addSeconds(at, seconds) : addSeconds(lastActive, seconds);
  if (dueAt > at) {
    // The claim deleted the row; the same transaction puts it back for the next look.
    await tx.timer.create({ data: { conversationId, kind: "inactivity", dueAt } });
    return false;
  }

  // The timeline may still say "connected": the stream's server died with nobody to close it, and the lease ran out.
  if ((await recordedPresence(tx, conversationId)) === "connected") {
    await appendEvent(tx, fx, conversationId, {
      type: "customer.away",
      actor: systemActor,
      data: { lastSeenAt: presence.since?.toISOString() ?? null, why: "lease_expired" },
    });
  }
  await closeInTransaction(tx, fx, conversation, {
    actor: systemActor,
    reason: `customer inactive for ${describeSeconds(seconds)}`,
    leftReason: "customer_inactive",
    details: { cause: "customer_inactive", inactiveSeconds: seconds },
  });
  return true;
}

/** "45 s", "1 min 30 s", "10 min", "1 h 30 min": the time-out as the timeline and the consoles say it. */
export function describeSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes < 60) return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
