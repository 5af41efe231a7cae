import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { APICallError, type ModelMessage, stepCountIs, streamText, type ToolChoice, type ToolSet } from "ai";
import { botHostAllowed, disallowedHostReason } from "../bot-hosts";
import type { LlmConfig } from "./llm-config";

/**
 * One model turn through the Vercel AI SDK, streamed, with every way it can fail turned into a sentence — never
 * into silence. What the SDK does on its own, and why each setting is here (seen against a real local server;
 * /work/shared/notes/toolchain.md):
 * - the stream just ENDS on an HTTP error, a time-out or an abort: the `error` and `abort` parts are read, and a
 *   turn that ends with neither text nor a decision is a failure too;
 * - retries are on by default (≈ 6 s of back-off on a 500): off, so a failing model escalates at once;
 * - bad tool arguments do not throw (the error goes back to the model): a tool call the SDK marks invalid —
 *   arguments that are not JSON, or not what the tool takes, or an unknown tool — ends the turn as malformed;
 * - streamed usage is only sent when asked (`includeUsage`);
 * - a redirect is not followed: the request carries the API key, and goes to the configured host only.
 */
export interface ModelCallOptions {
  config: LlmConfig;
  messages: ModelMessage[];
  tools: ToolSet;
  toolChoice?: ToolChoice<ToolSet>;
  /** True once a tool decided where the conversation goes: no further step is asked for. */
  decided: () => boolean;
  /** Each piece of text as it arrives (token frames for the customer). */
  onText?: (delta: string) => void;
  /** Overrides the agent's reply timeout (a request for a person waits less). */
  timeoutMs?: number;
}

export interface ModelCallResult {
  text: string;
  usage: { input: number; output: number };
  /** Why the turn failed, as a sentence that follows the agent's name ("did not answer within 5000 ms"). */
  failure: string | null;
}

/** Tool round trips in one turn (search, then answer; record, then answer…) before the turn is cut. */
export const MAX_STEPS = 5;

export async function callModel(options: ModelCallOptions): Promise<ModelCallResult> {
  const { config } = options;
  const usage = { input: 0, output: 0 };
  if (!botHostAllowed(config.baseUrl)) {
    return { text: "", usage, failure: `was not called: ${disallowedHostReason(config.baseUrl)}` };
  }
  const timeoutMs = options.timeoutMs ?? config.replyTimeoutMs;
  const provider = createOpenAICompatible({
    name: "switchboard",
    baseURL: config.baseUrl,
    apiKey: config.apiKey ?? undefined,
    includeUsage: true,
    fetch: noRedirects,
  });
  const ours = new AbortController();
  let failure: string | null = null;
  let text = "";
  let stepText = 0;
  const result = streamText({
    model: provider.chatModel(config.model),
    messages: options.messages,
    // Switchboard writes every system message itself, from staff and configuration only (prompt.ts).
    allowSystemInMessages: true,
    tools: options.tools,
    toolChoice: options.toolChoice,
    temperature: config.temperature ?? undefined,
    maxRetries: 0,
    abortSignal: ours.signal,
    timeout: { totalMs: timeoutMs },
    stopWhen: [stepCountIs(MAX_STEPS), () => options.decided()],
    onError: () => {}, // read from the stream below; the SDK would print it to the console otherwise
  });
  try {
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") {
        // Text of a later step (after a tool's result) starts a new paragraph of the one reply.
        const piece = stepText === 0 && text && !/\s$/.test(text) ? `\n\n${part.text}` : part.text;
        stepText += part.text.length;
        text += piece;
        options.onText?.(piece);
      } else if (part.type === "start-step") {
        stepText = 0;
      } else if (part.type === "tool-call" && part.invalid) {
        failure ??= `sent a malformed call to its tool "${part.toolName}" (${shortError(part.error)})`;
        ours.abort();
      } else if (part.type === "finish-step") {
        usage.input += part.usage.inputTokens ?? 0;
        usage.output += part.usage.outputTokens ?? 0;
        if (part.finishReason === "content-filter") failure ??= "refused to answer (content filter)";
        if (part.finishReason === "error") failure ??= "ended its answer with an error";
      } else if (part.type === "error") {
        failure ??= describeError(part.error);
      } else if (part.type === "abort") {
        failure ??= `did not answer within ${timeoutMs} ms`;
      }
    }
  } catch (error) {
    failure ??= describeError(error);
  }
  if (!failure && !text.trim() && !options.decided()) failure = "gave no answer";
  return { text, usage, failure };
}

function describeError(error: unknown): string {
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === 401 || status === 403)
      return `was refused by the model's server: its API key was not accepted (HTTP ${status})`;
    if (status) return `got HTTP ${status} from the model's server (${shortError(error.message)})`;
    return `could not reach the model's server (${shortError(error.message)})`;
  }
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return "did not answer in time";
  }
  return `failed (${shortError(error)})`;
}

const shortError = (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error ?? "unknown error");
  return message.replace(/\s+/g, " ").slice(0, 200);
};

/** The model's server gets the API key: a redirect elsewhere is a failure, not followed (as for bots, ADR 005). */
const noRedirects: typeof fetch = async (input, init) => {
  const response = await fetch(input, { ...init, redirect: "manual" });
  if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
    await response.body?.cancel();
    throw new Error(`answered HTTP ${response.status}, a redirect (not followed)`);
  }
  return response;
};
