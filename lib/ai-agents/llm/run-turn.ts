import type { AgentContext } from "../activities";
import { callModel, type ModelCallResult } from "./call-model";
import type { LlmConfig } from "./llm-config";
import { buildPrompt, type HistoryLine, type TurnMode } from "./prompt";
import { buildTools, newTurnState, type ToolPort, type TurnState } from "./tools";

/**
 * One turn of a language-model agent, wherever it runs: the live conversation (run-llm-agent.ts) and the admin's
 * sandbox (try-agent.ts) differ only in the port their tools act through. The prompt, the tools and the model call
 * are the same, so what the admin tries is what customers get.
 */
export interface TurnInput {
  config: LlmConfig;
  context: AgentContext;
  history: HistoryLine[];
  mode: TurnMode;
  port: ToolPort & { movedOn?: () => boolean };
  hasKnowledge: boolean;
  onText?: (delta: string) => void;
}

export type TurnResult = ModelCallResult & TurnState;

/** A request for a person escalates whatever happens; the model only writes the summary, and is not waited for long. */
export const PERSON_REQUEST_TIMEOUT_MS = 8_000;

export async function runTurn(input: TurnInput): Promise<TurnResult> {
  const { config, mode, port } = input;
  const state = newTurnState();
  const messages = buildPrompt({
    agent: {
      name: config.name,
      instructions: config.instructions,
      transferQueueNames: config.transferQueues.map((queue) => queue.name),
    },
    context: input.context,
    history: input.history,
    mode,
    hasKnowledge: input.hasKnowledge,
  });
  const tools = buildTools({ state, port, transferQueues: config.transferQueues, hasKnowledge: input.hasKnowledge });
  const call = await callModel({
    config,
    messages,
    tools,
    toolChoice: mode === "person_requested" ? { type: "tool", toolName: "escalate" } : undefined,
    decided: () => state.decision !== null || (port.movedOn?.() ?? false),
    onText: input.onText,
    timeoutMs: mode === "person_requested" ? Math.min(config.replyTimeoutMs, PERSON_REQUEST_TIMEOUT_MS) : undefined,
  });
  return { ...call, ...state };
}
