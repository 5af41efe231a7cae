import { now } from "@/lib/clock";
import { newId } from "@/lib/db/ids";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { appendEvent } from "@/lib/timeline/append-events";
import { customerActor } from "@/lib/timeline/types";
import { armInactivityTimer } from "./arm-inactivity-timer";
import { isLive, recordedPresence } from "./customer-presence";

/**
 * A customer's stream on the conversation opened: its lease is written (customer-presence.ts), and if the
 * timeline last said the customer was away (or nothing yet), it now says they are connected. Returns the lease's
 * id, which the stream renews and finally closes.
 */
export async function openCustomerStream(conversationId: string): Promise<string> {
  const id = newId();
  await inTransaction(async (tx, fx) => {
    const at = now();
    const conversation = await tx.conversation.findUnique({
      where: { id: conversationId },
      select: { id: true, status: true, queueId: true, assigneeId: true },
    });
    if (!conversation) return;
    // Leases that no longer count (closed, or their server died) are only "last seen" times, and this stream is
    // a newer one: drop them, so a conversation keeps as many rows as the customer has tabs, not reconnections.
    const streams = await tx.customerStream.findMany({ where: { conversationId } });
    const over = streams.filter((stream) => !isLive(stream, at)).map((stream) => stream.id);
    if (over.length > 0) await tx.customerStream.deleteMany({ where: { id: { in: over } } });
    await tx.customerStream.create({ data: { id, conversationId, openedAt: at, seenAt: at } });
    if (conversation.status === "closed") return; // they came back to a finished chat: nothing to record or time
    if ((await recordedPresence(tx, conversationId)) !== "connected") {
      await appendEvent(tx, fx, conversationId, { type: "customer.connected", actor: customerActor, data: {} });
      // The inbox shows who is there: the holder's inbox is refreshed.
      if (conversation.assigneeId) fx.agentsChanged.add(conversation.assigneeId);
    }
    await armInactivityTimer(tx, conversation, at);
  });
  return id;
}
