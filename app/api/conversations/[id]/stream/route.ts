import { draftTopic } from "@/lib/ai-agents/llm/draft";
import { bearerToken, requireConversationReader } from "@/lib/auth/access";
import { getConversation } from "@/lib/conversations/get-conversation";
import type { Audience } from "@/lib/conversations/read-for-audience";
import { toCustomerDraft, toCustomerEvent, toCustomerWaiting } from "@/lib/conversations/to-customer-view";
import { trackCustomerStream } from "@/lib/conversations/track-customer-stream";
import { getBus, topics } from "@/lib/events/bus";
import { route } from "@/lib/http/handle";
import { lastEventId, type SseFrame, sseResponse } from "@/lib/http/sse";
import { holdCustomerStreamSlot } from "@/lib/http/stream-limits";
import { getTimeline } from "@/lib/timeline/get-timeline";
import type { TimelineEvent } from "@/lib/timeline/types";

export const dynamic = "force-dynamic";

type Params = { id: string };

type Waiting = { position: number; estimatedWaitSeconds: number | null };

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

/**
 * The conversation's timeline, live. Each event's id is its sequence number,
 * so a reconnecting EventSource resumes exactly where it left off. While the
 * conversation waits, `position` frames keep the customer's place in line current.
 */
export const GET = route<Params>(async (request, { id }) => {
  const frames = framesFor[await requireConversationReader(request, id)];
  const conversation = await getConversation(id); // 404 before opening a stream
  const after = lastEventId(request, conversation.lastSeq);
  const bus = getBus();
  // A customer's stream (their token was accepted above) takes a slot; staff streams are signed in (stream-limits.ts).
  const slot = bearerToken(request) ? holdCustomerStreamSlot(request, id) : null;
  // While it is open, the customer is there: their presence, in the database for every server (customer-presence.ts).
  const presence = slot ? trackCustomerStream(id, request.signal) : null;
  return sseResponse(request, {
    history: async () => (await getTimeline(id, after)).flatMap((event) => frames.event(event) ?? []),
    subscribe(push) {
      const position = positionWatch(id, (waiting) => push({ event: "position", data: frames.position(waiting) }));
      if (conversation.waiting && conversation.queueId)
        position.start(conversation.queueId, conversation.waiting.position);
      const offTimeline = bus.subscribe(topics.conversation(id), (payload) => {
        const event = payload as TimelineEvent;
        const frame = frames.event(event);
        if (frame) push(frame);
        // The staff event drives the watch (it names the queue), whatever the audience is sent of it.
        // Only a waiting conversation has a place in line worth watching.
        if (event.type === "conversation.queued")
          position.start(String(event.data.queueId), Number(event.data.position));
        if (event.type === "agent.assigned" || event.type === "conversation.closed") position.stop();
      });
      const draft = frames.draft;
      const offDrafts = draft
        ? bus.subscribe(draftTopic(id), (payload) => {
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
});

/**
 * Re-reads the customer's place in line when their queue changes, while they
 * wait: coalesced (one read per burst of changes) and sent only when it moved.
 * Streams of conversations already assigned watch nothing, so a thousand open
 * streams cost nothing when a queue moves.
 */
function positionWatch(conversationId: string, send: (waiting: Waiting) => void) {
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
      off = getBus().subscribe(topics.queue(queueId), () => {
        pending ??= setTimeout(recompute, POSITION_COALESCE_MS);
      });
    },
    stop,
  };
}

const POSITION_COALESCE_MS = 100;
