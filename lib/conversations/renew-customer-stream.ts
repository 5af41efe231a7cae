import { now } from "@/lib/clock";
import { inTransaction } from "@/lib/engine/unit-of-work";

export interface HeldLease {
  streamId: string;
  conversationId: string;
}

/** Leases renewed per statement: well under either dialect's limit on bound parameters. */
const CHUNK = 1_000;

/**
 * These streams are still open: their leases run on (customer-presence.ts), all in one statement per thousand — a
 * server renews every stream it holds at once (track-customer-stream.ts), not one transaction each. A lease dropped
 * meanwhile (this server stalled past the lease and another stream's opening cleared it) is written again, so a live
 * stream always counts.
 */
export async function renewCustomerStreams(leases: HeldLease[]): Promise<void> {
  for (let i = 0; i < leases.length; i += CHUNK) {
    const chunk = leases.slice(i, i + CHUNK);
    await inTransaction(async (tx) => {
      const at = now();
      const ids = chunk.map((lease) => lease.streamId);
      const renewed = await tx.customerStream.updateMany({ where: { id: { in: ids } }, data: { seenAt: at } });
      if (renewed.count === chunk.length) return;
      const kept = new Set(
        (await tx.customerStream.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((row) => row.id),
      );
      const dropped = chunk.filter((lease) => !kept.has(lease.streamId));
      const existing = new Set(
        (
          await tx.conversation.findMany({
            where: { id: { in: dropped.map((lease) => lease.conversationId) } },
            select: { id: true },
          })
        ).map((row) => row.id),
      );
      const rows = dropped
        .filter((lease) => existing.has(lease.conversationId))
        .map(({ streamId, conversationId }) => ({ id: streamId, conversationId, openedAt: at, seenAt: at }));
      if (rows.length > 0) await tx.customerStream.createMany({ data: rows });
    });
  }
}
