import { transferInTransaction } from "@/lib/conversations/transfer-conversation";
import type { Tx } from "@/lib/db/transaction";
import { type Effects, inTransaction } from "@/lib/engine/unit-of-work";
import { systemActor } from "@/lib/timeline/types";
import { chooseEscalationQueue } from "./choose-escalation-queue";

/**
 * An AI agent that is down, slow or broken must not strand the customer:
 * Switchboard escalates for it to its escalation queue (or back to the
 * conversation's queue, where loop protection keeps it from returning to the
 * same agent; never to a queue no person could take it in when another would:
 * choose-escalation-queue.ts), with a note in the transcript. Everything the customer wrote
 * is already stored, so the representative sees it all.
 */
export function escalateFailedAgent(conversationId: string, agentId: string, why: string): Promise<boolean> {
  return inTransaction((tx, fx) => escalateFailedAgentInTransaction(tx, fx, conversationId, agentId, why));
}

/**
 * The escalation as a step of a larger unit of work (the bot-reply timer's claim commits with it).
 * False when there is nothing to do: the conversation moved on (the bot recovered, a supervisor acted, it closed)
 * — checked here, on the transaction's own reads, so a stale view never throws the unit away.
 */
export async function escalateFailedAgentInTransaction(
  tx: Tx,
  fx: Effects,
  conversationId: string,
  agentId: string,
  why: string,
): Promise<boolean> {
  const [conversation, agent] = await Promise.all([
    tx.conversation.findUnique({ where: { id: conversationId } }),
    tx.agent.findUnique({ where: { id: agentId } }),
  ]);
  if (!conversation || !agent || conversation.status !== "active" || conversation.assigneeId !== agentId) return false;
  const target = await chooseEscalationQueue(tx, { agent, conversation });
  if (!target) return false;
  await transferInTransaction(tx, fx, {
    conversationId,
    actor: systemActor,
    target: { queueId: target.queueId },
    routedBecause: target.why,
    reason: "agent_failed",
    onlyIfHeldBy: agentId,
    summary: `Switchboard escalated: ${why}.`,
    customerNotice: "Sorry for the wait — I'm connecting you to a person who can help.",
  });
  return true;
}
