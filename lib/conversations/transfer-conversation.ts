import type { Agent, Conversation, Queue } from "@/generated/prisma/client";
import type { Handoff } from "@/lib/ai-agents/build-context";
import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db/transaction";
import { type Effects, inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState, notFound } from "@/lib/errors";
import { giveDirectly } from "@/lib/routing/give-directly";
import { routeToQueue } from "@/lib/routing/route-to-queue";
import { appendEvent } from "@/lib/timeline/append-events";
import type { Actor } from "@/lib/timeline/types";
import { addSystemMessage } from "./add-system-message";
import { getConversationOrThrow, updateConversation } from "./conversation-record";
import { releaseAssignee } from "./release-assignee";
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
  /** A line for the customer's transcript, written in the same transaction (e.g. "connecting you to a person"). */
  customerNotice?: string;
  /** Refuse unless this agent still holds it: guards transfers decided outside the transaction (timers, failures). */
  onlyIfHeldBy?: string;
  /** Why it is routed into this queue, when there is more to say than `reason` (an escalation that fell back). */
  routedBecause?: string | null;
}

/**
 * Hands a conversation on. The sender is disconnected first (participation
 * ended, capacity released), then the conversation is routed: into a queue
 * (where the sender and, for loop protection, AI agents that already handled
 * it are excluded) or straight to a named agent (never the sender).
 * All in one transaction: a refused transfer changes nothing.
 */
export function transferConversation(options: TransferConversationOptions): Promise<Conversation> {
  return inTransaction((tx, fx) => transferInTransaction(tx, fx, options));
}

/** The transfer as a step of a larger unit of work (a timer's claim and its action commit together). */
export async function transferInTransaction(
  tx: Tx,
  fx: Effects,
  options: TransferConversationOptions,
): Promise<Conversation> {
  const conversation = await getConversationOrThrow(tx, options.conversationId);
  requireTransferable(conversation, options.actor);
  if (options.onlyIfHeldBy && conversation.assigneeId !== options.onlyIfHeldBy) {
    throw invalidState("the conversation is no longer held by that agent", { state: "not_assignee" });
  }
  const target = await resolveTarget(tx, conversation, options.target);
  const sender = conversation.assigneeId ? await tx.agent.findUnique({ where: { id: conversation.assigneeId } }) : null;
  const reason = options.reason ?? "transfer";

  await releaseAssignee(tx, fx, conversation, {
    actor: options.actor,
    reason: reason === "transfer" ? "transferred" : "escalated",
  });
  const handoff: Handoff = {
    fromAgentId: sender?.id ?? null,
    fromAgentName: sender?.name ?? null,
    fromKind: (sender?.kind as Handoff["fromKind"]) ?? null,
    reason,
    note: options.note ?? null,
    summary: options.summary ?? null,
    at: now().toISOString(),
  };
  const released = await updateConversation(tx, conversation, {
    status: "open",
    assigneeId: null,
    transferredFromId: sender?.id ?? null,
    viaTransfer: true,
    handoff: handoff as object,
  });
  await appendEvent(tx, fx, conversation.id, {
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
    },
  });

  if (options.customerNotice) await addSystemMessage(tx, fx, conversation.id, options.customerNotice);

  if (target.kind === "queue") {
    return routeToQueue(tx, fx, released, target.queue, {
      actor: options.actor,
      reason: options.routedBecause ?? reason,
    });
  }
  return giveDirectly(
    tx,
    fx,
    released,
    target.agent,
    options.actor,
    `${target.agent.name} chosen directly by the transfer.`,
  );
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

async function resolveTarget(tx: Tx, conversation: Conversation, target: TransferTarget): Promise<ResolvedTarget> {
  if ("queueId" in target) {
    const queue = await tx.queue.findUnique({ where: { id: target.queueId } });
    if (!queue) throw notFound("queue", target.queueId);
    return { kind: "queue", queue };
  }
  const agent = await tx.agent.findUnique({ where: { id: target.agentId } });
  if (!agent) throw notFound("agent", target.agentId);
  if (agent.id === conversation.assigneeId) {
    throw invalidState(`${agent.name} already holds this conversation; a transfer never goes back to its sender`, {
      state: "target_is_sender",
    });
  }
  return { kind: "agent", agent };
}
