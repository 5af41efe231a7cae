import { rateLimited } from "@/lib/errors";
import { addressBucket, clientAddress } from "./client-address";
import { serverLimits } from "./limits";

/**
 * Customers' live streams open at once, per conversation (SWITCHBOARD_LIMIT_STREAMS_PER_CONVERSATION) and per
 * client address (SWITCHBOARD_LIMIT_STREAMS_PER_CLIENT). Counted in this process's memory — a stream lives in one
 * process, so that is where it costs; behind a load balancer each instance allows the limits.
 * Staff streams are not counted: they need a signed-in account, and a call center's representatives share one
 * office address with several streams each.
 */
const key = Symbol.for("switchboard.openStreams");
type WithStreams = typeof globalThis & {
  [key]?: { perConversation: Map<string, number>; perClient: Map<string, number> };
};

/** A slot frees the moment a stream closes, which nobody can foresee: a short wait, then try again. */
const RETRY_SECONDS = 5;

function openStreams() {
  const global = globalThis as WithStreams;
  global[key] ??= { perConversation: new Map(), perClient: new Map() };
  return global[key];
}

const add = (counts: Map<string, number>, k: string, n: number) => {
  const next = (counts.get(k) ?? 0) + n;
  if (next > 0) counts.set(k, next);
  else counts.delete(k);
};

export interface StreamSlot {
  release(): void;
}

/**
 * Holds a slot for a customer's stream on `conversationId`, or refuses with 429 + Retry-After when the
 * conversation or the client's address has all its streams open. Released when the stream closes (or the
 * request is aborted, whichever comes first; releasing twice is harmless).
 */
export function holdCustomerStreamSlot(request: Request, conversationId: string): StreamSlot {
  const limits = serverLimits();
  const streams = openStreams();
  const client = addressBucket(clientAddress(request));
  if ((streams.perConversation.get(conversationId) ?? 0) >= limits.streamsPerConversation) {
    throw rateLimited(
      `this conversation already has ${limits.streamsPerConversation} live streams open; close one or try again in ${RETRY_SECONDS} s`,
      RETRY_SECONDS,
      { limit: "streams_per_conversation", max: limits.streamsPerConversation },
    );
  }
  if ((streams.perClient.get(client) ?? 0) >= limits.streamsPerClient) {
    throw rateLimited(
      `your address already has ${limits.streamsPerClient} live streams open; close one or try again in ${RETRY_SECONDS} s`,
      RETRY_SECONDS,
      { limit: "streams_per_client", max: limits.streamsPerClient },
    );
  }
  add(streams.perConversation, conversationId, 1);
  add(streams.perClient, client, 1);
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    add(streams.perConversation, conversationId, -1);
    add(streams.perClient, client, -1);
  };
  request.signal.addEventListener("abort", release, { once: true });
  return { release };
}
