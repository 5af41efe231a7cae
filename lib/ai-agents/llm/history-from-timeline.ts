import type { TimelineEvent } from "@/lib/timeline/types";
import type { HistoryLine } from "./prompt";

type Data = Record<string, any>;
const kindOf = (kind: unknown): "ai" | "human" => (kind === "ai" ? "ai" : "human");

/**
 * The conversation as a language-model agent is told it (prompt.ts), read from the staff timeline: every message
 * (the customer's, its own, everyone else's, Switchboard's notices), every hand-over with its note and summary, and
 * who took over when — including the human part of a conversation handed back to it.
 */
export function historyFromTimeline(events: TimelineEvent[], selfId: string): HistoryLine[] {
  const lines: HistoryLine[] = [];
  let selfJoined = false;
  for (const event of events) {
    const data = (event.data ?? {}) as Data;
    if (event.type === "message.sent") {
      const text = typeof data.text === "string" ? data.text : "";
      if (!text) continue;
      if (data.authorType === "customer") lines.push({ kind: "customer", text });
      else if (data.authorType === "agent" && data.agentId === selfId) lines.push({ kind: "self", text });
      else if (data.authorType === "agent") {
        lines.push({
          kind: "agent",
          name: String(data.agentName ?? "An agent"),
          agentKind: kindOf(data.agentKind),
          text,
        });
      } else lines.push({ kind: "notice", text });
    } else if (event.type === "agent.assigned") {
      const self = data.agentId === selfId;
      lines.push({
        kind: "joined",
        self,
        name: String(data.agentName ?? "An agent"),
        agentKind: kindOf(data.agentKind),
        returning: self && selfJoined,
      });
      if (self) selfJoined = true;
    } else if (event.type === "conversation.transferred") {
      const from = data.from as { name?: string; kind?: string } | null;
      // What people (and Switchboard) wrote for the next agent is staff's word. An AI agent's summary or note may
      // quote the customer (the built-in agent's does, verbatim): those words are already in the transcript as the
      // customer's own, so they are not repeated in a system line.
      const staffWords = from?.kind !== "ai";
      lines.push({
        kind: "handed_over",
        fromName: from?.name ?? null,
        fromKind: from ? (from.kind === "ai" ? "ai" : "human") : "system",
        toName: typeof data.to?.name === "string" ? data.to.name : null,
        reason: String(data.reason ?? "transfer"),
        note: staffWords && typeof data.note === "string" && data.note ? data.note : null,
        summary: staffWords && typeof data.summary === "string" && data.summary ? data.summary : null,
      });
    }
  }
  return lines;
}
