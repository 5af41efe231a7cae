import { partition } from "./eligibility";
import { assignmentMethods, rank } from "./methods";
import type { AssignmentMethodName, Candidate, Decision, Exclusion, NonEmpty, RoutingRequest, Unlisted } from "./types";

/**
 * The routing core: given a queue's members and what we know of the
 * conversation, who gets it and why. Pure: same input, same decision.
 */
export function decideAssignment(
  method: AssignmentMethodName,
  members: Candidate[],
  request: RoutingRequest,
  /** A large queue's members that were not loaded because they cannot take work now (see candidate-source.ts). */
  unlisted: Unlisted = {},
): Decision {
  const { eligible, excluded, excludedForWhoTheyAre, free } = partition(members, request);
  const unlistedExcluded = (unlisted.presence ?? 0) + (unlisted.at_capacity ?? 0);
  const nobodyCanEverTakeIt = excludedForWhoTheyAre === members.length && unlistedExcluded === 0;
  if (eligible.length === 0) {
    return {
      method,
      winner: null,
      ranked: [],
      excluded,
      nobodyCanEverTakeIt,
      freeMembers: free,
      unlistedExcluded,
      explanation: explainNoOne(members.length + unlistedExcluded, excluded, unlisted),
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
    unlistedExcluded,
    explanation: `${winner?.name} chosen by ${assignmentMethods[method].label.toLowerCase()}: ${why}.${explainExcluded(excluded, unlisted)}`,
  };
}

/** Names at most this many exclusions in the sentence; the rest are counted by reason (a queue may have thousands). */
export const EXPLAINED_EXCLUSIONS = 8;

const reasonWords: Record<Exclusion["reason"], string> = {
  sender: "sent it here",
  ai_already_handled: "AI agents that already handled it",
  person_requested: "AI agents, as a person was asked for",
  presence: "not available",
  at_capacity: "at capacity",
};

function explainExcluded(excluded: Exclusion[], unlisted: Unlisted = {}): string {
  const named = excluded.slice(0, EXPLAINED_EXCLUSIONS).map((e) => `${e.name} (${e.detail})`);
  const counts = new Map<string, number>();
  const count = (words: string, n: number) => n > 0 && counts.set(words, (counts.get(words) ?? 0) + n);
  for (const e of excluded.slice(EXPLAINED_EXCLUSIONS)) count(reasonWords[e.reason], 1);
  count(reasonWords.at_capacity, unlisted.at_capacity ?? 0);
  count(reasonWords.presence, unlisted.presence ?? 0);
  const more = [...counts.values()].reduce((sum, n) => sum + n, 0);
  if (more > 0) {
    const summary = [...counts].map(([words, n]) => `${n} ${words}`).join(", ");
    named.push(named.length ? `and ${more} more (${summary})` : `${more} members (${summary})`);
  }
  return named.length ? ` Excluded: ${named.join("; ")}.` : "";
}

function explainNoOne(memberCount: number, excluded: Exclusion[], unlisted: Unlisted): string {
  if (memberCount === 0) return "No one is eligible: the queue has no members.";
  return `No one is eligible.${explainExcluded(excluded, unlisted)}`;
}
