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
  const after = lastEventId(request);
  const bus = getBus();
  return sseResponse(request, {
    history: async () => (await getTimeline(id, after)).map(toFrame),
    subscribe(push) {
      const offTimeline = bus.subscribe(topics.conversation(id), (event) => push(toFrame(event as TimelineEvent)));
      const offQueue = conversation.queueId
        ? watchPosition(id, conversation.queueId, conversation.waiting?.position ?? null, push)
        : () => {};
      return () => {
        offTimeline();
        offQueue();
      };
    },
  });
});

/**
 * Re-reads the customer's place in line when their queue changes: coalesced
 * (one read per burst of changes) and sent only when the position moved.
 */
function watchPosition(
  conversationId: string,
  queueId: string,
  initial: number | null,
  push: (frame: SseFrame) => void,
) {
  let last = initial;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const recompute = async () => {
    pending = null;
    const current = await getConversation(conversationId).catch(() => null);
    if (!current?.waiting || current.waiting.position === last) return;
    last = current.waiting.position;
    push({ event: "position", data: current.waiting });
  };
  const off = getBus().subscribe(topics.queue(queueId), () => {
    pending ??= setTimeout(recompute, POSITION_COALESCE_MS);
  });
  return () => {
    off();
    if (pending) clearTimeout(pending);
  };
}

const POSITION_COALESCE_MS = 100;
