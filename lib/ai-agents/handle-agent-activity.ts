import { closeInTransaction } from "@/lib/conversations/close-in-transaction";
import { getConversationOrThrow } from "@/lib/conversations/conversation-record";
import { recordMessage } from "@/lib/conversations/record-message";
import { transferConversation } from "@/lib/conversations/transfer-conversation";
import { getDb } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { invalidState } from "@/lib/errors";
import { agentActor } from "@/lib/timeline/types";
import type { Activity } from "./activities";

export interface HandleAgentActivityOptions {
  agentId: string;
  conversationId: string;
  activity: Activity;
}

/**
 * What an AI agent sends, built-in or Bot Framework alike: a message for the
 * customer, and/or a command (Escalate, EndConversation). Only the agent that
 * holds the conversation may speak in it.
 */
export async function handleAgentActivity({ agentId, conversationId, activity }: HandleAgentActivityOptions) {
  const command = activity.channelData?.command;
  const ends = command?.type === "EndConversation" || activity.type === "endOfConversation";
  const text = activity.type === "message" && activity.text?.trim() ? activity.text : null;

  const result = await inTransaction(async (tx, fx) => {
    const conversation = await getConversationOrThrow(tx, conversationId);
    if (conversation.status !== "active" || conversation.assigneeId !== agentId) {
      throw invalidState("this AI agent does not hold the conversation (any more)", {
        state: conversation.status === "active" ? "not_assignee" : conversation.status,
      });
    }
    // Any answer from the agent means it is alive: the reply timeout no longer applies.
    await tx.timer.deleteMany({ where: { conversationId, kind: "bot_reply" } });
    const message = text ? await recordMessage(tx, fx, { conversationId, authorType: "agent", agentId, text }) : null;
    if (ends) {
      await closeInTransaction(tx, fx, conversation, { actor: agentActor(agentId), reason: "ended by the AI agent", leftReason: "ended" });
    }
    return { id: message?.id ?? activity.id ?? null, queueId: conversation.queueId };
  });

  if (command?.type === "Escalate") {
    const agent = await getDb().agent.findUniqueOrThrow({ where: { id: agentId } });
    const value = command.value ?? {};
    await transferConversation({
      conversationId,
      actor: agentActor(agentId),
      target: { queueId: value.queueId ?? agent.escalationQueueId ?? result.queueId ?? "" },
      reason: "escalation",
      summary: typeof value.summary === "string" ? value.summary : null,
      note: typeof value.note === "string" ? value.note : null,
    });
  }
  return { id: result.id };
}
