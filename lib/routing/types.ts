/**
 * Plain data the pure routing core works on. Nothing here touches the database:
 * the engine loads these shapes, asks `decideAssignment`, and stores the answer.
 */
export type AgentKind = "ai" | "human";
export type Presence = "available" | "busy" | "do_not_disturb" | "away" | "offline";
export type AssignmentMethodName = "highest_capacity" | "round_robin" | "least_active";

export interface Candidate {
  agentId: string;
  name: string;
  kind: AgentKind;
  capacity: number;
  usedCapacity: number;
  presence: Presence;
  /** Order the agent joined this queue: the final, stable tie-break. */
  joinOrder: number;
  /** Last assignment anywhere (highest-capacity tie-break). */
  lastAssignedAt: Date | null;
  /** Last assignment in this queue (round robin). */
  lastAssignedInQueueAt: Date | null;
  /** When capacity was last released (least active). */
  lastReleasedAt: Date | null;
}

export interface RoutingRequest {
  /** Capacity units the conversation needs from a representative. */
  units: number;
  /** The agent who transferred the conversation here: never offered it back. */
  senderId: string | null;
  /** AI agents that already took part; excluded when the conversation came in through a transfer. */
  aiAgentsThatHandledIt: string[];
  viaTransfer: boolean;
  /**
   * Handed over because the customer asked for a person (an AI agent's escalation, or Switchboard escalating for a
   * failed one): no AI agent may take it, whichever queue it lands in.
   */
  peopleOnly?: boolean;
}

export type ExclusionReason =
  | "sender" // (a) it transferred the conversation here
  | "ai_already_handled" // (b) loop protection
  | "person_requested" // an AI agent, for a conversation escalated to people
  | "presence" // not available/busy (humans) or disabled (AI)
  | "at_capacity"; // not enough free units

export interface Exclusion {
  agentId: string;
  name: string;
  reason: ExclusionReason;
  detail: string;
}

export interface RankedCandidate {
  agentId: string;
  name: string;
  kind: AgentKind;
  /** What the method compared, for the explanation: e.g. { availableCapacity: 4 }. */
  score: Record<string, string | number | null>;
}

export interface Decision {
  method: AssignmentMethodName;
  winner: RankedCandidate | null;
  /** Eligible candidates, best first. */
  ranked: RankedCandidate[];
  excluded: Exclusion[];
  /** True when no member could ever take it (everyone excluded for who they are, not for their state). */
  nobodyCanEverTakeIt: boolean;
  /** Members free to take work now, whoever the conversation is: 0 means the queue is saturated. */
  freeMembers: number;
  /** Members excluded but not listed one by one (large queues). */
  unlistedExcluded: number;
  explanation: string;
}

/** Members not handed to the core (a large queue's unavailable or full ones), counted by reason. */
export type Unlisted = Partial<Record<"presence" | "at_capacity", number>>;

/** A non-empty list: strategies are only ever asked to rank someone. */
export type NonEmpty<T> = [T, ...T[]];
