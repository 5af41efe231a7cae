import { inTransaction } from "@/lib/engine/unit-of-work";
import { AppError, invalidState } from "@/lib/errors";
import type { Actor } from "@/lib/timeline/types";
import { armInactivityTimer } from "./arm-inactivity-timer";
import { getConversationOrThrow } from "./conversation-record";
import { recordMessage } from "./record-message";
import { tellAiAgent } from "./tell-ai-agent";

/** The customer's line in the transcript when they press "Talk to a person": what the representative reads. */
export const PERSON_REQUEST_TEXT = "I'd like to talk to a person, please.";

export interface RequestPersonOptions {
  conversationId: string;
  /** Only the customer asks for a person. */
  actor: Actor;
}

/**
 * The chat's "Talk to a person" button. The line is written in the transcript as the customer's, and the AI agent
 * that holds the conversation gets a `requestHuman` event — not a message it could take for a survey answer or a
 * question (tell-ai-agent.ts). Waiting in line or with a person already, the line is all there is to do.
 */
export function requestPerson({ conversationId, actor }: RequestPersonOptions) {
  if (actor.type !== "customer") throw new AppError("forbidden", "only the customer asks for a person");
  return inTransaction(async (tx, fx) => {
    const conversation = await getConversationOrThrow(tx, conversationId);
    if (conversation.status === "closed" || conversation.status === "wrap_up") {
      throw invalidState(`the conversation is ${conversation.status}; no more messages`, {
        state: conversation.status,
      });
    }
    const message = await recordMessage(tx, fx, {
      conversationId,
      authorType: "customer",
      agentId: null,
      text: PERSON_REQUEST_TEXT,
      actor,
    });
    await armInactivityTimer(tx, conversation, message.createdAt); // the customer is here: a sign of life
    await tellAiAgent(tx, fx, conversation, { personRequest: { source: "button", text: PERSON_REQUEST_TEXT } });
    return message;
  });
}
