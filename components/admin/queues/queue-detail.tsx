"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { type QueueView, useDeleteQueue, useQueues } from "@/lib/client/admin";
import { ConfirmDialog } from "../confirm-dialog";
import { formatSeconds, methodLabel } from "../labels";
import { QueueChecks } from "./queue-checks";
import { QueueFormDialog } from "./queue-form-dialog";
import { QueueMembers } from "./queue-members";

/** One queue: its settings, the configuration check, and its members. */
export function QueueDetail({ queue, onDeleted }: { queue: QueueView; onDeleted: () => void }) {
  const remove = useDeleteQueue();
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 className="flex flex-wrap items-center gap-2 text-lg font-semibold text-slate-900">
            {queue.name}
            {queue.isDefault && <Badge tone="blue">Default queue</Badge>}
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            <LiveCounts queue={queue} />
          </p>
        </div>
        <div className="flex shrink-0 gap-2">
          <QueueFormDialog queue={queue} trigger={<Button variant="secondary">Edit queue</Button>} />
          <ConfirmDialog
            trigger={<Button variant="danger-outline">Delete</Button>}
            title={`Delete ${queue.name}?`}
            description="Its members stay as agents; routing rules that point to it are deleted with it. A queue with conversations in it cannot be deleted."
            confirmLabel="Delete queue"
            onConfirm={async () => {
              await remove.mutateAsync(queue.id);
              onDeleted();
            }}
          />
        </div>
      </div>
      <QueueChecks queueId={queue.id} />
      <QueueMembers queue={queue} />
      <Settings queue={queue} />
    </div>
  );
}

function LiveCounts({ queue }: { queue: QueueView }) {
  const waiting = queue.counts.open ?? 0;
  const active = queue.counts.active ?? 0;
  const wrapUp = queue.counts.wrap_up ?? 0;
  return (
    <>
      {waiting} waiting · {active} active · {wrapUp} in wrap-up
    </>
  );
}

function Settings({ queue }: { queue: QueueView }) {
  const { data: queues = [] } = useQueues();
  const target = queues.find((q) => q.id === queue.overflowQueueId)?.name ?? "another queue";
  const when =
    queue.overflowAfterSeconds == null
      ? "when no member can ever take it"
      : `after ${formatSeconds(queue.overflowAfterSeconds)}`;
  const overflow =
    queue.overflowAction === "none"
      ? "Off: conversations keep waiting"
      : queue.overflowAction === "transfer"
        ? `Move to ${target} ${when}`
        : `End with a message ${when}`;
  const items: [string, string][] = [
    ["Assignment", methodLabel[queue.assignmentMethod] ?? queue.assignmentMethod],
    ["Priority", `${queue.priority} (lower is served first)`],
    ["Units per conversation", String(queue.capacityUnits)],
    ["Wrap-up", formatSeconds(queue.wrapUpSeconds)],
    [
      "Customer inactivity",
      queue.inactivityTimeoutSeconds == null
        ? "Off: a customer who goes away keeps the chat"
        : `Ends the chat after ${formatSeconds(queue.inactivityTimeoutSeconds)} away`,
    ],
    ["Overflow", overflow],
  ];
  return (
    <section aria-labelledby="settings-title" className="rounded-xl border border-slate-200 bg-white">
      <h3 id="settings-title" className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900">
        Settings
      </h3>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 px-4 py-3 text-sm lg:grid-cols-3">
        {items.map(([term, value]) => (
          <div key={term} className={term === "Overflow" ? "col-span-2" : undefined}>
            <dt className="text-xs text-slate-500">{term}</dt>
            <dd className="mt-0.5 text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
