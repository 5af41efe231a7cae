import type { Conversation, Queue } from "@/generated/prisma/client";
import { type CandidateSource, loadCandidates } from "./candidate-source";
import { decideAssignment } from "./decide-assignment";
import { type Reading, read } from "./reading";
import type { AssignmentMethodName, Candidate, Decision } from "./types";

export interface Decided {
  decision: Decision;
  /** The winner as loaded (its capacity is what the claim expects), or null when nobody can take it now. */
  winner: Candidate | null;
}

/** Loads what the routing core needs for this conversation in this queue, and asks it. */
export function* decideForConversation(
  source: CandidateSource,
  conversation: Pick<Conversation, "id" | "viaTransfer" | "transferredFromId" | "handoff">,
  queue: Pick<Queue, "id" | "assignmentMethod" | "capacityUnits">,
): Reading<Decided> {
  const handledBy = conversation.viaTransfer ? yield* read(source.aiAgentsThatHandled(conversation.id)) : [];
  const senderId = conversation.transferredFromId;
  const identityExcluded = [...new Set([...(senderId ? [senderId] : []), ...handledBy])];
  const { members, unlisted } = yield* loadCandidates(source, queue, identityExcluded);
  const decision = decideAssignment(
    queue.assignmentMethod as AssignmentMethodName,
    members,
    {
      units: queue.capacityUnits,
      senderId,
      aiAgentsThatHandledIt: handledBy,
      viaTransfer: conversation.viaTransfer,
      peopleOnly: conversation.viaTransfer && escalatedToPeople(conversation.handoff),
    },
    unlisted,
  );
  const winner = decision.winner ? (members.find((m) => m.agentId === decision.winner?.agentId) ?? null) : null;
  return { decision, winner };
}

/** An AI agent's escalation, or Switchboard's for a failed one (transfer-conversation.ts): a person must take it. */
export function escalatedToPeople(handoff: Conversation["handoff"]): boolean {
  const reason = (handoff as { reason?: unknown } | null)?.reason;
  return reason === "escalation" || reason === "agent_failed";
}
