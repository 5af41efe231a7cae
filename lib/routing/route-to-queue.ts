import type { Conversation, Queue } from "@/generated/prisma/client";
import { addSeconds, now } from "@/lib/clock";
import { updateConversation } from "@/lib/conversations/conversation-record";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { appendEvent } from "@/lib/timeline/append-events";
import { type Actor, systemActor } from "@/lib/timeline/types";
import { decideForConversation } from "./decide-for-conversation";
import { giveToAgent } from "./give-to-agent";
import { recordOverflow } from "./overflow-conversation";
import type { Decision } from "./types";

export interface RouteToQueueOptions {
  actor: Actor;
  /** Why it went to this queue: "entry point", "rule: Billing", "transfer", "overflow", … */
  reason: string;
  ruleId?: string | null;
}

/** Puts an open conversation into a queue and assigns it at once if anyone is eligible; else it waits. */
export async function routeToQueue(
  tx: Tx,
  fx: Effects,
  conversation: Conversation,
  queue: Queue,
  options: RouteToQueueOptions,
): Promise<Conversation> {
  const routed = await updateConversation(tx, conversation, {
    status: "open",
    assigneeId: null,
    queueId: queue.id,
    queuedAt: now(),
  });
  await appendEvent(tx, fx, routed.id, {
    type: "conversation.routed",
    actor: options.actor,
    data: { queueId: queue.id, queueName: queue.name, reason: options.reason, ruleId: options.ruleId ?? null },
  });

  const decision = await decideForConversation(tx, routed, queue);
  if (decision.winner) return assignTo(tx, fx, routed, queue, decision);
  if (decision.nobodyCanEverTakeIt && queue.overflowAction !== "none") {
    return overflowConversation(tx, fx, routed, queue, "no member of the queue can ever take this conversation");
  }
  return wait(tx, fx, routed, queue, decision);
}

/**
 * Moves a waiting conversation on as its queue's overflow is configured: routed into the overflow queue (which may
 * overflow in turn; `recordOverflow` ends it after MAX_OVERFLOWS hops), or ended with a message.
 */
export async function overflowConversation(
  tx: Tx,
  fx: Effects,
  conversation: Conversation,
  queue: Queue,
  why: string,
): Promise<Conversation> {
  const { conversation: moved, onwardTo } = await recordOverflow(tx, fx, conversation, queue, why);
  if (!onwardTo) return moved;
  return routeToQueue(tx, fx, moved, onwardTo, { actor: systemActor, reason: `overflow from ${queue.name}` });
}

/** Another try for a conversation already waiting; nothing is recorded unless it is assigned. */
export async function retryWaiting(tx: Tx, fx: Effects, conversation: Conversation, queue: Queue): Promise<Decision> {
  const decision = await decideForConversation(tx, conversation, queue);
  if (decision.winner) await assignTo(tx, fx, conversation, queue, decision);
  return decision;
}

async function assignTo(tx: Tx, fx: Effects, conversation: Conversation, queue: Queue, decision: Decision) {
  const agent = await tx.agent.findUniqueOrThrow({ where: { id: decision.winner?.agentId } });
  return giveToAgent(tx, fx, {
    conversation,
    queue,
    agent,
    actor: systemActor,
    via: "queue",
    decision,
    explanation: decision.explanation,
  });
}

async function wait(tx: Tx, fx: Effects, conversation: Conversation, queue: Queue, decision: Decision) {
  const position = await tx.conversation.count({
    where: { queueId: queue.id, status: "open", queuedAt: { lte: conversation.queuedAt ?? now() } },
  });
  await appendEvent(tx, fx, conversation.id, {
    type: "conversation.queued",
    actor: systemActor,
    data: {
      queueId: queue.id,
      queueName: queue.name,
      position,
      explanation: decision.explanation,
      excluded: decision.excluded,
    },
  });
  if (queue.overflowAction !== "none" && queue.overflowAfterSeconds != null) {
    const dueAt = addSeconds(now(), queue.overflowAfterSeconds);
    await tx.timer.upsert({
      where: { conversationId_kind: { conversationId: conversation.id, kind: "overflow" } },
      create: { conversationId: conversation.id, kind: "overflow", dueAt, data: { queueId: queue.id } },
      update: { dueAt, data: { queueId: queue.id } },
    });
  }
  fx.queuesChanged.add(queue.id);
  return conversation;
}
