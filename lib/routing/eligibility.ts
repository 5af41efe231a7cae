import type { Candidate, Exclusion, RoutingRequest } from "./types";

/**
 * Who may be offered the conversation, as a pipeline of small checks applied in
 * order; the first check a candidate fails is the reason it is excluded.
 */
type Check = (candidate: Candidate, request: RoutingRequest) => Omit<Exclusion, "agentId" | "name"> | null;

const notTheSender: Check = (c, r) =>
  c.agentId === r.senderId ? { reason: "sender", detail: "transferred this conversation here" } : null;

const noAiLoop: Check = (c, r) =>
  r.viaTransfer && c.kind === "ai" && r.aiAgentsThatHandledIt.includes(c.agentId)
    ? { reason: "ai_already_handled", detail: "an AI agent that already handled this conversation" }
    : null;

const aPersonWasAskedFor: Check = (c, r) =>
  r.peopleOnly && c.kind === "ai"
    ? { reason: "person_requested", detail: "an AI agent, and this conversation was escalated to a person" }
    : null;

// Representatives take work when available or busy; an AI agent is either on (available) or disabled.
const offeredWork: Check = (c) => {
  const ok = c.kind === "ai" ? c.presence === "available" : c.presence === "available" || c.presence === "busy";
  return ok ? null : { reason: "presence", detail: `presence is ${c.presence}` };
};

// Only a representative's capacity is consumed; an AI agent's number only ranks it.
const hasRoom: Check = (c, r) =>
  c.kind === "human" && c.capacity - c.usedCapacity < r.units
    ? { reason: "at_capacity", detail: `uses ${c.usedCapacity} of ${c.capacity} units, needs ${r.units}` }
    : null;

/** Checks about who the agent is (permanent for this conversation) come before checks about its state. */
export const identityChecks: Check[] = [notTheSender, noAiLoop, aPersonWasAskedFor];
export const stateChecks: Check[] = [offeredWork, hasRoom];

export function partition(
  candidates: Candidate[],
  request: RoutingRequest,
): { eligible: Candidate[]; excluded: Exclusion[]; excludedForWhoTheyAre: number; free: number } {
  const eligible: Candidate[] = [];
  const excluded: Exclusion[] = [];
  let excludedForWhoTheyAre = 0;
  let free = 0;
  for (const candidate of candidates) {
    const identity = firstFailure(identityChecks, candidate, request);
    const state = firstFailure(stateChecks, candidate, request);
    if (identity) excludedForWhoTheyAre++;
    if (!state) free++;
    const failure = identity ?? state;
    if (failure) excluded.push({ agentId: candidate.agentId, name: candidate.name, ...failure });
    else eligible.push(candidate);
  }
  return { eligible, excluded, excludedForWhoTheyAre, free };
}

function firstFailure(checks: Check[], candidate: Candidate, request: RoutingRequest) {
  for (const check of checks) {
    const failure = check(candidate, request);
    if (failure) return failure;
  }
  return null;
}
