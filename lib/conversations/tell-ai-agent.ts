import type { Conversation, Message } from "@/generated/prisma/client";
import {
  type Activity,
  customerMessageActivity,
  type PersonRequestSource,
  requestHumanActivity,
} from "@/lib/ai-agents/activities";
import { addSeconds, now } from "@/lib/clock";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";

export interface CustomerTurn {
  /** What the customer wrote, if anything (the chat's button writes its line in the transcript but is not "said"). */
  message?: Message;
  /** The customer asked for a person: by the chat's button, or in words (asks-for-person.ts). */
  personRequest?: { source: PersonRequestSource; text: string };
}

/** The timer that escalates for a Bot Framework agent that leaves a request for a person unanswered. */
export const PERSON_REQUEST_TIMER = "person_request";

/**
 * Sends the AI agent that holds the conversation what the customer just did — their message, then a `requestHuman`
 * event if they asked for a person — after commit, in that order. Nothing when a person holds it or it waits.
 *
 * A Bot Framework bot is not trusted to answer: timers whose due times survive restarts escalate for it — `bot_reply`
 * when it does not answer a message, `person_request` when it does not hand a request for a person over (a reply
 * that is not an Escalate does not stop that one: the request for a person wins). A built-in agent answers
 * in-process and always escalates on the event (builtin-agent.ts).
 */
export async function tellAiAgent(tx: Tx, fx: Effects, conversation: Conversation, turn: CustomerTurn) {
  if (conversation.status !== "active" || !conversation.assigneeId) return;
  const agent = await tx.agent.findUniqueOrThrow({ where: { id: conversation.assigneeId } });
  if (agent.kind !== "ai") return;
  const activities: Activity[] = [];
  if (turn.message)
    activities.push(customerMessageActivity(conversation.id, agent, conversation.customerName, turn.message));
  if (turn.personRequest)
    activities.push(requestHumanActivity(conversation.id, agent, conversation.customerName, turn.personRequest));
  if (activities.length === 0) return;
  fx.deliveries.push({ agentId: agent.id, conversationId: conversation.id, activities });

  if (agent.botType !== "botframework") return;
  const dueAt = addSeconds(now(), agent.replyTimeoutMs / 1000);
  const data = { agentId: agent.id };
  const key = (kind: string) => ({ conversationId_kind: { conversationId: conversation.id, kind } });
  if (turn.message) {
    await tx.timer.upsert({
      where: key("bot_reply"),
      create: { conversationId: conversation.id, kind: "bot_reply", dueAt, data },
      update: { dueAt, data },
    });
  }
  if (turn.personRequest) {
    // Asking again does not push the escalation further away: the first request's time-out stands.
    await tx.timer.upsert({
      where: key(PERSON_REQUEST_TIMER),
      create: { conversationId: conversation.id, kind: PERSON_REQUEST_TIMER, dueAt, data },
      update: {},
    });
  }
}
