import type { Conversation } from "@/generated/prisma/client";
import { closeInTransaction } from "@/lib/conversations/close-in-transaction";
import { getConversationOrThrow } from "@/lib/conversations/conversation-record";
import { recordMessage } from "@/lib/conversations/record-message";
import { transferConversation } from "@/lib/conversations/transfer-conversation";
import type { Tx } from "@/lib/db/transaction";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState } from "@/lib/errors";
import { agentActor } from "@/lib/timeline/types";
import { type Activity, suggestedChoices } from "./activities";
import { chooseEscalationQueue, type EscalationTarget } from "./choose-escalation-queue";

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
    const escalateTo =
      command?.type === "Escalate" ? await escalationTarget(tx, agentId, conversation, command.value?.queueId) : null;
    // An answer to the customer means the agent is alive: the reply timeout no longer applies.
    if (await answersCustomer(tx, conversationId, activity)) {
      await tx.timer.deleteMany({ where: { conversationId, kind: "bot_reply" } });
    }
    const choices = suggestedChoices(activity);
    const message = text
      ? await recordMessage(tx, fx, { conversationId, authorType: "agent", agentId, text, choices })
      : null;
    if (ends) {
      await closeInTransaction(tx, fx, conversation, {
        actor: agentActor(agentId),
        reason: "ended by the AI agent",
        leftReason: "ended",
      });
    }
    return { id: message?.id ?? activity.id ?? null, escalateTo };
  });

  if (command?.type === "Escalate" && result.escalateTo) {
    const value = command.value ?? {};
    await transferConversation({
      conversationId,
      actor: agentActor(agentId),
      target: { queueId: result.escalateTo.queueId },
      reason: "escalation",
      routedBecause: result.escalateTo.why,
      summary: typeof value.summary === "string" ? value.summary : null,
      note: typeof value.note === "string" ? value.note : null,
    });
  }
  return { id: result.id };
}

/**
 * Where an escalation goes (choose-escalation-queue.ts). Checked before anything is recorded, so an escalation to
 * nowhere refuses the whole activity instead of keeping half of it.
 */
async function escalationTarget(
  tx: Tx,
  agentId: string,
  conversation: Conversation,
  requestedQueueId: string | undefined,
): Promise<EscalationTarget> {
  const agent = await tx.agent.findUniqueOrThrow({
    where: { id: agentId },
    select: { id: true, escalationQueueId: true },
  });
  const target = await chooseEscalationQueue(tx, { agent, conversation, requestedQueueId });
  if (!target) throw invalidState("there is no queue to escalate to", { state: "no_escalation_queue" });
  return target;
}

/**
 * Whether an activity answers the customer: a reply to one of their messages,
 * or one that replies to nothing in particular. A reply to Switchboard's own
 * "agent added" or set-context activity (a greeting) is not an answer: a
 * message the customer wrote before the greeting still waits for one.
 */
async function answersCustomer(tx: Tx, conversationId: string, activity: Activity): Promise<boolean> {
  const replyToId = typeof activity.replyToId === "string" && activity.replyToId ? activity.replyToId : null;
  if (!replyToId) return true;
  const repliedTo = await tx.message.findFirst({
    where: { id: replyToId, conversationId, authorType: "customer" },
    select: { id: true },
  });
  return repliedTo !== null;
}
