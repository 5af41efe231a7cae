"use client";

import { type FormEvent, useState } from "react";
import { Alert, ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { type TryAgentResult, useTryAgent } from "@/lib/client/llm-agents";

/**
 * "Try it": chat with the agent as a customer would, in a sandbox conversation that is never stored and never
 * enters a queue. Each reply shows the tools the model called (with what, and what came back), and what would happen
 * to a real conversation — an escalation, a transfer, the end — or why a real one would be escalated (time-out, an
 * error from the model). The panel keeps the transcript; the server runs one real turn at a time.
 */
type Line =
  | { n: number; role: "customer"; text: string }
  | { n: number; role: "agent"; text: string; result: TryAgentResult };

export function TryAgentPanel({ agentId, agentName }: { agentId: string; agentName: string }) {
  const turn = useTryAgent(agentId);
  const [lines, setLines] = useState<Line[]>([]);
  const [facts, setFacts] = useState<Record<string, string>>({});
  const [draft, setDraft] = useState("");
  const over = lines.some((line) => line.role === "agent" && line.result.decision);

  const run = async (next: Line[]) => {
    setLines(next);
    const messages = next.map((line) => ({ role: line.role, text: line.text }));
    try {
      const result = await turn.mutateAsync({ messages, facts });
      setFacts(result.facts);
      setLines([...next, { n: next.length, role: "agent", text: result.reply, result }]);
    } catch {
      // shown by ErrorAlert
    }
  };
  const send = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft("");
    void run([...lines, { n: lines.length, role: "customer", text }]);
  };
  const reset = () => {
    setLines([]);
    setFacts({});
    turn.reset();
  };

  return (
    <div className="flex flex-col gap-3" data-testid="try-it">
      <p className="text-sm text-slate-600">
        A sandbox conversation: nothing is stored, nothing enters a queue, and escalations or transfers are only shown.
      </p>
      <ol
        className="flex max-h-[28rem] flex-col gap-2 overflow-y-auto rounded-lg border border-slate-200 bg-slate-50 p-3"
        aria-label="Sandbox conversation"
      >
        {lines.length === 0 && (
          <li className="text-sm text-slate-500">Start with the greeting, or write as a customer.</li>
        )}
        {lines.map((line) =>
          line.role === "customer" ? (
            <li key={line.n} className="self-end rounded-2xl rounded-br-md bg-blue-600 px-3 py-1.5 text-sm text-white">
              <span className="sr-only">Customer: </span>
              {line.text}
            </li>
          ) : (
            <li key={line.n} className="flex max-w-[85%] flex-col gap-1 self-start">
              {line.text && (
                <p className="rounded-2xl rounded-bl-md bg-white px-3 py-1.5 text-sm text-slate-900 ring-1 ring-inset ring-violet-100">
                  <span className="sr-only">{agentName}: </span>
                  {line.text}
                </p>
              )}
              <ToolCalls result={line.result} />
            </li>
          ),
        )}
        {turn.isPending && (
          <li className="text-sm text-slate-500" role="status">
            {agentName} is writing…
          </li>
        )}
      </ol>
      <ErrorAlert error={turn.error} />
      {Object.keys(facts).length > 0 && (
        <p className="text-xs text-slate-600" data-testid="try-facts">
          Facts recorded:{" "}
          {Object.entries(facts)
            .map(([key, value]) => `${key} = ${value}`)
            .join(" · ")}
        </p>
      )}
      <div className="flex items-end gap-2">
        {lines.length === 0 ? (
          <Button variant="secondary" onClick={() => void run([])} pending={turn.isPending}>
            Start: greeting
          </Button>
        ) : (
          <Button variant="ghost" onClick={reset}>
            Start over
          </Button>
        )}
        <form onSubmit={send} className="flex flex-1 items-end gap-2">
          <Input
            label="As the customer"
            className="flex-1"
            value={draft}
            disabled={over || turn.isPending}
            onChange={(event) => setDraft(event.target.value)}
            placeholder={over ? "This sandbox conversation is over: start over." : "Write a message…"}
          />
          <Button type="submit" disabled={over || turn.isPending || !draft.trim()}>
            Send
          </Button>
        </form>
      </div>
    </div>
  );
}

function ToolCalls({ result }: { result: TryAgentResult }) {
  return (
    <>
      {result.toolCalls.map((call, index) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: the calls of one reply never change order
          key={index}
          className="rounded-md border border-violet-200 bg-violet-50/60 px-2.5 py-1.5 text-xs text-slate-800"
          data-testid="try-tool-call"
        >
          <p className="flex items-center gap-1.5 font-medium">
            <Badge tone={call.ok ? "violet" : "amber"}>tool</Badge>
            {call.tool}({JSON.stringify(call.input)})
          </p>
          <p className="mt-0.5 line-clamp-3 whitespace-pre-wrap text-slate-600">→ {call.result}</p>
        </div>
      ))}
      {result.decision && (
        <Alert tone="info" className="text-xs">
          {result.decision.detail}
        </Alert>
      )}
      {result.failure && (
        <Alert tone="warning" className="text-xs">
          A live conversation would be escalated: the agent {result.failure}.
        </Alert>
      )}
      <p className="text-[0.6875rem] text-slate-500">
        {result.usage.input} tokens in · {result.usage.output} out
      </p>
    </>
  );
}
