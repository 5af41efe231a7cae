"use client";

import { Badge } from "@/components/ui/badge";
import { CheckIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { type CheckWarning, useQueueCheck } from "@/lib/client/admin";

/** How many problems the checker found, for the queue list (nothing while loading or when all is well). */
export function CheckCount({ queueId }: { queueId: string }) {
  const { data } = useQueueCheck(queueId);
  const warnings = data?.warnings ?? [];
  if (warnings.length === 0) return null;
  const errors = warnings.some((w) => w.severity === "error");
  return (
    <Badge tone={errors ? "red" : "amber"}>
      {warnings.length} {warnings.length === 1 ? "problem" : "problems"}
    </Badge>
  );
}

/**
 * The configuration checker's findings for one queue: what would leave a
 * customer stuck, said before any customer meets it. Announced politely when it changes.
 */
export function QueueChecks({ queueId }: { queueId: string }) {
  const { data, isLoading, error } = useQueueCheck(queueId);
  return (
    <section aria-labelledby="queue-check-title" className="rounded-xl border border-slate-200 bg-white">
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h3 id="queue-check-title" className="text-sm font-semibold text-slate-900">
          Configuration check
        </h3>
        {isLoading && <Spinner className="text-slate-400" />}
      </div>
      <div aria-live="polite" className="px-4 py-3" data-testid="queue-check">
        {error ? (
          <p className="text-sm text-red-700">The check could not run: {(error as Error).message}</p>
        ) : !data ? null : data.warnings.length === 0 ? (
          <p className="flex items-center gap-2 text-sm text-emerald-800">
            <CheckIcon className="text-emerald-600" />
            No problems found: conversations routed here can be served.
          </p>
        ) : (
          <ul className="flex flex-col gap-2">
            {data.warnings.map((warning) => (
              <WarningItem key={`${warning.code}:${warning.message}`} warning={warning} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function WarningItem({ warning }: { warning: CheckWarning }) {
  const error = warning.severity === "error";
  return (
    <li
      data-code={warning.code}
      className={`flex items-start gap-3 rounded-lg border px-3 py-2 text-sm ${error ? "border-red-200 bg-red-50 text-red-900" : "border-amber-200 bg-amber-50 text-amber-950"}`}
    >
      <Badge tone={error ? "red" : "amber"} className="mt-px">
        {error ? "Error" : "Warning"}
      </Badge>
      <span>{warning.message}</span>
    </li>
  );
}
