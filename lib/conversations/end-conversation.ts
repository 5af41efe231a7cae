import { addSeconds, now } from "@/lib/clock";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState } from "@/lib/errors";
import { appendEvent } from "@/lib/timeline/append-events";
import type { Actor } from "@/lib/timeline/types";
import { closeInTransaction } from "./close-in-transaction";
import { getConversationOrThrow, updateConversation } from "./conversation-record";
import { requireActorMayAct } from "./require-actor";

export interface EndConversationOptions {
  conversationId: string;
  actor: Actor;
  notes?: string | null;
}

/**
 * A representative finishes with the customer: the conversation goes to
 * wrap-up, and their capacity stays held until wrap-up is done or times out.
 * A conversation held by an AI agent (or nobody) has no wrap-up: it closes.
 */
export function endConversation(options: EndConversationOptions) {
  return inTransaction(async (tx, fx) => {
    const conversation = await getConversationOrThrow(tx, options.conversationId);
    if (conversation.status !== "active") {
      throw invalidState(`the conversation is ${conversation.status}; only an active conversation can be ended`, {
        state: conversation.status,
      });
    }
    requireActorMayAct(conversation, options.actor);
    const assignee = conversation.assigneeId
      ? await tx.agent.findUnique({ where: { id: conversation.assigneeId } })
      : null;
    if (assignee?.kind !== "human") {
      return closeInTransaction(tx, fx, conversation, {
        actor: options.actor,
        reason: "ended",
        leftReason: "ended",
        notes: options.notes,
      });
    }
    const queue = conversation.queueId ? await tx.queue.findUnique({ where: { id: conversation.queueId } }) : null;
    const wrapUpSeconds = queue?.wrapUpSeconds ?? 120;
    const ended = await updateConversation(tx, conversation, { status: "wrap_up" });
    await tx.timer.upsert({
      where: { conversationId_kind: { conversationId: conversation.id, kind: "wrap_up" } },
      create: { conversationId: conversation.id, kind: "wrap_up", dueAt: addSeconds(now(), wrapUpSeconds) },
      update: { dueAt: addSeconds(now(), wrapUpSeconds) },
    });
    await appendEvent(tx, fx, conversation.id, {
      type: "conversation.ended",
      actor: options.actor,
      data: {
        agentId: assignee.id,
        agentName: assignee.name,
        agentKind: assignee.kind,
        notes: options.notes ?? null,
        wrapUpSeconds,
      },
    });
    return ended;
  });
}
