"use client";

import { cx } from "@/components/ui/cx";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import type { DashboardQueue } from "@/lib/client/supervisor";
import { formatDuration } from "./format";
import { useNow } from "./use-now";

/** Cell padding between the first and last columns, in the header and in the rows. */
const inner = "px-3 py-2";
const innerRow = "px-3 py-2.5";

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
        // Ten columns do not fit a phone: the table scrolls inside its card, never the page (keyboard-reachable).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        <div className="overflow-x-auto" tabIndex={0}>
          <Table data-testid="queue-table">
            <THead>
              <tr>
                <td colSpan={5} />
                <Th scope="colgroup" colSpan={4} pad="px-3 pt-2" className="border-l border-slate-100 text-center">
                  Representatives
                </Th>
                <td />
              </tr>
              <tr className="border-b border-slate-100 text-right">
                <Th className="text-left">Queue</Th>
                <Th pad={inner}>Waiting</Th>
                <Th pad={inner}>Longest wait</Th>
                <Th pad={inner}>Active</Th>
                <Th pad={inner}>Wrap-up</Th>
                <Th pad={inner} className="border-l border-slate-100">
                  Available
                </Th>
                <Th pad={inner}>Busy</Th>
                <Th pad={inner}>At capacity</Th>
                <Th pad={inner}>Away or offline</Th>
                <Th>AI agents</Th>
              </tr>
            </THead>
            <tbody className="text-right tabular-nums">
              {queues.map((queue) => (
                <Tr key={queue.id}>
                  <Th scope="row" pad="px-4 py-2.5">
                    {queue.name}
                  </Th>
                  <Td pad={innerRow} className={queue.waiting > 0 ? "font-semibold text-amber-700" : "text-slate-700"}>
                    {queue.waiting}
                  </Td>
                  <Td
                    pad={innerRow}
                    className={
                      queue.waiting > 0 && queue.longestWaitSeconds + elapsed > 120
                        ? "font-semibold text-red-700"
                        : "text-slate-700"
                    }
                  >
                    {queue.waiting > 0 ? formatDuration(queue.longestWaitSeconds + elapsed) : "—"}
                  </Td>
                  <Td pad={innerRow} className="text-slate-700">
                    {queue.active}
                  </Td>
                  <Td pad={innerRow} className="text-slate-700">
                    {queue.wrapUp}
                  </Td>
                  <Count value={queue.members.available} dot="bg-emerald-500" first />
                  <Count value={queue.members.busy} dot="bg-amber-500" />
                  <Count value={queue.members.atCapacity} dot="bg-red-500" />
                  <Count value={queue.members.unavailable} dot="bg-slate-300" />
                  <Td pad="px-4 py-2.5" className="text-slate-700">
                    {queue.members.ai}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </section>
  );
}

function Count({ value, dot, first }: { value: number; dot: string; first?: boolean }) {
  return (
    <Td
      pad={innerRow}
      className={cx(first && "border-l border-slate-100", value === 0 ? "text-slate-500" : "text-slate-800")}
    >
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden="true" className={`size-1.5 rounded-full ${value === 0 ? "bg-slate-200" : dot}`} />
        {value}
      </span>
    </Td>
  );
}
