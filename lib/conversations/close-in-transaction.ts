import type { Conversation } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { appendEvent } from "@/lib/timeline/append-events";
import type { Actor } from "@/lib/timeline/types";
import { updateConversation } from "./conversation-record";
import { type LeftReason, releaseAssignee } from "./release-assignee";

/** Closes a conversation from any state, releasing whoever holds it. Shared by every way a conversation ends. */
export async function closeInTransaction(
  tx: Tx,
  fx: Effects,
  conversation: Conversation,
  options: {
    actor: Actor;
    reason: string;
    leftReason?: LeftReason;
    notes?: string | null;
    /** Facts beside the reason (which is words), for readers to rely on: e.g. an abandoned chat's cause and time-out. */
    details?: Record<string, unknown>;
  },
): Promise<Conversation> {
  await releaseAssignee(tx, fx, conversation, { actor: options.actor, reason: options.leftReason ?? "closed" });
  await tx.timer.deleteMany({ where: { conversationId: conversation.id } });
  const closed = await updateConversation(tx, conversation, { status: "closed", closedAt: now(), queuedAt: null });
  if (conversation.queueId) fx.queuesChanged.add(conversation.queueId);
  await appendEvent(tx, fx, conversation.id, {
    type: "conversation.closed",
    actor: options.actor,
    data: {
      reason: options.reason,
      fromStatus: conversation.status,
      notes: options.notes ?? null,
      ...options.details,
    },
  });
  return closed;
}
