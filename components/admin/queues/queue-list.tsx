"use client";

import Link from "next/link";
import { cx, focusRing } from "@/components/ui/cx";
import type { QueueView } from "@/lib/client/admin";
import { CheckCount } from "./queue-checks";

/** The queues, in the order they are served; the selected one is marked as the current page. */
export function QueueList({ queues, selectedId }: { queues: QueueView[]; selectedId: string | undefined }) {
  return (
    <nav aria-label="Queues">
      <ul className="flex flex-col gap-1">
        {queues.map((queue) => {
          const current = queue.id === selectedId;
          const waiting = queue.counts.open ?? 0;
          return (
            <li key={queue.id}>
              <Link
                href={`/admin?queue=${queue.id}`}
                scroll={false}
                aria-current={current ? "page" : undefined}
                className={cx(
                  "flex flex-col gap-1 rounded-lg border px-3 py-2.5",
                  current
                    ? "border-blue-600 bg-blue-50/60 ring-1 ring-blue-600"
                    : "border-slate-200 bg-white hover:border-slate-300",
                  focusRing,
                )}
              >
                <span className="flex items-center justify-between gap-2">
                  <span className="truncate text-sm font-medium text-slate-900">{queue.name}</span>
                  <CheckCount queueId={queue.id} />
                </span>
                {/* slate-600: slate-500 falls below 4.5:1 on the selected item's blue tint */}
                <span className="text-xs text-slate-600">
                  {queue.memberships.length} {queue.memberships.length === 1 ? "member" : "members"}
                  {queue.isDefault && " · default"}
                  {waiting > 0 && ` · ${waiting} waiting`}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
