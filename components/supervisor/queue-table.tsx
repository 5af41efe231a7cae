"use client";

import type { DashboardQueue } from "@/lib/client/supervisor";
import { formatDuration } from "./format";
import { useNow } from "./use-now";

/** Per queue: the line (waiting, longest wait — ticking), the work in progress, and who could take more. */
export function QueueTable({ queues, updatedAt }: { queues: DashboardQueue[]; updatedAt: number }) {
  const now = useNow();
  const elapsed = Math.max(0, (now - updatedAt) / 1000);
  return (
    <section aria-labelledby="queues-title" className="min-w-0 rounded-xl border border-slate-200 bg-white">
      <h2 id="queues-title" className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900">
        Queues
      </h2>
      {queues.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">No queues yet.</p>
      ) : (
        <table className="w-full text-sm" data-testid="queue-table">
          <thead className="text-xs text-slate-500">
            <tr>
              <td colSpan={5} />
              <th scope="colgroup" colSpan={4} className="border-l border-slate-100 px-3 pt-2 text-center font-medium">
                Representatives
              </th>
              <td />
            </tr>
            <tr className="border-b border-slate-100 text-right">
              <th scope="col" className="px-4 py-2 text-left font-medium">
                Queue
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Waiting
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Longest wait
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Active
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Wrap-up
              </th>
              <th scope="col" className="border-l border-slate-100 px-3 py-2 font-medium">
                Available
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Busy
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                At capacity
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Away or offline
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                AI agents
              </th>
            </tr>
          </thead>
          <tbody className="text-right tabular-nums">
            {queues.map((queue) => (
              <tr key={queue.id} className="border-b border-slate-100 last:border-0">
                <th scope="row" className="px-4 py-2.5 text-left font-medium text-slate-900">
                  {queue.name}
                </th>
                <td className={`px-3 py-2.5 ${queue.waiting > 0 ? "font-semibold text-amber-700" : "text-slate-700"}`}>
                  {queue.waiting}
                </td>
                <td
                  className={`px-3 py-2.5 ${queue.waiting > 0 && queue.longestWaitSeconds + elapsed > 120 ? "font-semibold text-red-700" : "text-slate-700"}`}
                >
                  {queue.waiting > 0 ? formatDuration(queue.longestWaitSeconds + elapsed) : "—"}
                </td>
                <td className="px-3 py-2.5 text-slate-700">{queue.active}</td>
                <td className="px-3 py-2.5 text-slate-700">{queue.wrapUp}</td>
                <Count value={queue.members.available} dot="bg-emerald-500" first />
                <Count value={queue.members.busy} dot="bg-amber-500" />
                <Count value={queue.members.atCapacity} dot="bg-red-500" />
                <Count value={queue.members.unavailable} dot="bg-slate-300" />
                <td className="px-4 py-2.5 text-slate-700">{queue.members.ai}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Count({ value, dot, first }: { value: number; dot: string; first?: boolean }) {
  return (
    <td
      className={`px-3 py-2.5 ${first ? "border-l border-slate-100" : ""} ${value === 0 ? "text-slate-400" : "text-slate-800"}`}
    >
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden="true" className={`size-1.5 rounded-full ${value === 0 ? "bg-slate-200" : dot}`} />
        {value}
      </span>
    </td>
  );
}
