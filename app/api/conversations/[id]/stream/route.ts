import { requireConversationReader } from "@/lib/auth/access";
import { getConversation } from "@/lib/conversations/get-conversation";
import { getBus, topics } from "@/lib/events/bus";
import { route } from "@/lib/http/handle";
import { lastEventId, type SseFrame, sseResponse } from "@/lib/http/sse";
import { getTimeline } from "@/lib/timeline/get-timeline";
import type { TimelineEvent } from "@/lib/timeline/types";

export const dynamic = "force-dynamic";

type Params = { id: string };

const toFrame = (event: TimelineEvent): SseFrame => ({ id: event.seq, data: event });

/**
 * The conversation's timeline, live. Each event's id is its sequence number,
 * so a reconnecting EventSource resumes exactly where it left off. While the
 * conversation waits, `position` frames keep the customer's place in line current.
 */
export const GET = route<Params>(async (request, { id }) => {
  await requireConversationReader(request, id);
  const conversation = await getConversation(id); // 404 before opening a stream
  const after = lastEventId(request, conversation.lastSeq);
  const bus = getBus();
  return sseResponse(request, {
    history: async () => (await getTimeline(id, after)).map(toFrame),
    subscribe(push) {
      const position = positionWatch(id, push);
      if (conversation.waiting && conversation.queueId)
        position.start(conversation.queueId, conversation.waiting.position);
      const offTimeline = bus.subscribe(topics.conversation(id), (payload) => {
        const event = payload as TimelineEvent;
        push(toFrame(event));
        // Only a waiting conversation has a place in line worth watching.
        if (event.type === "conversation.queued")
          position.start(String(event.data.queueId), Number(event.data.position));
        if (event.type === "agent.assigned" || event.type === "conversation.closed") position.stop();
      });
      return () => {
        offTimeline();
        position.stop();
      };
    },
  });
});

/**
 * Re-reads the customer's place in line when their queue changes, while they
 * wait: coalesced (one read per burst of changes) and sent only when it moved.
 * Streams of conversations already assigned watch nothing, so a thousand open
 * streams cost nothing when a queue moves.
 */
function positionWatch(conversationId: string, push: (frame: SseFrame) => void) {
  let last: number | null = null;
  let pending: ReturnType<typeof setTimeout> | null = null;
  let off: (() => void) | null = null;
  const recompute = async () => {
    pending = null;
    const current = await getConversation(conversationId).catch(() => null);
    if (!current?.waiting || current.waiting.position === last) return;
    last = current.waiting.position;
    push({ event: "position", data: current.waiting });
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
