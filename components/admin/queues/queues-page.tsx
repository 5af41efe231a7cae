"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useQueues } from "@/lib/client/admin";
import { EmptyState, PageHeader } from "../page-header";
import { useLiveAdmin } from "../use-live-admin";
import { QueueDetail } from "./queue-detail";
import { QueueFormDialog } from "./queue-form-dialog";
import { QueueList } from "./queue-list";

/** Queues: the list on the left, the selected queue (from ?queue=) on the right. */
export function QueuesPage() {
  useLiveAdmin();
  const router = useRouter();
  const selectedParam = useSearchParams().get("queue") ?? undefined;
  const { data: queues, isLoading, error } = useQueues();
  const select = (id?: string) => router.replace(id ? `/admin?queue=${id}` : "/admin", { scroll: false });
  const selected = queues?.find((q) => q.id === selectedParam) ?? queues?.[0];

  return (
    <>
      <PageHeader
        title="Queues"
        description="Where conversations wait for an agent. Each queue is checked for setups that would leave a customer stuck."
        actions={<QueueFormDialog trigger={<Button>New queue</Button>} onSaved={(q) => select(q.id)} />}
      />
      <ErrorAlert error={error} />
      {isLoading ? (
        <p className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner /> Loading queues…
        </p>
      ) : !queues || queues.length === 0 ? (
        <EmptyState title="No queues yet">Create a queue, then add AI agents and representatives to it.</EmptyState>
      ) : (
        <div className="grid grid-cols-[16rem_minmax(0,1fr)] items-start gap-6">
          <QueueList queues={queues} selectedId={selected?.id} />
          {selected && <QueueDetail key={selected.id} queue={selected} onDeleted={() => select(undefined)} />}
        </div>
      )}
    </>
  );
}
