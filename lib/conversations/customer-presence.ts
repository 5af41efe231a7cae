import type { CustomerStream } from "@/generated/prisma/client";
import { addSeconds } from "@/lib/clock";
import type { Tx } from "@/lib/db/transaction";

/**
 * The customer's presence: connected while at least one of their streams on the conversation lives, away otherwise.
 *
 * Kept in the database (`CustomerStream`, one row per stream), not in a server's memory, because several servers
 * may share one database and a customer's streams may sit on any of them. A row is a lease: the server holding
 * the stream renews `seenAt` every third of the lease, so a stream whose server was killed (SIGKILL, out of
 * memory — nothing left to close it) stops counting once the lease passes without a renewal. A counter of open
 * streams would stay up for ever after such a crash; a lease cannot.
 *
 * The lease is 60 s (SWITCHBOARD_CUSTOMER_LEASE_SECONDS, at least 3): three renewals missed is long enough for a
 * busy server's late timer, and short against any inactivity time-out. Every server sharing a database must use the
 * same lease. Tests that kill a server shorten it.
 */
export function leaseSeconds(): number {
  const raw = process.env.SWITCHBOARD_CUSTOMER_LEASE_SECONDS?.trim();
  if (!raw) return 60;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 3) {
    throw new Error(`SWITCHBOARD_CUSTOMER_LEASE_SECONDS must be a whole number of at least 3, not "${raw}"`);
  }
  return value;
}

/** How often a live stream renews its lease: three times per lease. */
export const renewSeconds = (): number => Math.floor(leaseSeconds() / 3);

export type StreamLease = Pick<CustomerStream, "openedAt" | "seenAt" | "closedAt">;

export interface CustomerPresence {
  state: "connected" | "away";
  /** Connected: since the oldest live stream opened. Away: when the customer was last seen (null: never connected). */
  since: Date | null;
}

export const isLive = (stream: StreamLease, at: Date): boolean =>
  stream.closedAt === null && addSeconds(stream.seenAt, leaseSeconds()) > at;

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
