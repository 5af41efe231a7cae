"use client";

import { Avatar } from "@/components/ui/avatar";
import type { TimelineEvent } from "@/lib/client/supervisor";
import { formatClock } from "../format";
import { useStickToBottom } from "./use-stick-to-bottom";

/** What the customer saw: the messages of the timeline, as a chat. Live with the timeline. */
export function Transcript({
  events,
  customerName,
  agentName,
}: {
  events: TimelineEvent[];
  customerName: string;
  agentName: (id: string) => { name: string; kind: "ai" | "human" } | undefined;
}) {
  const messages = events.filter((e) => e.type === "message.sent");
  const ref = useStickToBottom<HTMLDivElement>(messages.length);
  return (
    // A live log: new messages are announced politely.
    <div
      ref={ref}
      role="log"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling log must be reachable by keyboard, to scroll it
      tabIndex={0}
      aria-label="Transcript"
      data-testid="transcript"
      className="min-h-0 flex-1 overflow-y-auto rounded-b-xl px-4 py-3 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600"
    >
      <ol className="flex flex-col gap-3">
        {messages.length === 0 && <li className="text-sm text-slate-600">No messages yet.</li>}
        {messages.map((event) => {
          const d = event.data as { authorType: string; agentId: string | null; text: string };
          if (d.authorType === "system") {
            return (
              <li
                key={event.seq}
                className="mx-auto max-w-[85%] rounded-md bg-slate-100 px-3 py-1.5 text-center text-xs text-slate-600"
              >
                {d.text}
              </li>
            );
          }
          const customer = d.authorType === "customer";
          const agent = d.agentId ? agentName(d.agentId) : undefined;
          const name = customer ? customerName : (agent?.name ?? "Agent");
          return (
            <li key={event.seq} className={`flex items-end gap-2 ${customer ? "" : "flex-row-reverse"}`}>
              <Avatar name={name} kind={customer ? "customer" : (agent?.kind ?? "human")} className="size-7 text-xs" />
              <div className={`flex max-w-[80%] flex-col ${customer ? "items-start" : "items-end"}`}>
                <span className="mb-0.5 text-xs text-slate-500">
                  {name}
                  {agent?.kind === "ai" && " (AI)"} · {formatClock(event.createdAt)}
                </span>
                <p
                  className={`rounded-2xl px-3 py-2 text-sm whitespace-pre-wrap ${
                    customer
                      ? "rounded-bl-sm bg-slate-100 text-slate-900"
                      : agent?.kind === "ai"
                        ? "rounded-br-sm bg-violet-600 text-white"
                        : "rounded-br-sm bg-blue-600 text-white"
                  }`}
                >
                  {d.text}
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
