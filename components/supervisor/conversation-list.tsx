"use client";

import Link from "next/link";
import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { cx, focusRing } from "@/components/ui/cx";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { type ConversationStatus, type ConversationView, useConversations } from "@/lib/client/supervisor";
import { formatDuration, statusLabel, statusTone } from "./format";
import { useNow } from "./use-now";

type StatusFilter = ConversationStatus | "ongoing";
type AssigneeFilter = "any" | "ai" | "human" | "none";
const ALL = "__all";
/** Cell padding between the first and last columns. */
const inner = "px-3 py-2";

const statusOptions = [
  { value: "ongoing", label: "Ongoing" },
  { value: "open", label: "Waiting" },
  { value: "active", label: "Active" },
  { value: "wrap_up", label: "Wrap-up" },
  { value: "closed", label: "Closed (latest)" },
];
const assigneeOptions = [
  { value: "any", label: "Anyone" },
  { value: "ai", label: "AI agents" },
  { value: "human", label: "Representatives" },
  { value: "none", label: "Nobody (waiting)" },
];

const matchesAssignee = (c: ConversationView, filter: AssigneeFilter) =>
  filter === "any" || (filter === "none" ? !c.assignee : c.assignee?.kind === filter);

/** Conversations, newest first, filtered by status, queue and who holds them; each opens its timeline. */
export function ConversationList({ queues }: { queues: { id: string; name: string }[] }) {
  const [status, setStatus] = useState<StatusFilter>("ongoing");
  const [queueId, setQueueId] = useState(ALL);
  const [assignee, setAssignee] = useState<AssigneeFilter>("any");
  const { data, isLoading, error } = useConversations(status, queueId === ALL ? "" : queueId);
  const rows = (data ?? []).filter((c) => matchesAssignee(c, assignee));
  return (
    <section aria-labelledby="conversations-title" className="min-w-0 rounded-xl border border-slate-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <h2 id="conversations-title" className="text-sm font-semibold text-slate-900">
          Conversations {data && <span className="font-normal text-slate-500">({rows.length})</span>}
        </h2>
        <div className="flex flex-wrap items-center gap-3">
          <Select
            layout="inline"
            label="Status"
            value={status}
            onValueChange={(v) => setStatus(v as StatusFilter)}
            options={statusOptions}
          />
          <Select
            layout="inline"
            label="Queue"
            value={queueId}
            onValueChange={setQueueId}
            options={[{ value: ALL, label: "All queues" }, ...queues.map((q) => ({ value: q.id, label: q.name }))]}
          />
          <Select
            layout="inline"
            label="Assignee"
            value={assignee}
            onValueChange={(v) => setAssignee(v as AssigneeFilter)}
            options={assigneeOptions}
          />
        </div>
      </div>
      <ErrorAlert error={error} className="m-4" />
      {isLoading ? (
        <p className="flex items-center gap-2 px-4 py-6 text-sm text-slate-600">
          <Spinner /> Loading conversations…
        </p>
      ) : rows.length === 0 ? (
        <p className="px-4 py-8 text-center text-sm text-slate-600">No conversations match these filters.</p>
      ) : (
        <ConversationTable rows={rows} />
      )}
    </section>
  );
}

function ConversationTable({ rows }: { rows: ConversationView[] }) {
  const now = useNow();
  const since = (c: ConversationView) => {
    const from = c.status === "open" && c.queuedAt ? c.queuedAt : c.createdAt;
    const end = c.closedAt ? new Date(c.closedAt).getTime() : now;
    return formatDuration((end - new Date(from).getTime()) / 1000);
  };
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <div className="max-h-[28rem] overflow-auto" tabIndex={0}>
      <Table data-testid="conversation-table">
        <THead className="sticky top-0 bg-white shadow-[0_1px_0_#f1f5f9]">
          <tr>
            <Th>Customer</Th>
            <Th pad={inner}>Status</Th>
            <Th pad={inner}>Queue</Th>
            <Th pad={inner}>Assignee</Th>
            <Th className="text-right">Time</Th>
          </tr>
        </THead>
        <tbody>
          {rows.map((c) => (
            <Tr key={c.id} className="hover:bg-slate-50">
              <Th scope="row">
                <Link
                  href={`/supervisor/conversations/${c.id}`}
                  className={cx("rounded text-blue-700 hover:underline", focusRing)}
                >
                  {c.customerName}
                </Link>
                {c.topic && <span className="block text-xs font-normal text-slate-500">{c.topic}</span>}
              </Th>
              <Td pad={inner}>
                <span className="flex items-center gap-1.5">
                  <Badge tone={statusTone[c.status]}>{statusLabel[c.status]}</Badge>
                  {c.status !== "closed" && c.customerPresence?.state === "away" && (
                    <Badge title="The customer has no chat window open">Customer away</Badge>
                  )}
                </span>
              </Td>
              <Td pad={inner} className="text-slate-700">
                {c.queue?.name ?? "—"}
              </Td>
              <Td pad={inner} className="text-slate-700">
                {c.assignee ? (
                  <span className="flex items-center gap-1.5">
                    {c.assignee.name}
                    <Badge tone={c.assignee.kind === "ai" ? "violet" : "green"}>
                      {c.assignee.kind === "ai" ? "AI" : "Rep"}
                    </Badge>
                  </span>
                ) : (
                  <span className="text-slate-500">Nobody</span>
                )}
              </Td>
              <Td
                className="text-right text-slate-600 tabular-nums"
                title={c.status === "open" ? "Waiting for" : "Since it started"}
              >
                {since(c)}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
