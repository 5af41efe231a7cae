import { randomUUID } from "node:crypto";
import { getBus, topics } from "@/lib/events/bus";

/**
 * A reply as the model writes it, for the customer's stream: token frames on a topic of their own beside the
 * conversation's (`draft:{id}`), published through the one bus, so whatever carries the bus between
 * instances carries these too. Nothing is stored: the finished reply is stored once, as any message, and that is what
 * staff see (their streams do not subscribe to drafts). A customer's stream sends a draft frame only through its
 * strict schema (customer-view.ts).
 *
 * Frames are deltas numbered from 0 per draft; a client that missed one waits for the stored message. The last frame
 * says `done` (the reply was stored, or the model failed and the draft is dropped).
 */
export interface DraftFrame {
  draftId: string;
  n: number;
  text: string;
  done: boolean;
  agentName: string;
}

export const draftTopic = topics.draft;

/** Pieces arriving within this long go out as one frame: fewer frames for the bus to carry, no visible delay. */
const COALESCE_MS = 30;

export function startDraft(conversationId: string, agentName: string) {
  const draftId = randomUUID();
  const topic = draftTopic(conversationId);
  let n = 0;
  let pending = "";
  let timer: ReturnType<typeof setTimeout> | null = null;
  let ended = false;
  const publish = (text: string, done: boolean) =>
    getBus().publish(topic, { draftId, n: n++, text, done, agentName } satisfies DraftFrame);
  const flush = () => {
    timer = null;
    if (!pending) return;
    const text = pending;
    pending = "";
    publish(text, false);
  };
  return {
    push(delta: string) {
      if (ended || !delta) return;
      pending += delta;
      timer ??= setTimeout(flush, COALESCE_MS);
    },
    /** The reply was stored (or dropped): the customer's draft is finished either way. */
    end() {
      if (ended) return;
      ended = true;
      if (timer) clearTimeout(timer);
      flush();
      publish("", true);
    },
  };
}
