import type { Conversation, Queue } from "@/generated/prisma/client";
import { addSeconds, now } from "@/lib/clock";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { appendEvent } from "@/lib/timeline/append-events";
import { type Actor, systemActor } from "@/lib/timeline/types";
import { applyThroughPrisma, type Planned } from "./apply-plan";
import { appendToTimeline, changeState, type Draft, draftOnCurrent } from "./assignment-plan";
import type { CandidateSource } from "./candidate-source";
import { decideForConversation } from "./decide-for-conversation";
import { recordOverflow } from "./overflow-conversation";
import { planQueueAssignment } from "./plan-assignment";
import type { Reading } from "./reading";
import type { Decision } from "./types";

export interface RouteToQueueOptions {
  actor: Actor;
  /** Why it went to this queue: "entry point", "rule: Billing", "transfer", "overflow", … */
  reason: string;
  ruleId?: string | null;
}

export interface Routed extends Planned {
  draft: Draft;
  decision: Decision;
}

/**
 * Routing into a queue, planned: the conversation joins the queue's line (conversation.routed), the queue decides,
 * and if someone can take it now, the assignment follows in the same plan. Otherwise the plan stops there, unfinished:
 * waiting (its place in line, its overflow timer) or overflowing is the general path's (`waitOrOverflow`).
 */
export function* planRouteToQueue(
  source: CandidateSource,
  draft: Draft,
  queue: Queue,
  options: RouteToQueueOptions,
): Reading<Routed> {
  const routed = appendToTimeline(
    changeState(draft, { status: "open", assigneeId: null, queueId: queue.id, queuedAt: draft.at }),
    [
      {
        type: "conversation.routed",
        actor: options.actor,
        data: { queueId: queue.id, queueName: queue.name, reason: options.reason, ruleId: options.ruleId ?? null },
      },
    ],
  );
  const { decision, winner } = yield* decideForConversation(source, routed.conversation, queue);
  if (!winner) return { draft: routed, decision, unfinished: true };
  return { draft: planQueueAssignment(routed, queue, { decision, winner }), decision, unfinished: false };
}

/** Puts an open conversation into a queue (general path) and assigns it at once if anyone is eligible; else it waits. */
export async function routeToQueue(
  tx: Tx,
  fx: Effects,
  conversation: Conversation,
  queue: Queue,
  options: RouteToQueueOptions,
): Promise<Conversation> {
  const routed = await applyThroughPrisma(tx, fx, function* (source, at) {
    return yield* planRouteToQueue(source, yield* draftOnCurrent(source, conversation, at), queue, options);
  });
  if (!routed.unfinished) return routed.draft.conversation;
  return waitOrOverflow(tx, fx, routed.draft.conversation, queue, routed.decision);
}

/** Nobody can take a routed conversation now: it waits in line, or overflows at once if nobody ever could. */
export function waitOrOverflow(
  tx: Tx,
  fx: Effects,
  conversation: Conversation,
  queue: Queue,
  decision: Decision,
): Promise<Conversation> {
  if (decision.nobodyCanEverTakeIt && queue.overflowAction !== "none") {
    return overflowConversation(tx, fx, conversation, queue, "no member of the queue can ever take this conversation");
  }
  return wait(tx, fx, conversation, queue, decision);
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
