import type { Conversation } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { appendEvent } from "@/lib/timeline/append-events";
import type { Actor } from "@/lib/timeline/types";

export type LeftReason =
  | "transferred"
  | "escalated"
  | "closed"
  | "customer_left"
  | "customer_inactive"
  | "force_closed"
  | "ended";

/** The customer went away: a representative holding the chat still has their wrap-up to do (record-wrap-up.ts). */
const customerWentAway = new Set<LeftReason>(["customer_left", "customer_inactive"]);

/**
 * Disconnects whoever holds the conversation: their participation ends and a
 * representative's capacity comes back, which may let a waiting conversation in
 * (so their queues are served again after commit).
 */
export async function releaseAssignee(
  tx: Tx,
  fx: Effects,
  conversation: Conversation,
  options: { actor: Actor; reason: LeftReason },
): Promise<void> {
  const participation = await tx.participant.findFirst({
    where: { conversationId: conversation.id, leftAt: null },
    include: { agent: { select: { id: true, name: true, kind: true } } },
  });
  if (!participation) return;
  const at = now();
  const wrapUpPending = customerWentAway.has(options.reason) && participation.kind === "human";
  await tx.participant.update({
    where: { id: participation.id },
    data: { leftAt: at, leftReason: options.reason, wrapUpPending },
  });
  // What was waiting on the agent that leaves (its reply, its hand-over of a request for a person) waits no more.
  await tx.timer.deleteMany({
    where: { conversationId: conversation.id, kind: { in: ["bot_reply", "person_request"] } },
  });
  if (participation.units > 0) {
    await tx.agent.update({
      where: { id: participation.agentId },
      data: { usedCapacity: { decrement: participation.units }, lastReleasedAt: at },
    });
    const memberships = await tx.queueMembership.findMany({
      where: { agentId: participation.agentId },
      select: { queueId: true },
    });
    for (const { queueId } of memberships) fx.queuesToServe.add(queueId);
  }
  fx.agentsChanged.add(participation.agentId);
  await appendEvent(tx, fx, conversation.id, {
    type: "agent.removed",
    actor: options.actor,
    data: {
      agentId: participation.agentId,
      agentName: participation.agent.name,
      agentKind: participation.agent.kind,
      reason: options.reason,
      unitsReleased: participation.units,
    },
  });
}
