import type { Agent, Conversation, Queue } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/timeline/types";
import { applyThroughPrisma } from "./apply-plan";
import { type Draft, draftOnCurrent } from "./assignment-plan";
import { agentToCandidate, type CandidateSource } from "./candidate-source";
import { decideAssignment } from "./decide-assignment";
import { planAssignment } from "./plan-assignment";
import { type Reading, read } from "./reading";
import type { AssignmentMethodName } from "./types";

/**
 * Gives an open conversation to a named agent (a direct transfer, or a supervisor's assignment), planned. Loop
 * protection does not apply — a person chose this agent — but presence, capacity and "never back to the sender" do;
 * an agent who cannot take it is refused (409) before anything is written. The conversation joins the agent's queue:
 * the current one if the agent is a member, else the first it joined.
 */
export function* planGiveDirectly(
  source: CandidateSource,
  draft: Draft,
  agent: Agent,
  actor: Actor,
  explanation: string,
): Reading<Draft> {
  const queue = yield* queueForAgent(source, draft.conversation, agent);
  const membership = queue ? yield* read(source.membership(queue.id, agent.id)) : null;
  const candidate = agentToCandidate(agent, membership);
  const decision = decideAssignment(
    (queue?.assignmentMethod ?? "highest_capacity") as AssignmentMethodName,
    [candidate],
    {
      units: queue?.capacityUnits ?? 1,
      senderId: draft.conversation.transferredFromId,
      aiAgentsThatHandledIt: [],
      viaTransfer: false,
    },
  );
  if (!decision.winner) {
    const why = decision.excluded[0];
    throw new AppError(
      "invalid_state",
      `${agent.name} cannot take the conversation: ${why?.detail ?? "not eligible"}`,
      {
        state: why?.reason ?? "not_eligible",
        agentId: agent.id,
      },
    );
  }
  return planAssignment(draft, { queue, winner: candidate, actor, via: "direct", decision, explanation });
}

/** The same, applied in the caller's Prisma transaction. */
export async function giveDirectly(
  tx: Tx,
  fx: Effects,
  conversation: Conversation,
  agent: Agent,
  actor: Actor,
  explanation: string,
): Promise<Conversation> {
  const { draft } = await applyThroughPrisma(tx, fx, function* (source, at) {
    const current = yield* draftOnCurrent(source, conversation, at);
    return { draft: yield* planGiveDirectly(source, current, agent, actor, explanation), unfinished: false };
  });
  return draft.conversation;
}

function* queueForAgent(
  source: CandidateSource,
  conversation: Pick<Conversation, "queueId">,
  agent: Agent,
): Reading<Queue | null> {
  const queueIds = yield* read(source.queuesOf(agent.id));
  const queueId = conversation.queueId && queueIds.includes(conversation.queueId) ? conversation.queueId : queueIds[0];
  return queueId ? yield* read(source.queue(queueId)) : null;
}
