import { rateLimited } from "@/lib/errors";
import { addressBucket, clientAddress } from "./client-address";
import { serverLimits } from "./limits";
import { SlidingWindowCounter } from "./sliding-window";

/**
 * Conversations started per client address per minute (SWITCHBOARD_LIMIT_STARTS_PER_MINUTE), over a sliding
 * minute, counted in this process's memory: behind a load balancer each instance allows the limit (a flood
 * still costs each instance no more than it), and a restart forgets. Generous by default — a whole office of
 * customers may share one address.
 */
const key = Symbol.for("switchboard.startLimiter");
type WithLimiter = typeof globalThis & { [key]?: SlidingWindowCounter };

function limiter(): SlidingWindowCounter {
  const global = globalThis as WithLimiter;
  global[key] ??= new SlidingWindowCounter(serverLimits().startsPerMinute, 60_000);
  return global[key];
}

/** Counts a conversation start for the caller's address, or refuses it (429 + Retry-After) past the limit. */
export function takeConversationStart(request: Request, at: number = Date.now()): void {
  const counter = limiter();
  const wait = counter.take(addressBucket(clientAddress(request)), at);
  if (wait) {
    throw rateLimited(
      `too many conversations started from your address: at most ${counter.limit} a minute; try again in ${wait} s`,
      wait,
      { limit: "starts_per_minute", max: counter.limit },
    );
  }
}
