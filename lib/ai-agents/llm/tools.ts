import { type ToolSet, tool } from "ai";
import { z } from "zod";
import type { KnowledgeHit } from "./knowledge/search-knowledge";

/**
 * The model's tools — these and no others (what a customer types cannot add one: the set is built here, from the
 * agent's configuration only). The three that decide where the conversation goes (escalate, transfer, end) only
 * record the decision: the turn stops there and the runtime carries it out through the same path as every AI agent's
 * commands (handle-agent-activity.ts). The other two act at once, through a port: the live conversation's
 * (live-tools.ts) or the admin's sandbox (try-agent.ts).
 */
export interface Brief {
  /** Why the agent escalates, in a sentence. */
  reason: string;
  /** What the customer wants. */
  wants: string;
  /** What was tried already. */
  tried: string;
  /** The customer's mood. */
  mood: string;
}

export type Decision =
  | { kind: "escalate"; brief: Brief }
  | { kind: "transfer"; queue: { id: string; name: string }; reason: string }
  | { kind: "end" };

export interface ToolCallRecord {
  tool: string;
  input: unknown;
  /** What the model was told back, shortened. */
  result: string;
  ok: boolean;
  /** search_knowledge: the sources found (cited in the staff view). */
  sources?: { sourceId: string; title: string; kind: string }[];
}

export interface ToolPort {
  recordFact(key: string, value: string): Promise<void>;
  searchKnowledge(query: string): Promise<KnowledgeHit[]>;
  /** Told of every call, in order (live: a staff-only timeline event). */
  toolCalled(record: ToolCallRecord): Promise<void>;
}

export interface TurnState {
  decision: Decision | null;
  calls: ToolCallRecord[];
  /** Sources found this turn, without repeats: the reply cites them. */
  citations: { sourceId: string; title: string; kind: string }[];
}

export const newTurnState = (): TurnState => ({ decision: null, calls: [], citations: [] });

/** Facts live in the conversation's custom context beside pre-chat answers; the built-in agent's survey is not theirs. */
const RESERVED_FACT_KEYS = new Set(["survey"]);
const RESULT_CHARS = 500;

export function buildTools(options: {
  state: TurnState;
  port: ToolPort;
  transferQueues: { id: string; name: string }[];
  hasKnowledge: boolean;
}): ToolSet {
  const { state, port, transferQueues, hasKnowledge } = options;
  const record = async (entry: ToolCallRecord) => {
    const shortened = { ...entry, result: entry.result.slice(0, RESULT_CHARS) };
    state.calls.push(shortened);
    await port.toolCalled(shortened);
  };
  const decide = async (name: string, input: unknown, decision: Decision, result: string) => {
    if (state.decision) {
      const refused = "A decision was already made in this turn; nothing more was done.";
      await record({ tool: name, input, result: refused, ok: false });
      return refused;
    }
    state.decision = decision;
    await record({ tool: name, input, result, ok: true });
    return result;
  };

  const tools: ToolSet = {
    escalate: tool({
      description:
        "Hand the conversation to a person. Use it when the customer asks for one, or when you cannot help. " +
        "The representative reads your reason and summary before replying.",
      inputSchema: z.object({
        reason: z.string().min(1).max(500).describe("Why you escalate, in one sentence."),
        wants: z.string().max(1000).describe("What the customer wants."),
        tried: z.string().max(1000).describe("What was tried or answered already."),
        mood: z.string().max(200).describe("The customer's mood, in a few words."),
      }),
      execute: (input) =>
        decide("escalate", input, { kind: "escalate", brief: input }, "Escalated: a person will take over."),
    }),
    end_conversation: tool({
      description: "End the conversation, when the customer has what they need and says they are done.",
      inputSchema: z.object({}),
      execute: (input) => decide("end_conversation", input, { kind: "end" }, "The conversation ends."),
    }),
    record_fact: tool({
      description:
        "Keep a fact the customer told you that the team will need later (order number, preferred contact time…).",
      inputSchema: z.object({
        key: z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/)
          .describe("A short name: letters, digits and _, e.g. orderNumber."),
        value: z.string().min(1).max(500).describe("The value, as the customer gave it."),
      }),
      execute: async (input) => {
        if (RESERVED_FACT_KEYS.has(input.key)) {
          const refused = `The key "${input.key}" is reserved; choose another.`;
          await record({ tool: "record_fact", input, result: refused, ok: false });
          return refused;
        }
        await port.recordFact(input.key, input.value);
        await record({ tool: "record_fact", input, result: "Recorded.", ok: true });
        return "Recorded.";
      },
    }),
  };

  if (transferQueues.length > 0) {
    const names = transferQueues.map((queue) => queue.name);
    tools.transfer = tool({
      description: `Move the conversation to another queue. Allowed queues: ${names.map((n) => `"${n}"`).join(", ")}.`,
      inputSchema: z.object({
        queue: z.string().min(1).max(200).describe("One of the allowed queues, by name."),
        reason: z.string().min(1).max(500).describe("Why, in one sentence (the next agent reads it)."),
      }),
      execute: async (input) => {
        const wanted = input.queue.trim().toLowerCase();
        const queue = transferQueues.find((q) => q.name.toLowerCase() === wanted);
        if (!queue) {
          // A wrong name is not a malformed call: the model is told what it may choose, and may try again.
          const refused = `"${input.queue}" is not a queue you may transfer to. Allowed: ${names.join(", ")}.`;
          await record({ tool: "transfer", input, result: refused, ok: false });
          return refused;
        }
        return decide(
          "transfer",
          input,
          { kind: "transfer", queue, reason: input.reason },
          `Transferring to ${queue.name}.`,
        );
      },
    });
  }

  if (hasKnowledge) {
    tools.search_knowledge = tool({
      description: "Search the knowledge base (FAQ entries and documents). Returns the best matching passages.",
      inputSchema: z.object({ query: z.string().min(1).max(300).describe("What to look for, in a few words.") }),
      execute: async (input) => {
        const hits = await port.searchKnowledge(input.query);
        const sources = unique(hits.map(({ sourceId, title, kind }) => ({ sourceId, title, kind })));
        for (const source of sources) {
          if (!state.citations.some((c) => c.sourceId === source.sourceId)) state.citations.push(source);
        }
        const result = hits.length
          ? hits.map((hit, n) => `[${n + 1}] ${hit.title}\n${hit.text}`).join("\n\n")
          : "Nothing in the knowledge base matches.";
        await record({ tool: "search_knowledge", input, result, ok: true, sources });
        return result;
      },
    });
  }
  return tools;
}

function unique<T extends { sourceId: string }>(items: T[]): T[] {
  return items.filter((item, index) => items.findIndex((other) => other.sourceId === item.sourceId) === index);
}

/** A decision's sentence for people (the summary on the hand-off card and the timeline). */
export function briefSummary(brief: Brief): string {
  return [
    brief.reason,
    `Wants: ${brief.wants || "—"}`,
    `Tried: ${brief.tried || "—"}`,
    `Mood: ${brief.mood || "—"}`,
  ].join("\n");
}
