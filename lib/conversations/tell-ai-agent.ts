import type { Conversation, Message } from "@/generated/prisma/client";
import {
  type Activity,
  customerMessageActivity,
  type PersonRequestSource,
  requestHumanActivity,
} from "@/lib/ai-agents/activities";
import { armReplyTimer, replyDueAfterMs } from "@/lib/ai-agents/reply-timer";
import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";

export interface CustomerTurn {
  /** What the customer wrote, if anything (the chat's button writes its line in the transcript but is not "said"). */
  message?: Message;
  /** The customer asked for a person: by the chat's button, or in words (asks-for-person.ts). */
  personRequest?: { source: PersonRequestSource; text: string };
}

/** The timer that escalates for a bot or model that leaves a request for a person unanswered. */
export const PERSON_REQUEST_TIMER = "person_request";

/**
 * Sends the AI agent that holds the conversation what the customer just did — their message, then a `requestHuman`
 * event if they asked for a person — after commit, in that order. Nothing when a person holds it or it waits.
 *
 * A Bot Framework bot or a language model is not trusted to answer: timers whose due times survive restarts escalate
 * for it — `bot_reply` when it does not answer a message, `person_request` when it does not hand a request for a
 * person over (a reply that is not an Escalate does not stop that one: the request for a person wins). A built-in
 * agent answers in-process and always escalates on the event (builtin-agent.ts); a model escalates on it itself
 * (run-llm-agent.ts), the timer being its backstop.
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

  // A bot or model that never answers must not strand the customer: the due times survive restarts (reply-timer.ts).
  if (turn.message) await armReplyTimer(tx, conversation.id, agent, now());
  const dueAfterMs = replyDueAfterMs(agent);
  if (!turn.personRequest || dueAfterMs === null) return;
  const dueAt = new Date(now().getTime() + dueAfterMs);
  // Asking again does not push the escalation further away: the first request's time-out stands.
  await tx.timer.upsert({
    where: { conversationId_kind: { conversationId: conversation.id, kind: PERSON_REQUEST_TIMER } },
    create: { conversationId: conversation.id, kind: PERSON_REQUEST_TIMER, dueAt, data: { agentId: agent.id } },
    update: {},
  });
}
