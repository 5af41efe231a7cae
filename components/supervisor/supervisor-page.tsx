"use client";

import { ErrorAlert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { useDashboard, useLiveSupervisor } from "@/lib/client/supervisor";
import { AgentLoad } from "./agent-load";
import { ConversationList } from "./conversation-list";
import { formatClock } from "./format";
import { Kpis } from "./kpis";
import { QueueChart } from "./queue-chart";
import { QueueTable } from "./queue-table";

/** The live dashboard: updated from /api/stream (no polling), the waits ticking in between. */
export function SupervisorPage() {
  useLiveSupervisor();
  const { data, error, isLoading, dataUpdatedAt } = useDashboard();
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-2">
        <div>
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">Live dashboard</h1>
          <p className="mt-1 text-sm text-slate-600">Queues, agents and conversations as they happen.</p>
        </div>
        {data && (
          <p className="flex items-center gap-2 text-xs text-slate-500">
            <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-emerald-500" />
            Live · updated {formatClock(new Date(dataUpdatedAt).toISOString())}
          </p>
        )}
      </div>
      <ErrorAlert error={error} />
      {isLoading || !data ? (
        !error && (
          <p className="flex items-center gap-2 text-sm text-slate-600">
            <Spinner /> Loading the dashboard…
          </p>
        )
      ) : (
        <>
          <Kpis dashboard={data} updatedAt={dataUpdatedAt} />
          <QueueTable queues={data.queues} updatedAt={dataUpdatedAt} />
          <div className="grid grid-cols-1 items-start gap-5 lg:grid-cols-3">
            <div className="min-w-0 lg:col-span-2">
              <ConversationList queues={data.queues} />
            </div>
            <div className="flex min-w-0 flex-col gap-5">
              <QueueChart queues={data.queues} />
              <AgentLoad agents={data.agents} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}
