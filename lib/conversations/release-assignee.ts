import type { Conversation } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { applyThroughPrisma } from "@/lib/routing/apply-plan";
import { addToPlan, appendToTimeline, type Draft, draftOnCurrent } from "@/lib/routing/assignment-plan";
import type { CandidateSource } from "@/lib/routing/candidate-source";
import { type Reading, read } from "@/lib/routing/reading";
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
 * Disconnects whoever holds the conversation, planned (docs/decisions/013-assignment-plans.md): their participation
 * ends, a representative's capacity comes back — which may let a waiting conversation in, so their queues are served
 * again after commit — the bot's reply and person-request timers go, and agent.removed says so. Nobody holds it: the draft as it was.
 */
export function* planRelease(
  source: CandidateSource,
  draft: Draft,
  options: { actor: Actor; reason: LeftReason },
): Reading<Draft> {
  const participation = yield* read(source.openParticipation(draft.conversation.id));
  if (!participation) return draft;
  const { agentId, units } = participation;
  const queuesToServe = units > 0 ? yield* read(source.queuesOf(agentId)) : [];
  const released = addToPlan(draft, {
    release: {
      participantId: participation.id,
      agentId,
      units,
      leftReason: options.reason,
      wrapUpPending: customerWentAway.has(options.reason) && participation.agentKind === "human",
      at: draft.at,
    },
    // What was waiting on the agent that leaves (its reply, its hand-over of a request for a person) waits no more.
    dropTimers: ["bot_reply", "person_request"],
    after: { deliveries: [], agentsChanged: [agentId], queuesChanged: [], queuesToServe },
  });
  return appendToTimeline(released, [
    {
      type: "agent.removed",
      actor: options.actor,
      data: {
        agentId,
        agentName: participation.agentName,
        agentKind: participation.agentKind,
        reason: options.reason,
        unitsReleased: units,
      },
    },
  ]);
}

/** The release as a step of a Prisma unit of work (a close): applied at once, nothing when nobody holds it. */
export async function releaseAssignee(
  tx: Tx,
  fx: Effects,
  conversation: Conversation,
  options: { actor: Actor; reason: LeftReason },
): Promise<void> {
  await applyThroughPrisma(tx, fx, function* (source, at) {
    const current = yield* draftOnCurrent(source, conversation, at);
    const released = yield* planRelease(source, current, options);
    return { draft: released.plan.release ? released : null, unfinished: false };
  });
}
