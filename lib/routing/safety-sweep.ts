import { dialectSql } from "@/lib/db/sql";
import { retriedTransaction } from "@/lib/db/transaction";
import { logger } from "@/lib/logger";
import { serveWaiting } from "./serve-waiting";

/**
 * The safety sweep (docs/decisions/012-timers-and-sweeps-across-instances.md). A waiting conversation is served when
 * something changes, by the server that made the change: if that server dies mid-sweep, or a wake-up is otherwise
 * missed, nothing else would ever look at the queue again. So every server, every few seconds, asks the database
 * which queues have someone waiting AND a member who could take work now, and serves those — merged with whatever
 * sweep it already has running or pending. In the common case (nothing servable) it costs one cheap query.
 */
export const DEFAULT_SWEEP_INTERVAL_MS = 5_000;
const variable = "SWITCHBOARD_SWEEP_INTERVAL_MS";

/** SWITCHBOARD_SWEEP_INTERVAL_MS (0 turns the safety sweep off); anything but a whole number stops the server at boot. */
export function sweepIntervalMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env[variable]?.trim();
  if (!raw) return DEFAULT_SWEEP_INTERVAL_MS;
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new Error(`${variable} must be a whole number of milliseconds (0 turns the safety sweep off), got "${raw}"`);
  }
  return Number(raw);
}

/** The queues where someone waits and a member could take work now. */
export async function servableQueueIds(): Promise<string[]> {
  // In a transaction: on SQLite's one shared connection a bare read could see another unit's uncommitted writes.
  const rows = await retriedTransaction((tx) => tx.$queryRawUnsafe<{ id: string }[]>(dialectSql().servableQueues));
  return rows.map((row) => row.id);
}

/** One safety sweep; resolves once the queues it found have been served. Returns how many it found. */
export async function sweepServableQueues(): Promise<number> {
  const queueIds = await servableQueueIds();
  if (queueIds.length > 0) await serveWaiting(queueIds);
  return queueIds.length;
}

/** Runs the safety sweep every `intervalMs` (one at a time); returns what stops it. One loop per server process. */
export function startSafetySweep(intervalMs = sweepIntervalMs()): () => void {
  if (intervalMs === 0) return () => {};
  let busy = false;
  const handle = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      await sweepServableQueues();
    } catch (error) {
      logger.error({ err: error }, "safety sweep failed");
    } finally {
      busy = false;
    }
  }, intervalMs);
  handle.unref();
  return () => clearInterval(handle);
}
