import { getBus, topics } from "@/lib/events/bus";
import { lastEventId, type SseFrame, sseResponse } from "@/lib/http/sse";
import type { StreamSlot } from "@/lib/http/stream-limits";
import { getTimeline } from "@/lib/timeline/get-timeline";
import type { TimelineEvent } from "@/lib/timeline/types";
import { getConversation } from "./get-conversation";
import type { Audience } from "./read-for-audience";
import { toCustomerDraft, toCustomerEvent, toCustomerWaiting } from "./to-customer-view";
import { trackCustomerStream } from "./track-customer-stream";
import { type Waiting, watchPosition } from "./watch-position";

/**
 * Each audience's frames. A customer's are built from the customer view: events
 * it has no mapping for are not sent at all, history, live and resumed alike.
 * Either way a frame's id is the event's sequence number in the conversation.
 */
const framesFor = {
  staff: {
    event: (event: TimelineEvent): SseFrame | null => ({ id: event.seq, data: event }),
    position: (waiting: Waiting) => waiting,
    // Staff see the finished message, not the reply as it is written.
    draft: null,
  },
  customer: {
    event: (event: TimelineEvent): SseFrame | null => {
      const visible = toCustomerEvent(event);
      return visible && { id: visible.seq, data: visible };
    },
    position: toCustomerWaiting,
    /** A language model's reply as it is written: no id (not a timeline event; resuming skips none of these). */
    draft: (frame: unknown): SseFrame | null => {
      const visible = toCustomerDraft(frame as Parameters<typeof toCustomerDraft>[0]);
      return visible && { event: "draft", data: visible };
    },
  },
} satisfies Record<Audience, unknown>;

export interface StreamConversationOptions {
  conversationId: string;
  /** Who reads, as the caller established (lib/auth/access.ts requireConversationReader). */
  audience: Audience;
  /**
   * Takes the stream's slot (lib/http/stream-limits.ts: a 429 when none is free), once the request is known good;
   * released when the stream closes.
   */
  holdSlot?: () => StreamSlot;
  /** The customer's own stream: while it is open they are present (a lease in the database, customer-presence.ts). */
  trackPresence?: boolean;
}

/**
 * The conversation's timeline, live. Each event's id is its sequence number,
 * so a reconnecting EventSource resumes exactly where it left off (Last-Event-ID,
 * checked here: a 400 before any stream opens). While the conversation waits,
 * `position` frames keep the customer's place in line current.
 *
 * Events written through another server instance arrive a little later than
 * this instance's own, so one may overtake another: an event past the next
 * sequence number means the one before it is still on its way, and the stream
 * reads it from the database instead (it is committed: numbers are taken in
 * commit order) — `resync`, which the bus also asks for when it may have
 * missed events (lib/http/sse.ts, docs/decisions/011-live-events-across-instances.md).
 */
export async function streamConversation(request: Request, options: StreamConversationOptions): Promise<Response> {
  const { conversationId: id } = options;
  const frames = framesFor[options.audience];
  const conversation = await getConversation(id); // 404 before opening a stream
  const after = lastEventId(request, conversation.lastSeq);
  const slot = options.holdSlot?.();
  const presence = options.trackPresence ? trackCustomerStream(id, request.signal) : null;
  const bus = getBus();
  let push: (frame: SseFrame) => void = () => {};
  const position = watchPosition(bus, id, (waiting) => push({ event: "position", data: frames.position(waiting) }));
  /** The last event this stream has had (sent, or not for the customer's eyes): live events are taken after it only. */
  let seen = after;
  let rereading = false;
  // The staff event drives the watch (it names the queue), whatever the audience is sent of it.
  // Only a waiting conversation has a place in line worth watching.
  const observe = (event: TimelineEvent) => {
    if (event.type === "conversation.queued") position.start(String(event.data.queueId), Number(event.data.position));
    if (event.type === "agent.assigned" || event.type === "conversation.closed") position.stop();
  };
  return sseResponse(request, {
    kind: "conversation",
    async history(afterId) {
      const events = await getTimeline(id, afterId ?? after);
      for (const event of events) {
        seen = Math.max(seen, event.seq);
        // The first read is where the watch starts from (the conversation as read above); a re-read moves it on.
        if (rereading) observe(event);
      }
      if (rereading) position.refresh();
      rereading = true;
      return events.flatMap((event) => frames.event(event) ?? []);
    },
    subscribe(pushFrame, resync) {
      push = pushFrame;
      if (conversation.waiting && conversation.queueId)
        position.start(conversation.queueId, conversation.waiting.position);
      const offTimeline = bus.subscribe(topics.conversation(id), (payload) => {
        const event = payload as TimelineEvent;
        if (event.seq <= seen) return; // had it already (from the database, or from this instance first)
        if (event.seq > seen + 1) return resync(); // one before it has not come yet: read both from the database
        seen = event.seq;
        const frame = frames.event(event);
        if (frame) push(frame);
        observe(event);
      });
      const draft = frames.draft;
      const offDrafts = draft
        ? bus.subscribe(topics.draft(id), (payload) => {
            const frame = draft(payload);
            if (frame) push(frame);
          })
        : () => {};
      return () => {
        offTimeline();
        offDrafts();
        position.stop();
      };
    },
    onClose: () => {
      slot?.release();
      presence?.stop();
    },
  });
}
