"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import type { TestActivityResult } from "@/lib/ai-agents/send-test-activity";
import { fetchJson } from "@/lib/client/fetch-json";

/**
 * "Send test activity": the bot gets a throw-away conversation (set-context
 * event, then a message), and its answers are shown here — the quickest way to
 * see that the endpoint, the serviceUrl and the bot agree.
 */
export function TestActivity({ agentId }: { agentId: string }) {
  const test = useMutation({
    mutationFn: () => fetchJson<TestActivityResult>(`/api/agents/${agentId}/test-activity`, { method: "POST" }),
  });
  const result = test.data;
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-slate-200 px-3 py-2.5 text-sm">
      <div className="flex items-center justify-between gap-4">
        <span className="text-slate-700">Check the connection with a test conversation (nothing is stored).</span>
        <Button variant="secondary" size="sm" onClick={() => test.mutate()} disabled={test.isPending}>
          {test.isPending ? "Sending…" : "Send test activity"}
        </Button>
      </div>
      <div aria-live="polite">
        {test.error && <p className="text-red-700">{(test.error as Error).message}</p>}
        {result && !result.ok && (
          <p className="text-red-700" data-testid="test-activity-result">
            The bot did not accept it: {result.error}
          </p>
        )}
        {result?.ok && (
          <div data-testid="test-activity-result">
            <p className="text-emerald-800">
              Answered in {result.elapsedMs} ms with {result.replies.length}{" "}
              {result.replies.length === 1 ? "reply" : "replies"}.
            </p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700">
              {result.replies.map((reply) => (
                <li key={reply.n}>
                  {reply.text ? `“${reply.text}”` : `(${reply.type})`}
                  {reply.command ? ` — command: ${reply.command}` : ""}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}
