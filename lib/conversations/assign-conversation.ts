import { inTransaction } from "@/lib/engine/unit-of-work";
import { AppError, invalidState, notFound } from "@/lib/errors";
import { giveDirectly } from "@/lib/routing/give-directly";
import type { Actor } from "@/lib/timeline/types";
import { getConversationOrThrow } from "./conversation-record";

export interface AssignConversationOptions {
  conversationId: string;
  agentId: string;
  actor: Actor;
}

/** A supervisor hands a waiting conversation to a chosen agent, jumping the line. */
export function assignConversation(options: AssignConversationOptions) {
  return inTransaction(async (tx, fx) => {
    if (options.actor.type !== "supervisor")
      throw new AppError("forbidden", "only a supervisor assigns conversations by hand");
    const conversation = await getConversationOrThrow(tx, options.conversationId);
    if (conversation.status !== "open") {
      throw invalidState(
        `the conversation is ${conversation.status}; only a waiting conversation can be assigned (transfer an active one)`,
        {
          state: conversation.status,
        },
      );
    }
    const agent = await tx.agent.findUnique({ where: { id: options.agentId } });
    if (!agent) throw notFound("agent", options.agentId);
    return giveDirectly(tx, fx, conversation, agent, options.actor, `${agent.name} assigned by a supervisor.`);
  });
}
