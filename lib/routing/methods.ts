import type { MemberOrder } from "@/lib/db/sql/types";
import type { AssignmentMethodName, Candidate, NonEmpty, RankedCandidate } from "./types";

/**
 * An assignment method is an ordered list of comparisons, each with the words
 * that explain a win decided by it. Methods are registered by name (a queue
 * stores the name), so adding one never touches the engine.
 */
type Compare = (a: Candidate, b: Candidate) => number;

export interface AssignmentMethod {
  name: AssignmentMethodName;
  label: string;
  steps: [compare: Compare, why: (winner: Candidate) => string][];
  score(c: Candidate): RankedCandidate["score"];
  /**
   * The same order as `steps`, on QueueMembership's columns alone — its copy of the agent's routing state — so a
   * large queue hands the core only its best few candidates by walking the method's index (schema.prisma). Each
   * dialect spells it (lib/db/sql/), ranking a never-set time (NULL) first, as "never" is the oldest time here.
   */
  sqlOrder: MemberOrder;
}

/** An AI agent's capacity is never consumed, so all of it is always available. */
export const availableCapacity = (c: Candidate): number => (c.kind === "ai" ? c.capacity : c.capacity - c.usedCapacity);

// Never (null) counts as the oldest time: an agent that never got one goes first.
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
/** Oldest first; two "nevers" tie (so the next step decides) — a subtraction of infinities would give NaN. */
const oldest =
  (pick: (c: Candidate) => Date | null): Compare =>
  (a, b) => {
    const [x, y] = [pick(a), pick(b)];
    if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
    return x.getTime() - y.getTime();
  };

const byCapacity: Compare = (a, b) => availableCapacity(b) - availableCapacity(a);
const byLastAssigned = oldest((c) => c.lastAssignedAt);
const byQueueTurn = oldest((c) => c.lastAssignedInQueueAt);
const byReleased = oldest((c) => c.lastReleasedAt);
const byJoinOrder: Compare = (a, b) => a.joinOrder - b.joinOrder;

const joinedFirst = () => "joined the queue first";

export const assignmentMethods: Record<AssignmentMethodName, AssignmentMethod> = {
  highest_capacity: {
    name: "highest_capacity",
    label: "Highest capacity",
    steps: [
      [byCapacity, (w) => `the most available capacity (${availableCapacity(w)})`],
      [byLastAssigned, () => "tied on capacity; its last assignment is the oldest"],
      [byJoinOrder, joinedFirst],
    ],
    score: (c) => ({ availableCapacity: availableCapacity(c), lastAssignedAt: iso(c.lastAssignedAt) }),
    // An AI agent's usedCapacity stays 0, so freeUnits is its whole capacity, as availableCapacity says.
    sqlOrder: [
      ["freeUnits", "desc"],
      ["agentLastAssignedAt", "asc"],
      ["joinOrder", "asc"],
    ],
  },
  round_robin: {
    name: "round_robin",
    label: "Round robin",
    steps: [
      [byQueueTurn, () => "its last assignment in this queue is the oldest"],
      [byJoinOrder, joinedFirst],
    ],
    score: (c) => ({ lastAssignedInQueueAt: iso(c.lastAssignedInQueueAt) }),
    sqlOrder: [
      ["lastAssignedAt", "asc"],
      ["joinOrder", "asc"],
    ],
  },
  least_active: {
    name: "least_active",
    label: "Least active",
    steps: [
      [byReleased, () => "its capacity was released longest ago"],
      [byQueueTurn, () => "tied on release; its last assignment in this queue is the oldest"],
      [byJoinOrder, joinedFirst],
    ],
    score: (c) => ({ lastReleasedAt: iso(c.lastReleasedAt) }),
    sqlOrder: [
      ["agentLastReleasedAt", "asc"],
      ["lastAssignedAt", "asc"],
      ["joinOrder", "asc"],
    ],
  },
};

export const assignmentMethodNames = Object.keys(assignmentMethods) as AssignmentMethodName[];

/** Ranks eligible candidates best first and says why the first beat the runner-up. */
export function rank(
  method: AssignmentMethod,
  eligible: NonEmpty<Candidate>,
): { ranked: RankedCandidate[]; why: string } {
  const compare: Compare = (a, b) => {
    for (const [step] of method.steps) {
      const result = step(a, b);
      if (result !== 0) return result;
    }
    return 0;
  };
  const sorted = [...eligible].sort(compare) as NonEmpty<Candidate>;
  const [winner, runnerUp] = sorted;
  let why = "the only eligible agent";
  if (runnerUp) {
    const decisive = method.steps.find(([step]) => step(winner, runnerUp) < 0);
    why = decisive ? decisive[1](winner) : "first in the stable order";
  }
  const ranked = sorted.map((c) => ({ agentId: c.agentId, name: c.name, kind: c.kind, score: method.score(c) }));
  return { ranked, why };
}
