"use client";

import Link from "next/link";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Spinner } from "@/components/ui/spinner";
import { CustomerPresenceBadge } from "@/components/workspace/customer-presence";
import { useAgents } from "@/lib/client/admin";
import { type ConversationView, useConversation, useLiveTimeline } from "@/lib/client/supervisor";
import { formatDateTime, statusLabel, statusTone } from "../format";
import { ConversationActions } from "./conversation-actions";
import { Timeline } from "./timeline";
import { Transcript } from "./transcript";

/** One conversation for a supervisor: its timeline (with every routing decision explained) beside the transcript, live. */
export function ConversationPage({ id }: { id: string }) {
  const conversation = useConversation(id);
  const timeline = useLiveTimeline(id);
  const { data: agents = [] } = useAgents();
  const byId = new Map(agents.map((a) => [a.id, a]));
  const events = timeline.data ?? [];
  const c = conversation.data;
  return (
    <div className="flex h-[calc(100vh-7.5rem)] min-h-[36rem] flex-col gap-4">
      <Link href="/supervisor" className="self-start text-sm text-blue-700 hover:underline">
        ← Live dashboard
      </Link>
      <ErrorAlert error={conversation.error ?? timeline.error} />
      {!c ? (
        !conversation.error && (
          <p className="flex items-center gap-2 text-sm text-slate-600">
            <Spinner /> Loading the conversation…
          </p>
        )
      ) : (
        <>
          <Header conversation={c} actions={<ConversationActions conversation={c} events={events} />} />
          <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,3fr)_minmax(0,2fr)] gap-4">
            <Pane title="Timeline" count={events.length}>
              <Timeline
                events={events}
                customerName={c.customerName}
                agentName={(agentId) => byId.get(agentId)?.name}
              />
            </Pane>
            <Pane title="Transcript">
              <Transcript events={events} customerName={c.customerName} agentName={(agentId) => byId.get(agentId)} />
            </Pane>
          </div>
        </>
      )}
    </div>
  );
}

function Header({ conversation: c, actions }: { conversation: ConversationView; actions: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <h1 className="flex items-center gap-3 text-xl font-semibold tracking-tight text-slate-900">
          {c.customerName}
          <Badge tone={statusTone[c.status]}>{statusLabel[c.status]}</Badge>
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          <CustomerPresenceBadge presence={c.customerPresence} className="mr-2 align-middle" />
          {c.queue ? `Queue ${c.queue.name}` : "No queue"}
          {" · "}
          {c.assignee
            ? `with ${c.assignee.name} (${c.assignee.kind === "ai" ? "AI agent" : "representative"})`
            : "nobody holds it"}
          {c.waiting && ` · position ${c.waiting.position} in line`}
          {c.topic && ` · topic “${c.topic}”`}
          {` · started ${formatDateTime(c.createdAt)}`}
        </p>
      </div>
      {actions}
    </div>
  );
}

function Pane({ title, count, children }: { title: string; count?: number; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="flex min-h-0 flex-col rounded-xl border border-slate-200 bg-white">
      <h2 className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900">
        {title}
        {count !== undefined && <span className="ml-1 font-normal text-slate-500">({count} events)</span>}
      </h2>
      {children}
    </section>
  );
}
