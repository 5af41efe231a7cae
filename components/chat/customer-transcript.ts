import type { CustomerEvent } from "@/lib/client/customer-chat";
import type { TranscriptItem } from "./build-transcript";

/**
 * The customer's transcript, from the customer view alone: their messages and
 * the agents' (each says who wrote it, AI agent or person), and short lines
 * for people joining and leaving, waiting in line, and the chat ending.
 */
export function buildCustomerTranscript(events: CustomerEvent[]): TranscriptItem[] {
  return events.flatMap((event, index): TranscriptItem[] => {
    // Whoever held the chat leaves as it closes; "This chat is closed" says it once.
    if (event.type === "agent.left" && events[index + 1]?.type === "closed") return [];
    if (event.type === "message") {
      const { id, text, at, sender } = event.message;
      return [
        {
          kind: "message",
          key: id,
          authorType: sender.type,
          author: sender.type === "agent" ? { name: sender.name, kind: sender.kind } : null,
          text,
          at,
        },
      ];
    }
    return [{ kind: "notice", key: `event-${event.seq}`, text: noticeFor(event), at: event.at }];
  });
}

function noticeFor(event: Exclude<CustomerEvent, { type: "message" }>): string {
  switch (event.type) {
    case "agent.joined":
      return `${event.agent.name} joined the chat`;
    case "agent.left":
      return `${event.agent.name} left the chat`;
    case "queued":
      return "Waiting for the next available agent";
    case "ended":
      return `${event.agent.name} ended the chat`;
    case "closed":
      if (event.by === "customer") return "You left the chat";
      return event.by === "inactivity" ? "This chat was closed while you were away" : "This chat is closed";
  }
}
