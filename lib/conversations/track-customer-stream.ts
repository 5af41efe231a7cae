import { logger } from "@/lib/logger";
import { closeCustomerStream } from "./close-customer-stream";
import { renewSeconds } from "./customer-presence";
import { openCustomerStream } from "./open-customer-stream";
import { type HeldLease, renewCustomerStreams } from "./renew-customer-stream";

export interface TrackedStream {
  /** The stream closed: its lease is closed (once; later calls do nothing). */
  stop(): void;
}

/**
 * The leases this process holds, renewed together every third of the lease. One timer and one statement per
 * thousand streams: a timer per stream made a transaction per stream, and streams opened together (a server's
 * customers reconnecting after a restart) renewed together, in bursts that stalled every other request.
 */
const held = new Map<string, HeldLease>();
let renewal: ReturnType<typeof setInterval> | null = null;
let renewing = false;

function renewHeld() {
  // A renewal still running (a slow database) is not doubled: the next tick renews whatever is held then.
  if (renewing || held.size === 0) return;
  renewing = true;
  renewCustomerStreams([...held.values()])
    .catch((error) => logger.warn({ err: error, streams: held.size }, "could not renew the customer streams' leases"))
    .finally(() => {
      renewing = false;
    });
}

function hold(lease: HeldLease) {
  held.set(lease.streamId, lease);
  if (!renewal) {
    renewal = setInterval(renewHeld, renewSeconds() * 1000);
    renewal.unref();
  }
}

function release(streamId: string) {
  held.delete(streamId);
  if (held.size === 0 && renewal) {
    clearInterval(renewal);
    renewal = null;
  }
}

/**
 * Keeps one customer stream's lease in the database for as long as the stream lives (customer-presence.ts):
 * written now, renewed with the process's other leases, closed on `stop` or when the request is aborted. A failure is
 * logged, never thrown: the customer's stream matters more than their presence, and a lease that is not renewed
 * simply runs out.
 */
export function trackCustomerStream(conversationId: string, signal: AbortSignal): TrackedStream {
  let stopped = false;
  const failed = (what: string) => (error: unknown) => {
    logger.warn({ err: error, conversationId }, `could not ${what} the customer's stream lease`);
    return null;
  };
  const opened = openCustomerStream(conversationId)
    .then((streamId) => {
      if (!stopped) hold({ streamId, conversationId });
      return streamId;
    })
    .catch(failed("open"));
  const stop = () => {
    if (stopped) return;
    stopped = true;
    void opened
      .then((id) => {
        if (!id) return null;
        release(id);
        return closeCustomerStream(id);
      })
      .catch(failed("close"));
  };
  // The request's end is the stream's end, however the stream itself learns of it (or fails to).
  if (signal.aborted) stop();
  else signal.addEventListener("abort", stop, { once: true });
  return { stop };
}
