import type { AgentKind, TimelineEvent } from "@/lib/client/conversations";

/**
 * The staff transcript, read from the conversation's (staff) timeline: every
 * message in order, with who wrote it (names come from the assignment events,
 * so a streamed message needs no extra request), and short lines for the
 * moments that matter to the reader — assignments, transfers with their notes,
 * the chat ending. The customer's is built from the customer view instead
 * (customer-transcript.ts).
 */
export type Perspective = "customer" | "staff";

export interface TranscriptAuthor {
  /** Staff only: the customer view names people, never by id. */
  id?: string;
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
      /** An AI agent's reply still being written (the customer's view only): shown, not announced. */
      drafting?: boolean;
      /** Staff: the knowledge a language model was given for this reply. */
      citations?: { sourceId: string; title: string; kind: string }[];
    }
  | { kind: "notice"; key: string; text: string; detail?: string; at: string };

type Data = Record<string, any>;

export function buildStaffTranscript(events: TimelineEvent[]): TranscriptItem[] {
  const agents = new Map<string, TranscriptAuthor>();
  const items: TranscriptItem[] = [];
  let away = false;
  for (const event of events) {
    const data = event.data as Data;
    // Presence: a line when the customer goes away, and when they come back — not for the first connection.
    if (event.type === "customer.connected" || event.type === "customer.away") {
      const wentAway = event.type === "customer.away";
      if (wentAway || away) {
        const text = wentAway ? "The customer went away (no chat window open)" : "The customer is back";
        items.push({ kind: "notice", key: `event-${event.seq}`, at: event.createdAt, text });
      }
      away = wentAway;
      continue;
    }
    if (event.type === "agent.assigned") {
      agents.set(data.agentId, { id: data.agentId, name: data.agentName, kind: data.agentKind });
    }
    if (event.type === "message.sent") {
      items.push({
        kind: "message",
        key: String(data.messageId ?? event.seq),
        authorType: data.authorType,
        author: data.agentId
          ? (agents.get(data.agentId) ?? {
              id: data.agentId,
              name: data.agentName ?? "Agent",
              kind: data.agentKind ?? "human",
            })
          : null,
        text: data.text,
        at: event.createdAt,
        citations: Array.isArray(data.citations) ? data.citations : undefined,
      });
      continue;
    }
    const notice = describeEvent(event, data);
    if (notice) items.push({ kind: "notice", key: `event-${event.seq}`, at: event.createdAt, ...notice });
  }
  return items;
}

function describeEvent(event: TimelineEvent, data: Data): { text: string; detail?: string } | null {
  switch (event.type) {
    case "agent.assigned":
      return { text: `Assigned to ${data.agentName}${data.queueName ? ` in ${data.queueName}` : ""}` };
    case "conversation.queued":
      return { text: `Waiting in ${data.queueName}` };
    case "conversation.transferred":
      return {
        text: `${data.from?.name ?? "Supervisor"} ${data.reason === "escalation" ? "escalated" : "transferred"} to ${data.to?.name}`,
        detail: data.note ? `Note: ${data.note}` : undefined,
      };
    case "conversation.ended":
      return { text: `${data.agentName} ended the chat` };
    case "agent.tool_called":
      return describeToolCall(data);
    case "conversation.closed":
      if (event.actorType === "customer") return { text: "The customer left the chat" };
      return { text: `Closed (${data.reason})` };
    case "conversation.wrapped_up":
      return { text: `${data.agentName} wrapped up`, detail: data.notes ? `Notes: ${data.notes}` : undefined };
    default:
      return null;
  }
}

const toolWords: Record<string, string> = {
  escalate: "escalated",
  transfer: "asked to transfer",
  end_conversation: "ended the conversation",
  record_fact: "recorded a fact",
  search_knowledge: "searched the knowledge base",
};

/** A language model's tool call for staff: what it did, with what, and what came of it. */
export function describeToolCall(data: Data): { text: string; detail?: string } {
  const input = (data.input ?? {}) as Data;
  const what = toolWords[data.tool] ?? `used ${data.tool}`;
  const text = `${data.agentName ?? "The AI agent"} ${what}`;
  switch (data.tool) {
    case "search_knowledge": {
      const sources = (data.sources ?? []) as { title: string }[];
      const found = sources.length ? `found ${sources.map((s) => s.title).join(", ")}` : "found nothing";
      return { text, detail: `“${input.query}” → ${found}` };
    }
    case "record_fact":
      return { text, detail: `${input.key} = ${input.value}` };
    case "transfer":
      return { text: `${text} to ${input.queue}`, detail: data.ok ? input.reason : data.result };
    case "escalate":
      return { text, detail: input.reason };
    default:
      return { text, detail: data.ok ? undefined : data.result };
  }
}
