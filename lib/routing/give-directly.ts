import type { Agent, Conversation, Queue } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/timeline/types";
import { decideAssignment } from "./decide-assignment";
import { giveToAgent } from "./give-to-agent";
import { loadCandidate } from "./load-candidates";
import type { AssignmentMethodName } from "./types";

/**
 * Gives an open conversation to a named agent (a direct transfer, or a
 * supervisor's assignment). Loop protection does not apply — a person chose
 * this agent — but presence, capacity and "never back to the sender" do.
 * The conversation joins the agent's queue: the current one if the agent is a
 * member, else the first it joined.
 */
export async function giveDirectly(
  tx: Tx,
  fx: Effects,
  conversation: Conversation,
  agent: Agent,
  actor: Actor,
  explanation: string,
): Promise<Conversation> {
  const queue = await queueForAgent(tx, conversation, agent);
  const candidate = await loadCandidate(tx, agent, queue?.id ?? null);
  const decision = decideAssignment(
    (queue?.assignmentMethod ?? "highest_capacity") as AssignmentMethodName,
    [candidate],
    {
      units: queue?.capacityUnits ?? 1,
      senderId: conversation.transferredFromId,
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
  return giveToAgent(tx, fx, { conversation, queue, agent, actor, via: "direct", decision, explanation });
}

async function queueForAgent(tx: Tx, conversation: Conversation, agent: Agent): Promise<Queue | null> {
  const memberships = await tx.queueMembership.findMany({
    where: { agentId: agent.id },
    include: { queue: true },
    orderBy: { joinedAt: "asc" },
  });
  const current = memberships.find((m) => m.queueId === conversation.queueId);
  return (current ?? memberships[0])?.queue ?? null;
}
