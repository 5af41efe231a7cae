import type { Conversation, Queue } from "@/generated/prisma/client";
import type { AgentContext } from "./activities";

export interface Handoff {
  fromAgentId: string | null;
  fromAgentName: string | null;
  fromKind: "ai" | "human" | "system" | null;
  reason: string;
  note: string | null;
  summary: string | null;
  /** A language-model agent's summary for people (the hand-off card shows it instead of quoting the customer). */
  brief?: HandoffBrief | null;
  at: string;
}

/** What the customer wants, what was tried, their mood — and why the agent escalated. */
export interface HandoffBrief {
  reason: string;
  wants: string;
  tried: string;
  mood: string;
}

/**
 * The set-context payload. A returning AI agent learns who had the customer
 * and why, so an LLM bot does not go silent believing it is still "handed off".
 */
export function buildAgentContext(conversation: Conversation, queue: Pick<Queue, "id" | "name"> | null): AgentContext {
  const handoff = conversation.handoff as Handoff | null;
  return {
    conversationId: conversation.id,
    customer: { name: conversation.customerName },
    topic: conversation.topic,
    queue: queue ? { id: queue.id, name: queue.name } : null,
    handoff: handoff
      ? {
          fromAgentId: handoff.fromAgentId,
          fromAgentName: handoff.fromAgentName,
          fromKind: handoff.fromKind,
          reason: handoff.reason,
          note: handoff.note,
          summary: handoff.summary,
        }
      : null,
    custom: (conversation.context ?? {}) as Record<string, unknown>,
  };
}
