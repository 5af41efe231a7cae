"use client";

import type { TimelineEvent } from "@/lib/client/supervisor";
import { formatClock } from "../format";
import { type Described, describeEvent } from "./describe-event";
import { useStickToBottom } from "./use-stick-to-bottom";

const markerTone: Record<Described["tone"], string> = {
  slate: "bg-slate-400",
  blue: "bg-blue-500",
  violet: "bg-violet-500",
  emerald: "bg-emerald-500",
  amber: "bg-amber-500",
  red: "bg-red-500",
};

/** Every event of the conversation in order: when, who, what — and for assignments, why. Live. */
export function Timeline({
  events,
  customerName,
  agentName,
}: {
  events: TimelineEvent[];
  customerName: string;
  agentName: (id: string) => string | undefined;
}) {
  const ref = useStickToBottom<HTMLDivElement>(events.length);
  const actor = (event: TimelineEvent) => {
    switch (event.actorType) {
      case "customer":
        return `${customerName} (customer)`;
      case "supervisor":
        return "Supervisor";
      case "agent":
        return (event.actorId && agentName(event.actorId)) ?? "An agent";
      default:
        return "Switchboard";
    }
  };
  return (
    <section
      ref={ref}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard, to scroll it
      tabIndex={0}
      aria-label="Timeline events"
      data-testid="timeline"
      className="min-h-0 flex-1 overflow-y-auto rounded-b-xl px-4 py-3 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600"
    >
      <ol className="flex flex-col">
        {events.map((event, index) => {
          const described = describeEvent(event, customerName);
          return (
            <li key={event.seq} data-type={event.type} className="relative flex gap-3 pb-4">
              {index < events.length - 1 && (
                <span
                  aria-hidden="true"
                  className="absolute top-4 bottom-0 left-[calc(4.75rem+4.5px)] w-px bg-slate-200"
                />
              )}
              <time
                dateTime={event.createdAt}
                className="w-16 shrink-0 pt-0.5 text-right text-xs text-slate-500 tabular-nums"
              >
                {formatClock(event.createdAt)}
              </time>
              <span
                aria-hidden="true"
                className={`relative z-10 mt-1.5 size-2.5 shrink-0 rounded-full ring-4 ring-white ${markerTone[described.tone]}`}
              />
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium text-slate-900">{described.title}</p>
                <p className="text-xs text-slate-500">
                  <span className="sr-only">By </span>
                  {actor(event)} · #{event.seq} · <code className="text-[11px]">{event.type}</code>
                </p>
                {described.body}
                {described.raw !== undefined && (
                  <details className="mt-1.5 text-xs">
                    <summary className="cursor-pointer text-blue-700 hover:underline">Show payload</summary>
                    <pre className="mt-1 max-h-64 overflow-auto rounded-md bg-slate-900 p-2.5 text-[11px] leading-relaxed text-slate-100">
                      {JSON.stringify(described.raw, null, 2)}
                    </pre>
                  </details>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
