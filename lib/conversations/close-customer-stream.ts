import { now } from "@/lib/clock";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { appendEvent } from "@/lib/timeline/append-events";
import { customerActor } from "@/lib/timeline/types";
import { armInactivityTimer } from "./arm-inactivity-timer";
import { isLive, recordedPresence } from "./customer-presence";

/**
 * A customer's stream closed (the tab closed, the phone slept, the network dropped). If it was their last live
 * one, the timeline says they went away and the inactivity time-out starts from now: coming back before it runs
 * out (any stream, on any server) keeps the conversation.
 */
export function closeCustomerStream(streamId: string): Promise<void> {
  return inTransaction(async (tx, fx) => {
    const at = now();
    const stream = await tx.customerStream.findUnique({ where: { id: streamId } });
    if (!stream || stream.closedAt) return;
    await tx.customerStream.update({ where: { id: streamId }, data: { seenAt: at, closedAt: at } });
    const conversation = await tx.conversation.findUnique({
      where: { id: stream.conversationId },
      select: { id: true, status: true, queueId: true, assigneeId: true },
    });
    if (!conversation || conversation.status === "closed") return;
    const others = await tx.customerStream.findMany({
      where: { conversationId: conversation.id, closedAt: null, NOT: { id: streamId } },
    });
    if (others.some((other) => isLive(other, at))) return;
    if ((await recordedPresence(tx, conversation.id)) === "connected") {
      await appendEvent(tx, fx, conversation.id, {
        type: "customer.away",
        actor: customerActor,
        data: { lastSeenAt: at.toISOString(), why: "stream_closed" },
      });
      // The inbox shows who is there: the holder's inbox is refreshed.
      if (conversation.assigneeId) fx.agentsChanged.add(conversation.assigneeId);
    }
    await armInactivityTimer(tx, conversation, at);
  });
}
