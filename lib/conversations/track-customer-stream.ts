import { logger } from "@/lib/logger";
import { closeCustomerStream } from "./close-customer-stream";
import { renewSeconds } from "./customer-presence";
import { openCustomerStream } from "./open-customer-stream";
import { renewCustomerStream } from "./renew-customer-stream";

export interface TrackedStream {
  /** The stream closed: its lease is closed (once; later calls do nothing). */
  stop(): void;
}

/**
 * Keeps one customer stream's lease in the database for as long as the stream lives (customer-presence.ts):
 * written now, renewed three times per lease, closed on `stop` or when the request is aborted. A failure is logged, never thrown: the customer's
 * stream matters more than their presence, and a lease that is not renewed simply runs out.
 */
export function trackCustomerStream(conversationId: string, signal: AbortSignal): TrackedStream {
  let stopped = false;
  const failed = (what: string) => (error: unknown) => {
    logger.warn({ err: error, conversationId }, `could not ${what} the customer's stream lease`);
    return null;
  };
  const opened = openCustomerStream(conversationId).catch(failed("open"));
  const renewal = setInterval(() => {
    void opened.then((id) => (id && !stopped ? renewCustomerStream(id, conversationId) : null)).catch(failed("renew"));
  }, renewSeconds() * 1000);
  renewal.unref();
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(renewal);
    void opened.then((id) => (id ? closeCustomerStream(id) : null)).catch(failed("close"));
  };
  // The request's end is the stream's end, however the stream itself learns of it (or fails to).
  if (signal.aborted) stop();
  else signal.addEventListener("abort", stop, { once: true });
  return { stop };
}
