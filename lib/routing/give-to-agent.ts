import type { Agent, Conversation, Queue } from "@/generated/prisma/client";
import { type AgentDelivery, agentAddedActivity, setContextActivity } from "@/lib/ai-agents/activities";
import { buildAgentContext } from "@/lib/ai-agents/build-context";
import { now } from "@/lib/clock";
import { updateConversation } from "@/lib/conversations/conversation-record";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { ClaimLostError } from "@/lib/errors";
import { appendEvents, type NewEvent } from "@/lib/timeline/append-events";
import { type Actor, systemActor } from "@/lib/timeline/types";
import type { Decision } from "./types";

export interface GiveToAgentOptions {
  conversation: Conversation;
  queue: Queue | null;
  agent: Agent;
  actor: Actor;
  /** How the agent was chosen: by the queue's method (with its decision) or named directly. */
  via: "queue" | "direct";
  decision: Decision | null;
  explanation: string;
}

/**
 * Assigns an open conversation to one agent, atomically: the conversation
 * flips open→active only if nobody else did it first, and a representative's
 * capacity is taken only if it still fits. Either both happen or the unit of
 * work retries.
 */
export async function giveToAgent(tx: Tx, fx: Effects, options: GiveToAgentOptions): Promise<Conversation> {
  const { queue, agent } = options;
  if (options.conversation.status !== "open") throw new ClaimLostError("conversation is no longer open");
  const at = now();
  const units = agent.kind === "human" ? (queue?.capacityUnits ?? 1) : 0;

  if (agent.kind === "human") {
    const { count } = await tx.agent.updateMany({
      where: { id: agent.id, capacity: agent.capacity, usedCapacity: { lte: agent.capacity - units } },
      data: { usedCapacity: { increment: units }, lastAssignedAt: at },
    });
    if (count !== 1) throw new ClaimLostError(`agent ${agent.id} no longer has ${units} free units`);
  } else {
    await tx.agent.update({ where: { id: agent.id }, data: { lastAssignedAt: at } });
  }
  if (queue) {
    await tx.queueMembership.updateMany({
      where: { queueId: queue.id, agentId: agent.id },
      data: { lastAssignedAt: at },
    });
  }

  const conversation = await updateConversation(tx, options.conversation, {
    status: "active",
    assigneeId: agent.id,
    queueId: queue?.id ?? options.conversation.queueId,
    queuedAt: null,
    viaTransfer: false,
    transferredFromId: null,
  });
  await tx.participant.create({
    data: {
      conversationId: conversation.id,
      agentId: agent.id,
      kind: agent.kind,
      queueId: queue?.id ?? null,
      units,
      joinedAt: at,
    },
  });
  await tx.timer.deleteMany({ where: { conversationId: conversation.id, kind: "overflow" } });
  fx.agentsChanged.add(agent.id);
  if (queue) fx.queuesChanged.add(queue.id);

  const { events, delivery } = assignmentEvents(conversation, queue, agent, options, units);
  if (delivery) fx.deliveries.push(delivery);
  await appendEvents(tx, fx, conversation.id, events);
  return conversation;
}

/**
 * The events an assignment appends, in order (agent.assigned; for an AI agent also agent.added and context.set),
 * and what an AI agent must receive after commit. Shared by this Prisma path and the SQLite fast path
 * (assign-new-conversation-sqlite.ts) so both store the same data.
 */
export function assignmentEvents(
  conversation: Conversation,
  queue: Pick<Queue, "id" | "name"> | null,
  agent: Pick<Agent, "id" | "name" | "kind">,
  options: Pick<GiveToAgentOptions, "actor" | "via" | "decision" | "explanation">,
  units: number,
): { events: NewEvent[]; delivery: AgentDelivery | null } {
  const events: NewEvent[] = [
    {
      type: "agent.assigned",
      actor: options.actor,
      data: {
        agentId: agent.id,
        agentName: agent.name,
        agentKind: agent.kind,
        queueId: queue?.id ?? null,
        queueName: queue?.name ?? null,
        via: options.via,
        method: options.decision?.method ?? null,
        explanation: options.explanation,
        ...boundedDecision(options.decision),
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

/** How much of a decision the timeline keeps: enough to explain it, never a copy of a 5,000-member queue. */
const STORED_CANDIDATES = 10;

function boundedDecision(decision: Decision | null) {
  const ranked = decision?.ranked ?? [];
  const excluded = decision?.excluded ?? [];
  // Who was excluded for who they are (sender, loop protection) always explains the decision: keep them all.
  const byIdentity = excluded.filter((e) => e.reason === "sender" || e.reason === "ai_already_handled");
  const byState = excluded.filter((e) => e.reason !== "sender" && e.reason !== "ai_already_handled");
  return {
    ranked: ranked.slice(0, STORED_CANDIDATES),
    excluded: [...byIdentity, ...byState.slice(0, STORED_CANDIDATES)],
    eligibleCount: ranked.length,
    excludedCount: excluded.length,
  };
}
