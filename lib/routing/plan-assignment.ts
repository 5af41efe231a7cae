import type { Conversation, Queue } from "@/generated/prisma/client";
import { type AgentDelivery, agentAddedActivity, setContextActivity } from "@/lib/ai-agents/activities";
import { buildAgentContext, type Handoff } from "@/lib/ai-agents/build-context";
import { newId } from "@/lib/db/ids";
import type { NewEvent } from "@/lib/timeline/append-events";
import { type Actor, systemActor } from "@/lib/timeline/types";
import { addToPlan, appendToTimeline, changeState, type Draft, requireOpen } from "./assignment-plan";
import type { Candidate, Decision, ExclusionReason } from "./types";

export interface AssignmentChoice {
  queue: Pick<Queue, "id" | "name" | "capacityUnits"> | null;
  /** The winner as the decision read it: its capacity is what the claim expects to find. */
  winner: Candidate;
  actor: Actor;
  /** How the agent was chosen: by the queue's method (with its decision) or named directly. */
  via: "queue" | "direct";
  decision: Decision | null;
  explanation: string;
}

/**
 * The assignment of an open conversation to the winner, planned (pure): the claim (a representative's capacity only
 * if it still fits, with the capacity the decision read; an AI agent only stamped), the turn in the queue, the
 * conversation open → active, the participation, the overflow timer dropped, the events, and after commit the AI
 * agent's activities and the dashboards. Nothing is written here; an applier writes it all or nothing.
 */
export function planAssignment(draft: Draft, choice: AssignmentChoice): Draft {
  requireOpen(draft);
  const { queue, winner } = choice;
  const at = draft.at;
  const units = winner.kind === "human" ? (queue?.capacityUnits ?? 1) : 0;
  const assigned = changeState(draft, {
    status: "active",
    assigneeId: winner.agentId,
    queueId: queue?.id ?? draft.conversation.queueId,
    queuedAt: null,
    viaTransfer: false,
    transferredFromId: null,
  });
  const { events, delivery } = assignmentEvents(assigned.conversation, queue, winner, choice, {
    units,
    ...howItCame(draft.conversation, at),
  });
  const withParts = addToPlan(assigned, {
    claim: { agentId: winner.agentId, kind: winner.kind, units, capacityRead: winner.capacity, at },
    membership: queue ? { queueId: queue.id, agentId: winner.agentId, at } : null,
    participant: {
      id: newId(),
      conversationId: draft.conversation.id,
      agentId: winner.agentId,
      kind: winner.kind,
      queueId: queue?.id ?? null,
      units,
      joinedAt: at,
    },
    // A conversation being created has no timers yet: no statement spent looking.
    dropTimers: draft.plan.conversation.kind === "insert" ? [] : ["overflow"],
    after: {
      deliveries: delivery ? [delivery] : [],
      agentsChanged: [winner.agentId],
      queuesChanged: queue ? [queue.id] : [],
      queuesToServe: [],
    },
  });
  return appendToTimeline(withParts, events);
}

/** The queue's own choice, made by the system: its winner, with the decision that explains it. */
export function planQueueAssignment(
  draft: Draft,
  queue: Pick<Queue, "id" | "name" | "capacityUnits">,
  decided: { decision: Decision; winner: Candidate },
): Draft {
  const { decision, winner } = decided;
  return planAssignment(draft, {
    queue,
    winner,
    actor: systemActor,
    via: "queue",
    decision,
    explanation: decision.explanation,
  });
}

/**
 * The events an assignment appends, in order (agent.assigned; for an AI agent also agent.added and context.set), and
 * what an AI agent must receive after commit.
 */
function assignmentEvents(
  conversation: Conversation,
  queue: Pick<Queue, "id" | "name"> | null,
  winner: Pick<Candidate, "agentId" | "name" | "kind">,
  choice: Pick<AssignmentChoice, "actor" | "via" | "decision" | "explanation">,
  { units, waitingSince, handedOverBy }: { units: number } & ReturnType<typeof howItCame>,
): { events: NewEvent[]; delivery: AgentDelivery | null } {
  const agent = { id: winner.agentId, name: winner.name, kind: winner.kind };
  const events: NewEvent[] = [
    {
      type: "agent.assigned",
      actor: choice.actor,
      data: {
        agentId: agent.id,
        agentName: agent.name,
        agentKind: agent.kind,
        queueId: queue?.id ?? null,
        queueName: queue?.name ?? null,
        via: choice.via,
        // For the metrics (lib/metrics/count-assignments.ts): how long it waited, and whether this completes a
        // hand-off between an AI agent and a person.
        waitingSince: waitingSince.toISOString(),
        handedOverBy,
        method: choice.decision?.method ?? null,
        explanation: choice.explanation,
        ...boundedDecision(choice.decision),
        units,
      },
    },
  ];
  if (agent.kind !== "ai") return { events, delivery: null };
  // The order AI agents receive: "agent added", then the set-context event, then (their) greeting.
  const added = agentAddedActivity(conversation.id, agent, conversation.customerName);
  const context = buildAgentContext(conversation, queue);
  const setContext = setContextActivity(conversation.id, agent, context);
  events.push(
    { type: "agent.added", actor: systemActor, data: { agentId: agent.id, agentName: agent.name, activity: added } },
    { type: "context.set", actor: systemActor, data: { agentId: agent.id, context, activity: setContext } },
  );
  return { events, delivery: { agentId: agent.id, conversationId: conversation.id, activities: [added, setContext] } };
}

/**
 * Read before the assignment clears them: since when it has waited (it entered the queue, started or transferred;
 * given directly without waiting: now), and who handed it over when a transfer brought it here.
 */
function howItCame(conversation: Conversation, at: Date) {
  const handoff = conversation.viaTransfer ? (conversation.handoff as Handoff | null) : null;
  return { waitingSince: new Date(conversation.queuedAt ?? at), handedOverBy: handoff?.fromKind ?? null };
}

const forWhoTheyAre = new Set<ExclusionReason>(["sender", "ai_already_handled", "person_requested"]);

/** How much of a decision the timeline keeps: enough to explain it, never a copy of a 5,000-member queue. */
const STORED_CANDIDATES = 10;

function boundedDecision(decision: Decision | null) {
  const ranked = decision?.ranked ?? [];
  const excluded = decision?.excluded ?? [];
  // Who was excluded for who they are (sender, loop protection, a person asked for) always explains the decision:
  // keep them all.
  const byIdentity = excluded.filter((e) => forWhoTheyAre.has(e.reason));
  const byState = excluded.filter((e) => !forWhoTheyAre.has(e.reason));
  return {
    ranked: ranked.slice(0, STORED_CANDIDATES),
    excluded: [...byIdentity, ...byState.slice(0, STORED_CANDIDATES)],
    eligibleCount: ranked.length,
    excludedCount: excluded.length,
  };
}
