"use client";

import type { Dashboard } from "@/lib/client/supervisor";
import { formatDuration } from "./format";
import { useNow } from "./use-now";

/** The four numbers a supervisor glances at first. The longest wait ticks between updates. */
export function Kpis({ dashboard, updatedAt }: { dashboard: Dashboard; updatedAt: number }) {
  const now = useNow();
  const elapsed = Math.max(0, (now - updatedAt) / 1000);
  const waiting = dashboard.queues.reduce((sum, q) => sum + q.waiting, 0);
  const longest = Math.max(
    0,
    ...dashboard.queues.filter((q) => q.waiting > 0).map((q) => q.longestWaitSeconds + elapsed),
  );
  const active = dashboard.queues.reduce((sum, q) => sum + q.active, 0);
  const reps = dashboard.agents.filter((a) => a.kind === "human");
  const free = reps.filter(
    (a) => (a.presence === "available" || a.presence === "busy") && a.usedCapacity < a.capacity,
  ).length;
  const aiOnline = dashboard.agents.filter((a) => a.kind === "ai" && a.presence === "available").length;
  const items = [
    { label: "Waiting", value: String(waiting), tone: waiting > 0 ? "text-amber-700" : "text-slate-900" },
    {
      label: "Longest wait",
      value: waiting > 0 ? formatDuration(longest) : "—",
      tone: longest > 120 ? "text-red-700" : "text-slate-900",
    },
    { label: "Active conversations", value: String(active), tone: "text-slate-900" },
    {
      label: "Representatives with room",
      value: `${free} of ${reps.length}`,
      tone: "text-slate-900",
      note: `${aiOnline} AI agents online`,
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
      {items.map((item) => (
        <div key={item.label} className="rounded-xl border border-slate-200 bg-white px-4 py-3">
          <dt className="text-xs font-medium text-slate-500">{item.label}</dt>
          <dd className={`mt-1 text-2xl font-semibold tabular-nums ${item.tone}`}>{item.value}</dd>
          {item.note && <dd className="text-xs text-slate-500">{item.note}</dd>}
        </div>
      ))}
    </dl>
  );
}
