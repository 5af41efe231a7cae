import { now } from "@/lib/clock";
import { inTransaction } from "@/lib/engine/unit-of-work";

/**
 * The stream is still open: its lease runs on (customer-presence.ts). Written again if it was dropped meanwhile
 * (this server stalled past the lease and another stream's opening cleared it), so a live stream always counts.
 */
export function renewCustomerStream(streamId: string, conversationId: string): Promise<void> {
  return inTransaction(async (tx) => {
    const at = now();
    const renewed = await tx.customerStream.updateMany({ where: { id: streamId }, data: { seenAt: at } });
    if (renewed.count === 0 && (await tx.conversation.count({ where: { id: conversationId } })) > 0) {
      await tx.customerStream.create({ data: { id: streamId, conversationId, openedAt: at, seenAt: at } });
    }
  });
}
