"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DashboardQueue } from "@/lib/client/supervisor";

const series = [
  { key: "waiting", name: "Waiting", color: "#f59e0b" },
  { key: "active", name: "Active", color: "#10b981" },
  { key: "wrapUp", name: "Wrap-up", color: "#3b82f6" },
] as const;

/** Conversations per queue, stacked by state. The queue table beside it carries the same numbers as text. */
export function QueueChart({ queues }: { queues: DashboardQueue[] }) {
  const summary = queues
    .map((q) => `${q.name}: ${q.waiting} waiting, ${q.active} active, ${q.wrapUp} in wrap-up`)
    .join("; ");
  return (
    <figure className="flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white">
      <figcaption className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900">
        Conversations by queue
      </figcaption>
      <div className="h-64 px-2 py-3" role="img" aria-label={summary || "No queues"}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={queues} margin={{ top: 4, right: 12, bottom: 0, left: -16 }} barCategoryGap="25%">
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis
              dataKey="name"
              tick={{ fontSize: 12, fill: "#475569" }}
              tickLine={false}
              axisLine={{ stroke: "#cbd5e1" }}
              interval={0}
            />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#64748b" }} tickLine={false} axisLine={false} />
            <Tooltip
              cursor={{ fill: "#f1f5f9" }}
              contentStyle={{ fontSize: 12, borderRadius: 8, borderColor: "#e2e8f0" }}
            />
            <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stackId="conversations"
                fill={s.color}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
