import type { Conversation, Queue } from "@/generated/prisma/client";
import { newId } from "@/lib/db/ids";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState, notFound } from "@/lib/errors";
import { applyAtOnce, applyThroughPrisma, type Planner } from "@/lib/routing/apply-plan";
import { appendToTimeline, draftForNew } from "@/lib/routing/assignment-plan";
import type { CandidateSource } from "@/lib/routing/candidate-source";
import { type Reading, read } from "@/lib/routing/reading";
import { planRouteToQueue, type Routed, waitOrOverflow } from "@/lib/routing/route-to-queue";
import { matchRule } from "@/lib/routing-rules/match-rule";
import { customerActor, systemActor } from "@/lib/timeline/types";
import { hashCustomerToken, newCustomerToken } from "./customer-token";
import { getConversation, toConversationView } from "./get-conversation";
import type { StartConversationInput } from "./schemas";

/** What a new conversation starts from, as it is stored. */
export interface NewConversation {
  customerName: string;
  customerTokenHash: string;
  topic: string | null;
  /** As stored and read back as JSON. */
  context: Record<string, unknown>;
  queueId?: string;
}

interface Started extends Routed {
  queue: Queue;
}

/**
 * A customer starts a chat: the entry point's queue (if it names one) or the routing rules pick the queue, and the
 * conversation is assigned or waits. The customer's token is returned once; only its hash is stored. The conversation
 * comes back as the API shows it.
 *
 * The common outcome — someone takes it at once — is one plan: on SQLite, applied in one synchronous transaction;
 * elsewhere through Prisma (docs/decisions/013-assignment-plans.md). A conversation that must wait is written by the
 * general path, which also gives it its place in line.
 */
export async function startConversation(input: StartConversationInput) {
  const customerToken = newCustomerToken();
  const request: NewConversation = {
    customerName: input.customer.name,
    customerTokenHash: hashCustomerToken(customerToken),
    topic: input.topic ?? null,
    context: JSON.parse(JSON.stringify(input.context ?? {})) as Record<string, unknown>,
    queueId: input.queueId,
  };
  const planner: Planner<Started> = (source, at) => planStart(source, request, at);
  const started =
    (await applyAtOnce(planner)) ??
    (await inTransaction(async (tx, fx) => {
      const planned = await applyThroughPrisma(tx, fx, planner);
      if (planned.unfinished) await waitOrOverflow(tx, fx, planned.draft.conversation, planned.queue, planned.decision);
      return planned;
    }));
  const { conversation } = started.draft;
  const winner = started.decision.winner;
  if (started.unfinished || !winner) return { conversation: await getConversation(conversation.id), customerToken };
  // Assigned: the view is what the plan wrote, without reading it back.
  const assignee = { id: winner.agentId, name: winner.name, kind: winner.kind };
  const queue = { id: started.queue.id, name: started.queue.name };
  return { conversation: toConversationView({ ...conversation, queue, assignee }, null), customerToken };
}

/** Created, routed into its entry queue, and — if anyone can take it now — assigned, as one plan. */
export function* planStart(source: CandidateSource, request: NewConversation, at: Date): Reading<Started> {
  const entry = yield* chooseEntryQueue(source, request);
  const created = draftForNew(newConversation(request, at), at);
  const started = appendToTimeline(created, [
    {
      type: "conversation.started",
      actor: customerActor,
      data: { customerName: request.customerName, topic: request.topic, context: request.context },
    },
  ]);
  const routed = yield* planRouteToQueue(source, started, entry.queue, {
    actor: systemActor,
    reason: entry.reason,
    ruleId: entry.ruleId,
  });
  return { ...routed, queue: entry.queue };
}

/** The row as a new conversation is created; the plan's steps then move it on before it is stored. */
function newConversation(request: NewConversation, at: Date): Conversation {
  return {
    id: newId(),
    status: "open",
    queueId: null,
    assigneeId: null,
    customerName: request.customerName,
    customerTokenHash: request.customerTokenHash,
    topic: request.topic,
    context: request.context as Conversation["context"],
    handoff: null,
    transferredFromId: null,
    viaTransfer: false,
    overflowCount: 0,
    version: 0,
    lastSeq: 0,
    queuedAt: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
  };
}

/** The entry point's queue, else the first routing rule that matches, else the default queue. */
function* chooseEntryQueue(
  source: CandidateSource,
  request: NewConversation,
): Reading<{ queue: Queue; reason: string; ruleId: string | null }> {
  if (request.queueId) {
    const queue = yield* read(source.queue(request.queueId));
    if (!queue) throw notFound("queue", request.queueId);
    return { queue, reason: "entry point names the queue", ruleId: null };
  }
  const rules = yield* read(source.routingRules());
  const matched = matchRule(rules, { topic: request.topic, context: request.context });
  if (matched) {
    const queue = yield* read(source.queue(matched.queueId));
    if (!queue) throw notFound("queue", matched.queueId);
    return { queue, reason: `routing rule "${matched.name}"`, ruleId: matched.id };
  }
  const fallback = yield* read(source.defaultQueue());
  if (!fallback)
    throw invalidState("no routing rule matched and no default queue is configured", { state: "no_default_queue" });
  return { queue: fallback, reason: "default queue (no routing rule matched)", ruleId: null };
}
