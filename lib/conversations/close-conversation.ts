import { inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState } from "@/lib/errors";
import type { Actor } from "@/lib/timeline/types";
import { closeInTransaction } from "./close-in-transaction";
import { getConversationOrThrow } from "./conversation-record";
import { recordWrapUp } from "./record-wrap-up";
import { requireActorMayAct } from "./require-actor";

export interface CloseConversationOptions {
  conversationId: string;
  actor: Actor;
  notes?: string | null;
}

/**
 * Closes a conversation: the representative finishing wrap-up, the customer
 * leaving (from any state), or a supervisor force-closing. A representative
 * "closing" one the customer already closed under them records their wrap-up.
 */
export function closeConversation(options: CloseConversationOptions) {
  return inTransaction(async (tx, fx) => {
    const conversation = await getConversationOrThrow(tx, options.conversationId);
    const { actor } = options;
    if (conversation.status === "closed") return recordWrapUp(tx, fx, conversation, options);
    if (actor.type === "customer") {
      return closeInTransaction(tx, fx, conversation, { actor, reason: "customer left", leftReason: "customer_left" });
    }
    if (actor.type === "agent") {
      requireActorMayAct(conversation, actor);
      if (conversation.status !== "wrap_up") {
        throw invalidState(`the conversation is ${conversation.status}; end it (wrap-up) before closing`, {
          state: conversation.status,
        });
      }
      return closeInTransaction(tx, fx, conversation, { actor, reason: "wrap-up done", notes: options.notes });
    }
    const reason = actor.type === "system" ? "wrap-up timed out" : "force-closed by a supervisor";
    return closeInTransaction(tx, fx, conversation, {
      actor,
      reason,
      leftReason: actor.type === "system" ? "closed" : "force_closed",
      notes: options.notes,
    });
  });
}
