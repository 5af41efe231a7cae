import type { Bus } from "@/lib/events/bus";
import { topics } from "@/lib/events/bus";
import { getConversation } from "./get-conversation";

export type Waiting = { position: number; estimatedWaitSeconds: number | null };

const POSITION_COALESCE_MS = 100;

/**
 * Re-reads the customer's place in line when their queue changes, while they
 * wait: coalesced (one read per burst of changes) and sent only when it moved.
 * Streams of conversations already assigned watch nothing, so a thousand open
 * streams cost nothing when a queue moves.
 */
export function watchPosition(bus: Bus, conversationId: string, send: (waiting: Waiting) => void) {
  let last: number | null = null;
  let pending: ReturnType<typeof setTimeout> | null = null;
  let off: (() => void) | null = null;
  const recompute = async () => {
    pending = null;
    const current = await getConversation(conversationId).catch(() => null);
    if (!current?.waiting || current.waiting.position === last) return;
    last = current.waiting.position;
    send(current.waiting);
  };
  const stop = () => {
    off?.();
    off = null;
    if (pending) clearTimeout(pending);
    pending = null;
  };
  return {
    start(queueId: string, position: number) {
      stop();
      last = position;
      off = bus.subscribe(topics.queue(queueId), () => {
        pending ??= setTimeout(recompute, POSITION_COALESCE_MS);
      });
    },
    /** Reads the place in line again if watching: the queue's changes may have been missed (a resync). */
    refresh() {
      if (off) pending ??= setTimeout(recompute, POSITION_COALESCE_MS);
    },
    stop,
  };
}
