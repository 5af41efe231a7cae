import { getDb } from "@/lib/db/client";
import { invalidState, notFound } from "@/lib/errors";
import { asksForPerson } from "../asks-for-person";
import { searchKnowledge } from "./knowledge/search-knowledge";
import { llmConfigOf } from "./llm-config";
import type { HistoryLine } from "./prompt";
import { runTurn } from "./run-turn";
import type { TryAgentInput } from "./schemas";
import type { Decision, ToolCallRecord, ToolPort } from "./tools";

/**
 * The admin's "Try it" panel: a sandbox conversation with a language-model agent. Nothing is stored and nothing
 * enters a queue — the panel keeps the transcript and sends it whole each time — but the turn is the real one
 * (run-turn.ts: the same prompt, tools and model call as customers get). Tools that decide where a conversation goes
 * are reported, not carried out; facts are kept in the sandbox's own context; knowledge is really searched. The
 * agent's fixed greeting and the "request for a person" rule apply as they would live.
 */

export interface TryAgentResult {
  reply: string;
  /** What would happen to a real conversation: null, or escalate / transfer / end. */
  decision: { kind: Decision["kind"]; detail: string } | null;
  toolCalls: ToolCallRecord[];
  facts: Record<string, string>;
  usage: { input: number; output: number };
  /** Why a live conversation would be escalated instead (time-out, HTTP error, malformed call…). */
  failure: string | null;
  personRequested: boolean;
}

export async function tryAgent(agentId: string, input: TryAgentInput): Promise<TryAgentResult> {
  const agent = await getDb().agent.findUnique({ where: { id: agentId } });
  if (!agent) throw notFound("agent", agentId);
  if (agent.botType !== "llm")
    throw invalidState("only a language-model agent can be tried here", { state: agent.botType ?? "human" });
  const last = input.messages.at(-1);
  if (last && last.role !== "customer") {
    throw invalidState("the sandbox conversation's last line must be the customer's", { state: "awaiting_customer" });
  }
  const config = await llmConfigOf(getDb(), agent);
  const facts: Record<string, string> = { ...input.facts };
  const empty = { toolCalls: [], facts, usage: { input: 0, output: 0 }, failure: null, personRequested: false };
  if (!last && config.greeting) {
    const reply = config.greeting.replaceAll("{customerName}", "Test customer").replaceAll("{agentName}", agent.name);
    return { reply, decision: null, ...empty };
  }
  const personRequested = last ? asksForPerson(last.text) : false;
  const port: ToolPort = {
    recordFact: async (key, value) => {
      facts[key] = value;
    },
    searchKnowledge: (query) => searchKnowledge(agent.id, query),
    toolCalled: async () => {},
  };
  const history: HistoryLine[] = [
    { kind: "joined", self: true, name: agent.name, agentKind: "ai", returning: false },
    ...input.messages.map(
      (m): HistoryLine => (m.role === "customer" ? { kind: "customer", text: m.text } : { kind: "self", text: m.text }),
    ),
  ];
  const result = await runTurn({
    config,
    context: {
      conversationId: "sandbox",
      customer: { name: "Test customer" },
      topic: null,
      queue: null,
      handoff: null,
      custom: { ...facts },
    },
    history,
    mode: !last ? "greeting" : personRequested ? "person_requested" : "reply",
    port,
    hasKnowledge: (await getDb().knowledgeSource.count({ where: { agentId } })) > 0,
  });
  const decision = personRequested
    ? {
        kind: "escalate" as const,
        detail: "The customer asked for a person: a live conversation escalates, whatever the model says.",
      }
    : whatWouldHappen(result.decision);
  return {
    reply: result.text.trim(),
    decision,
    toolCalls: result.calls,
    facts,
    usage: result.usage,
    failure: personRequested ? null : result.failure,
    personRequested,
  };
}

function whatWouldHappen(decision: Decision | null): TryAgentResult["decision"] {
  if (!decision) return null;
  if (decision.kind === "escalate")
    return { kind: "escalate", detail: `Would escalate to a person: ${decision.brief.reason}` };
  if (decision.kind === "transfer")
    return { kind: "transfer", detail: `Would transfer to ${decision.queue.name}: ${decision.reason}` };
  return { kind: "end", detail: "Would end the conversation." };
}
