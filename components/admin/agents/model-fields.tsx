"use client";

import type { Dispatch, SetStateAction } from "react";
import { Input, Textarea } from "@/components/ui/field";
import type { AgentView, QueueView } from "@/lib/client/admin";
import type { AiAgentDraft } from "./ai-agent-draft";

/**
 * A language-model agent's endpoint, model and key, what it is told, and its limits. The API key is write-only: the
 * form never receives it, only whether one is stored.
 */
export function ModelFields({
  draft,
  setDraft,
  errors,
  agent,
  queues,
}: {
  draft: AiAgentDraft;
  setDraft: Dispatch<SetStateAction<AiAgentDraft>>;
  errors: Record<string, string>;
  agent?: AgentView;
  queues: QueueView[];
}) {
  const text = (key: "modelBaseUrl" | "modelName" | "modelApiKey" | "instructions") => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: event.target.value })),
    error: errors[key],
  });
  const number = (key: "temperature" | "maxTurns" | "maxTokens" | "replyTimeoutMs") => ({
    type: "number",
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: event.target.value })),
    error: errors[key],
  });
  return (
    <>
      <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,1fr)] gap-4">
        <Input
          label="Base URL"
          type="url"
          placeholder="http://localhost:11434"
          hint="Any OpenAI-compatible API: OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp, LM Studio. With or without /v1."
          autoComplete="off"
          {...text("modelBaseUrl")}
        />
        <Input label="Model" placeholder="llama3.2" autoComplete="off" {...text("modelName")} />
      </div>
      <div className="flex flex-col gap-2">
        <Input
          label="API key"
          type="password"
          autoComplete="new-password"
          placeholder={agent?.hasApiKey ? "•••••••• (stored; type to replace)" : "None (local servers need none)"}
          hint="Stored, never shown again."
          {...text("modelApiKey")}
        />
        {agent?.hasApiKey && (
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              className="size-4 accent-blue-600"
              checked={draft.removeApiKey}
              onChange={(event) => setDraft((d) => ({ ...d, removeApiKey: event.target.checked }))}
            />
            Remove the stored key
          </label>
        )}
      </div>
      <Textarea
        label="Instructions"
        rows={6}
        placeholder="You are the support assistant of Example Ltd. Answer briefly and kindly…"
        hint="The system prompt. Switchboard adds the rules for its tools, the conversation's context and hand-overs; what customers type never changes it."
        {...text("instructions")}
      />
      <div className="grid grid-cols-4 gap-4">
        <Input label="Temperature" min={0} max={2} step={0.1} placeholder="Model default" {...number("temperature")} />
        <Input label="Reply timeout (ms)" min={200} max={120000} {...number("replyTimeoutMs")} />
        <Input label="Turns per conversation" min={1} placeholder="No limit" {...number("maxTurns")} />
        <Input label="Tokens per conversation" min={100} placeholder="No limit" {...number("maxTokens")} />
      </div>
      <p className="-mt-2 text-xs text-slate-500">
        No answer within the timeout, an error from the model, or a limit reached: the conversation is escalated with a
        note saying why.
      </p>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Queues it may transfer to</legend>
        <p className="mt-0.5 text-xs text-slate-500">
          The model can move a conversation to these queues by name (for example, billing questions to Billing).
        </p>
        {queues.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">No queues yet.</p>
        ) : (
          <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
            {queues.map((queue) => (
              <label key={queue.id} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  className="size-4 accent-blue-600"
                  aria-label={`May transfer to ${queue.name}`}
                  checked={draft.transferQueueIds.includes(queue.id)}
                  onChange={(event) =>
                    setDraft((d) => ({
                      ...d,
                      transferQueueIds: event.target.checked
                        ? [...d.transferQueueIds, queue.id]
                        : d.transferQueueIds.filter((id) => id !== queue.id),
                    }))
                  }
                />
                {queue.name}
              </label>
            ))}
          </div>
        )}
        {errors.transferQueueIds && <p className="mt-1 text-xs font-medium text-red-700">{errors.transferQueueIds}</p>}
      </fieldset>
    </>
  );
}
