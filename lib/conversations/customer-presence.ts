import type { CustomerStream } from "@/generated/prisma/client";
import { addSeconds } from "@/lib/clock";
import type { Tx } from "@/lib/db/transaction";

/**
 * The customer's presence: connected while at least one of their streams on the conversation lives, away otherwise.
 *
 * Kept in the database (`CustomerStream`, one row per stream), not in a server's memory, because several servers
 * may share one database and a customer's streams may sit on any of them. A row is a lease: the server holding
 * the stream renews `seenAt` every `RENEW_SECONDS`, so a stream whose server was killed (SIGKILL, out of memory —
 * nothing left to close it) stops counting once `LEASE_SECONDS` pass without a renewal. A counter of open streams
 * would stay up for ever after such a crash; a lease cannot.
 */
export const RENEW_SECONDS = 20;
/** Three renewals missed: long enough for a busy server's late timer, short against any inactivity time-out. */
export const LEASE_SECONDS = 60;

export type StreamLease = Pick<CustomerStream, "openedAt" | "seenAt" | "closedAt">;

export interface CustomerPresence {
  state: "connected" | "away";
  /** Connected: since the oldest live stream opened. Away: when the customer was last seen (null: never connected). */
  since: Date | null;
}

export const isLive = (stream: StreamLease, at: Date): boolean =>
  stream.closedAt === null && addSeconds(stream.seenAt, LEASE_SECONDS) > at;

/** When a stream last showed the customer there: when it closed, or its last renewal if nobody closed it. */
const lastSeen = (stream: StreamLease): Date => stream.closedAt ?? stream.seenAt;

export function presenceFrom(streams: StreamLease[], at: Date): CustomerPresence {
  const live = streams.filter((stream) => isLive(stream, at));
  if (live.length > 0) return { state: "connected", since: earliest(live.map((s) => s.openedAt)) };
  return { state: "away", since: latest(streams.map(lastSeen)) };
}

export const neverConnected: CustomerPresence = { state: "away", since: null };

/** The last presence the timeline recorded: a crash can leave it "connected" with no stream alive. */
export async function recordedPresence(tx: Tx, conversationId: string): Promise<"connected" | "away" | null> {
  const last = await tx.event.findFirst({
    where: { conversationId, type: { in: ["customer.connected", "customer.away"] } },
    orderBy: { seq: "desc" },
    select: { type: true },
  });
  if (!last) return null;
  return last.type === "customer.connected" ? "connected" : "away";
}

export function latest(dates: Array<Date | null | undefined>): Date | null {
  let best: Date | null = null;
  for (const date of dates) if (date && (!best || date > best)) best = date;
  return best;
}

function earliest(dates: Date[]): Date | null {
  let best: Date | null = null;
  for (const date of dates) if (!best || date < best) best = date;
  return best;
}
