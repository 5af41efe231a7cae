import { partition } from "./eligibility";
import { assignmentMethods, rank } from "./methods";
import type { AssignmentMethodName, Candidate, Decision, Exclusion, NonEmpty, RoutingRequest } from "./types";

/**
 * The routing core: given a queue's members and what we know of the
 * conversation, who gets it and why. Pure: same input, same decision.
 */
export function decideAssignment(
  method: AssignmentMethodName,
  members: Candidate[],
  request: RoutingRequest,
): Decision {
  const { eligible, excluded, excludedForWhoTheyAre, free } = partition(members, request);
  const nobodyCanEverTakeIt = excludedForWhoTheyAre === members.length;
  if (eligible.length === 0) {
    return {
      method,
      winner: null,
      ranked: [],
      excluded,
      nobodyCanEverTakeIt,
      freeMembers: free,
      explanation: explainNoOne(members.length, excluded),
    };
  }
  const { ranked, why } = rank(assignmentMethods[method], eligible as NonEmpty<Candidate>);
  const winner = ranked[0] ?? null;
  return {
    method,
    winner,
    ranked,
    excluded,
    nobodyCanEverTakeIt: false,
    freeMembers: free,
    explanation: `${winner?.name} chosen by ${assignmentMethods[method].label.toLowerCase()}: ${why}.${explainExcluded(excluded)}`,
  };
}

/** Names at most this many exclusions in the sentence; the rest are counted by reason (a queue may have thousands). */
export const EXPLAINED_EXCLUSIONS = 8;

const reasonWords: Record<Exclusion["reason"], string> = {
  sender: "sent it here",
  ai_already_handled: "AI agents that already handled it",
  presence: "not available",
  at_capacity: "at capacity",
};

function explainExcluded(excluded: Exclusion[]): string {
  if (excluded.length === 0) return "";
  const named = excluded.slice(0, EXPLAINED_EXCLUSIONS).map((e) => `${e.name} (${e.detail})`);
  const rest = excluded.slice(EXPLAINED_EXCLUSIONS);
  if (rest.length > 0) {
    const counts = new Map<string, number>();
    for (const e of rest) counts.set(reasonWords[e.reason], (counts.get(reasonWords[e.reason]) ?? 0) + 1);
    const summary = [...counts].map(([words, n]) => `${n} ${words}`).join(", ");
    named.push(`and ${rest.length} more (${summary})`);
  }
  return ` Excluded: ${named.join("; ")}.`;
}

function explainNoOne(memberCount: number, excluded: Exclusion[]): string {
  if (memberCount === 0) return "No one is eligible: the queue has no members.";
  return `No one is eligible.${explainExcluded(excluded)}`;
}
