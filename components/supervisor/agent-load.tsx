"use client";

import { presenceLabel } from "@/components/admin/labels";
import { PresenceDot } from "@/components/admin/presence";
import { Badge } from "@/components/ui/badge";
import type { DashboardAgent } from "@/lib/client/supervisor";

/** Each agent's presence and load: a representative's used capacity as a meter; an AI agent's conversation count. */
export function AgentLoad({ agents }: { agents: DashboardAgent[] }) {
  const reps = agents.filter((a) => a.kind === "human");
  const ai = agents.filter((a) => a.kind === "ai");
  return (
    <section aria-labelledby="agents-title" className="min-w-0 rounded-xl border border-slate-200 bg-white">
      <h2 id="agents-title" className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900">
        Agents
      </h2>
      <section
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region with nothing focusable inside must be reachable by keyboard, to scroll it
        tabIndex={0}
        aria-label="Agents and their load"
        className="max-h-[32rem] overflow-y-auto rounded-b-xl focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600"
      >
        <AgentGroup title="Representatives" agents={reps} empty="No representatives yet." />
        <AgentGroup title="AI agents" agents={ai} empty="No AI agents yet." />
      </section>
    </section>
  );
}

function AgentGroup({ title, agents, empty }: { title: string; agents: DashboardAgent[]; empty: string }) {
  return (
    <div className="px-4 py-3">
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {agents.length === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {agents.map((agent) => (
            <li key={agent.id} className="flex flex-col gap-1">
              <div className="flex items-center justify-between gap-2 text-sm">
                <span className="truncate font-medium text-slate-900">{agent.name}</span>
                <span className="flex shrink-0 items-center gap-1.5 text-xs text-slate-600">
                  <PresenceDot presence={agent.presence} />
                  {presenceLabel[agent.presence]}
                </span>
              </div>
              {agent.kind === "human" ? <LoadMeter agent={agent} /> : <AiLoad agent={agent} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function LoadMeter({ agent }: { agent: DashboardAgent }) {
  const ratio = agent.capacity > 0 ? Math.min(1, agent.usedCapacity / agent.capacity) : 0;
  const full = agent.usedCapacity >= agent.capacity;
  return (
    <div className="flex items-center gap-2">
      <meter
        aria-label={`Load of ${agent.name}`}
        min={0}
        max={agent.capacity}
        value={agent.usedCapacity}
        aria-valuetext={`${agent.usedCapacity} of ${agent.capacity} capacity units in use`}
        className="sr-only"
      />
      <div aria-hidden="true" className="h-2 flex-1 overflow-hidden rounded-full bg-slate-100">
        <div
          className={`h-full rounded-full transition-[width] ${full ? "bg-red-500" : ratio >= 0.75 ? "bg-amber-500" : "bg-emerald-500"}`}
          style={{ width: `${ratio * 100}%` }}
        />
      </div>
      <span className="w-12 shrink-0 text-right text-xs text-slate-600 tabular-nums">
        {agent.usedCapacity}/{agent.capacity}
      </span>
    </div>
  );
}

function AiLoad({ agent }: { agent: DashboardAgent }) {
  return (
    <p className="flex items-center gap-2 text-xs text-slate-600">
      <Badge tone="violet">AI</Badge>
      {agent.conversations} {agent.conversations === 1 ? "conversation" : "conversations"} · capacity {agent.capacity}{" "}
      (ranking only)
    </p>
  );
}
