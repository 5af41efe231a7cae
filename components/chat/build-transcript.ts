import type { AgentKind, TimelineEvent } from "@/lib/client/conversations";

/**
 * The transcript, read from the conversation's timeline: every message in
 * order, with who wrote it (names come from the assignment events, so a
 * streamed message needs no extra request), and short lines for the moments
 * that matter to the reader — someone joining, the chat ending.
 */
export type Perspective = "customer" | "staff";

export interface TranscriptAuthor {
  id: string;
  name: string;
  kind: AgentKind;
}

export type TranscriptItem =
  | {
      kind: "message";
      key: string;
      authorType: "customer" | "agent" | "system";
      author: TranscriptAuthor | null;
      text: string;
      at: string;
    }
  | { kind: "notice"; key: string; text: string; detail?: string; at: string };

type Data = Record<string, any>;

export function buildTranscript(events: TimelineEvent[], perspective: Perspective): TranscriptItem[] {
  const agents = new Map<string, TranscriptAuthor>();
  const items: TranscriptItem[] = [];
  for (const event of events) {
    const data = event.data as Data;
    if (event.type === "agent.assigned") {
      agents.set(data.agentId, { id: data.agentId, name: data.agentName, kind: data.agentKind });
    }
    if (event.type === "message.sent") {
      items.push({
        kind: "message",
        key: String(data.messageId ?? event.seq),
        authorType: data.authorType,
        author: data.agentId ? (agents.get(data.agentId) ?? { id: data.agentId, name: "Agent", kind: "human" }) : null,
        text: data.text,
        at: event.createdAt,
      });
      continue;
    }
    const notice = describeEvent(event, data, perspective);
    if (notice) items.push({ kind: "notice", key: `event-${event.seq}`, at: event.createdAt, ...notice });
  }
  return items;
}

function describeEvent(
  event: TimelineEvent,
  data: Data,
  perspective: Perspective,
): { text: string; detail?: string } | null {
  const staff = perspective === "staff";
  switch (event.type) {
    case "agent.assigned":
      return staff
        ? { text: `Assigned to ${data.agentName}${data.queueName ? ` in ${data.queueName}` : ""}` }
        : { text: `${data.agentName} joined the chat` };
    case "conversation.queued":
      return staff ? { text: `Waiting in ${data.queueName}` } : { text: "Waiting for the next available agent" };
    case "conversation.transferred":
      if (!staff) return null;
      return {
        text: `${data.from?.name ?? "Supervisor"} ${data.reason === "escalation" ? "escalated" : "transferred"} to ${data.to?.name}`,
        detail: data.note ? `Note: ${data.note}` : undefined,
      };
    case "conversation.ended":
      return { text: `${data.agentName} ended the chat` };
    case "conversation.closed":
      if (event.actorType === "customer") return { text: staff ? "The customer left the chat" : "You left the chat" };
      return { text: staff ? `Closed (${data.reason})` : "This chat is closed" };
    default:
      return null;
  }
}
