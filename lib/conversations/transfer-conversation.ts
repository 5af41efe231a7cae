import type { Agent, Conversation, Queue } from "@/generated/prisma/client";
import type { Handoff, HandoffBrief } from "@/lib/ai-agents/build-context";
import { newId } from "@/lib/db/ids";
import type { Tx } from "@/lib/db/transaction";
import { type Effects, inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState, notFound } from "@/lib/errors";
import { applyAtOnce, applyThroughPrisma, type Planned, type Planner } from "@/lib/routing/apply-plan";
import { addToPlan, appendToTimeline, changeState, type Draft, draftFor } from "@/lib/routing/assignment-plan";
import type { CandidateSource } from "@/lib/routing/candidate-source";
import { planGiveDirectly } from "@/lib/routing/give-directly";
import { type Reading, read } from "@/lib/routing/reading";
import { planRouteToQueue, waitOrOverflow } from "@/lib/routing/route-to-queue";
import type { Decision } from "@/lib/routing/types";
import { type Actor, systemActor } from "@/lib/timeline/types";
import { messageSentData } from "./record-message";
import { planRelease } from "./release-assignee";
import { requireActorMayAct } from "./require-actor";

export type TransferTarget = { agentId: string } | { queueId: string };

export interface TransferConversationOptions {
  conversationId: string;
  actor: Actor;
  target: TransferTarget;
  /** The sender's note for whoever receives it (an AI agent gets it in its set-context event). */
  note?: string | null;
  /** escalation: an AI agent handing to people; agent_failed: Switchboard doing it for a broken AI agent. */
  reason?: "transfer" | "escalation" | "agent_failed";
  summary?: string | null;
  /** A language-model agent's structured summary (what the customer wants, what was tried, their mood). */
  brief?: HandoffBrief | null;
  /** A line for the customer's transcript, written in the same transaction (e.g. "connecting you to a person"). */
  customerNotice?: string;
  /** Refuse unless this agent still holds it: guards transfers decided outside the transaction (timers, failures). */
  onlyIfHeldBy?: string;
  /** Why it is routed into this queue, when there is more to say than `reason` (an escalation that fell back). */
  routedBecause?: string | null;
}

interface Transferred extends Planned {
  draft: Draft;
  /** Into a queue where nobody can take it now: the general path puts it in line (or overflows it). */
  waiting: { queue: Queue; decision: Decision } | null;
}

/**
 * Hands a conversation on. The sender is disconnected first (participation ended, capacity released), then the
 * conversation is routed: into a queue (where the sender and, for loop protection, AI agents that already handled it
 * are excluded) or straight to a named agent (never the sender). All in one transaction: a refused transfer changes
 * nothing.
 *
 * Hand-backs are the product: a transfer that someone takes at once is one plan, and on SQLite one synchronous
 * transaction, like a new conversation (docs/decisions/013-assignment-plans.md).
 */
export async function transferConversation(options: TransferConversationOptions): Promise<Conversation> {
  const fast = await applyAtOnce(transferPlanner(options));
  if (fast) return fast.draft.conversation;
  return inTransaction((tx, fx) => transferInTransaction(tx, fx, options));
}

/** The transfer as a step of a larger unit of work (a timer's claim and its action commit together). */
export async function transferInTransaction(
  tx: Tx,
  fx: Effects,
  options: TransferConversationOptions,
): Promise<Conversation> {
  const { draft, waiting } = await applyThroughPrisma(tx, fx, transferPlanner(options));
  if (!waiting) return draft.conversation;
  return waitOrOverflow(tx, fx, draft.conversation, waiting.queue, waiting.decision);
}

const transferPlanner =
  (options: TransferConversationOptions): Planner<Transferred> =>
  (source, at) =>
    planTransfer(source, options, at);

/** Released, handed over (with the note), perhaps a line for the customer, then routed or given: one plan. */
export function* planTransfer(
  source: CandidateSource,
  options: TransferConversationOptions,
  at: Date,
): Reading<Transferred> {
  const conversation = yield* read(source.conversation(options.conversationId));
  if (!conversation) throw notFound("conversation", options.conversationId);
  requireTransferable(conversation, options.actor);
  if (options.onlyIfHeldBy && conversation.assigneeId !== options.onlyIfHeldBy) {
    throw invalidState("the conversation is no longer held by that agent", { state: "not_assignee" });
  }
  const target = yield* resolveTarget(source, conversation, options.target);
  const sender = conversation.assigneeId ? yield* read(source.agent(conversation.assigneeId)) : null;
  const reason = options.reason ?? "transfer";

  const released = yield* planRelease(source, draftFor(conversation, at), {
    actor: options.actor,
    reason: reason === "transfer" ? "transferred" : "escalated",
  });
  let draft = planHandoff(released, { sender, target, reason, options });
  if (options.customerNotice) draft = planSystemMessage(draft, options.customerNotice);

  if (target.kind === "queue") {
    const routed = yield* planRouteToQueue(source, draft, target.queue, {
      actor: options.actor,
      reason: options.routedBecause ?? reason,
    });
    const waiting = routed.unfinished ? { queue: target.queue, decision: routed.decision } : null;
    return { draft: routed.draft, waiting, unfinished: routed.unfinished };
  }
  const explanation = `${target.agent.name} chosen directly by the transfer.`;
  const given = yield* planGiveDirectly(source, draft, target.agent, options.actor, explanation);
  return { draft: given, waiting: null, unfinished: false };
}

/** The conversation opens again with who handed it over and why (a returning AI agent is told in its context). */
function planHandoff(
  draft: Draft,
  {
    sender,
    target,
    reason,
    options,
  }: { sender: Agent | null; target: ResolvedTarget; reason: string; options: TransferConversationOptions },
): Draft {
  const handoff: Handoff = {
    fromAgentId: sender?.id ?? null,
    fromAgentName: sender?.name ?? null,
    fromKind: (sender?.kind as Handoff["fromKind"]) ?? null,
    reason,
    note: options.note ?? null,
    summary: options.summary ?? null,
    brief: options.brief ?? null,
    at: draft.at.toISOString(),
  };
  const handed = changeState(draft, {
    status: "open",
    assigneeId: null,
    transferredFromId: sender?.id ?? null,
    viaTransfer: true,
    handoff: handoff as object,
  });
  return appendToTimeline(handed, [
    {
      type: "conversation.transferred",
      actor: options.actor,
      data: {
        from: sender ? { agentId: sender.id, name: sender.name, kind: sender.kind } : null,
        to:
          target.kind === "queue"
            ? { queueId: target.queue.id, name: target.queue.name }
            : { agentId: target.agent.id, name: target.agent.name, kind: target.agent.kind },
        by: options.actor,
        reason,
        note: handoff.note,
        summary: handoff.summary,
        ...(handoff.brief ? { brief: handoff.brief } : {}),
      },
    },
  ]);
}

/** A line in the transcript from Switchboard itself, and its message.sent event. */
function planSystemMessage(draft: Draft, text: string): Draft {
  const message = {
    id: newId(),
    conversationId: draft.conversation.id,
    authorType: "system" as const,
    agentId: null,
    text,
    createdAt: draft.at,
  };
  return appendToTimeline(addToPlan(draft, { messages: [message] }), [
    { type: "message.sent", actor: systemActor, data: messageSentData(message, null) },
  ]);
}

function requireTransferable(conversation: Conversation, actor: Actor) {
  if (conversation.status === "closed" || conversation.status === "wrap_up") {
    throw invalidState(
      `the conversation is ${conversation.status}; only open or active conversations can be transferred`,
      {
        state: conversation.status,
      },
    );
  }
  if (conversation.status === "open" && actor.type === "agent") {
    throw invalidState("the conversation is waiting in a queue; nobody holds it to transfer it", { state: "open" });
  }
  requireActorMayAct(conversation, actor);
}

type ResolvedTarget = { kind: "queue"; queue: Queue } | { kind: "agent"; agent: Agent };

function* resolveTarget(
  source: CandidateSource,
  conversation: Conversation,
  target: TransferTarget,
): Reading<ResolvedTarget> {
  if ("queueId" in target) {
    const queue = yield* read(source.queue(target.queueId));
    if (!queue) throw notFound("queue", target.queueId);
    return { kind: "queue", queue };
  }
  const agent = yield* read(source.agent(target.agentId));
  if (!agent) throw notFound("agent", target.agentId);
  if (agent.id === conversation.assigneeId) {
    throw invalidState(`${agent.name} already holds this conversation; a transfer never goes back to its sender`, {
      state: "target_is_sender",
    });
  }
  return { kind: "agent", agent };
}
