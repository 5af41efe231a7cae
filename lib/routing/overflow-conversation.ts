import type { Conversation, Queue } from "@/generated/prisma/client";
import { addSystemMessage } from "@/lib/conversations/add-system-message";
import { closeInTransaction } from "@/lib/conversations/close-in-transaction";
import { updateConversation } from "@/lib/conversations/conversation-record";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { appendEvent } from "@/lib/timeline/append-events";
import { systemActor } from "@/lib/timeline/types";

/** A conversation bounced between queues this often ends instead: overflow must never loop forever. */
export const MAX_OVERFLOWS = 5;

const defaultEndMessage = "We're sorry, nobody is available to help right now. Please try again later.";

export interface OverflowOutcome {
  conversation: Conversation;
  /** The queue to route it into next; null when it was ended. */
  onwardTo: Queue | null;
}

/**
 * Records a waiting conversation's overflow as its queue is configured: it leaves for another queue (returned, for
 * the caller to route into: `overflowConversation` in route-to-queue.ts, which owns the recursion so the two files do
 * not import each other), or it ends with a message.
 */
export async function recordOverflow(
  tx: Tx,
  fx: Effects,
  conversation: Conversation,
  queue: Queue,
  why: string,
): Promise<OverflowOutcome> {
  const target =
    queue.overflowAction === "transfer" && queue.overflowQueueId
      ? await tx.queue.findUnique({ where: { id: queue.overflowQueueId } })
      : null;
  const loops = conversation.overflowCount >= MAX_OVERFLOWS;
  const counted = await updateConversation(tx, conversation, { overflowCount: { increment: 1 } });
  const moved = { ...counted, overflowCount: conversation.overflowCount + 1 };
  await tx.timer.deleteMany({ where: { conversationId: conversation.id, kind: "overflow" } });

  if (target && !loops) {
    await appendEvent(tx, fx, conversation.id, {
      type: "conversation.overflowed",
      actor: systemActor,
      data: {
        fromQueueId: queue.id,
        fromQueueName: queue.name,
        action: "transfer",
        toQueueId: target.id,
        toQueueName: target.name,
        why,
      },
    });
    return { conversation: moved, onwardTo: target };
  }
  await appendEvent(tx, fx, conversation.id, {
    type: "conversation.overflowed",
    actor: systemActor,
    data: {
      fromQueueId: queue.id,
      fromQueueName: queue.name,
      action: "end",
      why: loops ? `${why}; overflowed ${MAX_OVERFLOWS} times already` : why,
    },
  });
  await addSystemMessage(tx, fx, moved.id, queue.overflowMessage ?? defaultEndMessage);
  return {
    conversation: await closeInTransaction(tx, fx, moved, { actor: systemActor, reason: "overflow" }),
    onwardTo: null,
  };
}
