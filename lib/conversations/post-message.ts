import { customerMessageActivity } from "@/lib/ai-agents/activities";
import { addSeconds, now } from "@/lib/clock";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState } from "@/lib/errors";
import type { Actor } from "@/lib/timeline/types";
import { armInactivityTimer } from "./arm-inactivity-timer";
import { getConversationOrThrow } from "./conversation-record";
import { recordMessage } from "./record-message";
import { requireActorMayAct } from "./require-actor";

export interface PostMessageOptions {
  conversationId: string;
  /** The customer, or the representative who holds the conversation. */
  actor: Actor;
  text: string;
}

/**
 * A customer or representative writes. The message is stored before anything
 * else happens, so whatever an AI agent does with it later, nothing is lost.
 */
export function postMessage(options: PostMessageOptions) {
  return inTransaction(async (tx, fx) => {
    const conversation = await getConversationOrThrow(tx, options.conversationId);
    if (conversation.status === "closed" || conversation.status === "wrap_up") {
      throw invalidState(`the conversation is ${conversation.status}; no more messages`, {
        state: conversation.status,
      });
    }
    const fromCustomer = options.actor.type === "customer";
    if (!fromCustomer) {
      requireActorMayAct(conversation, options.actor);
      if (conversation.status !== "active") {
        throw invalidState("the conversation is waiting in a queue; nobody holds it yet", {
          state: conversation.status,
        });
      }
    }
    const agentId = options.actor.type === "agent" ? options.actor.id : null;
    const message = await recordMessage(tx, fx, {
      conversationId: conversation.id,
      authorType: fromCustomer ? "customer" : options.actor.type === "agent" ? "agent" : "system",
      agentId,
      text: options.text,
      actor: options.actor,
    });
    // The customer wrote: whatever their streams do, they are here now.
    if (fromCustomer) await armInactivityTimer(tx, conversation, message.createdAt);

    if (fromCustomer && conversation.status === "active" && conversation.assigneeId) {
      const assignee = await tx.agent.findUniqueOrThrow({ where: { id: conversation.assigneeId } });
      if (assignee.kind === "ai") {
        fx.deliveries.push({
          agentId: assignee.id,
          conversationId: conversation.id,
          activities: [customerMessageActivity(conversation.id, assignee, conversation.customerName, message)],
        });
        // A bot that never answers must not strand the customer: the due time survives restarts.
        if (assignee.botType === "botframework") {
          const dueAt = addSeconds(now(), assignee.replyTimeoutMs / 1000);
          await tx.timer.upsert({
            where: { conversationId_kind: { conversationId: conversation.id, kind: "bot_reply" } },
            create: { conversationId: conversation.id, kind: "bot_reply", dueAt, data: { agentId: assignee.id } },
            update: { dueAt, data: { agentId: assignee.id } },
          });
        }
      }
    }
    return message;
  });
}
