import type { Conversation, Queue } from "@/generated/prisma/client";
import { addSystemMessage } from "@/lib/conversations/add-system-message";
import { closeInTransaction } from "@/lib/conversations/close-in-transaction";
import { updateConversation } from "@/lib/conversations/conversation-record";
import type { Effects, Tx } from "@/lib/db/transaction";
import { appendEvent } from "@/lib/timeline/append-events";
import { systemActor } from "@/lib/timeline/types";
import { routeToQueue } from "./route-to-queue";

/** A conversation bounced between queues this often ends instead: overflow must never loop forever. */
export const MAX_OVERFLOWS = 5;

const defaultEndMessage = "We're sorry, nobody is available to help right now. Please try again later.";

/** Moves a waiting conversation on as its queue is configured: to another queue, or ends it with a message. */
export async function overflowConversation(
  tx: Tx,
  fx: Effects,
  conversation: Conversation,
  queue: Queue,
  why: string,
): Promise<Conversation> {
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
    return routeToQueue(tx, fx, moved, target, { actor: systemActor, reason: `overflow from ${queue.name}` });
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
  return closeInTransaction(tx, fx, moved, { actor: systemActor, reason: "overflow" });
}
