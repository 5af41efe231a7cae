import { asksForPerson } from "@/lib/ai-agents/asks-for-person";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState } from "@/lib/errors";
import type { Actor } from "@/lib/timeline/types";
import { armInactivityTimer } from "./arm-inactivity-timer";
import { getConversationOrThrow } from "./conversation-record";
import { recordMessage } from "./record-message";
import { requireActorMayAct } from "./require-actor";
import { tellAiAgent } from "./tell-ai-agent";

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

    if (fromCustomer) {
      const personRequest = asksForPerson(options.text) ? { source: "words" as const, text: options.text } : undefined;
      await tellAiAgent(tx, fx, conversation, { message, personRequest });
    }
    return message;
  });
}
