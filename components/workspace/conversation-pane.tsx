"use client";

import { useMemo } from "react";
import { buildStaffTranscript } from "@/components/chat/build-transcript";
import { Composer } from "@/components/chat/composer";
import { Transcript } from "@/components/chat/transcript";
import { Alert } from "@/components/ui/alert";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { type Agent, type Conversation, useLiveTimeline, useSendMessage } from "@/lib/client/conversations";
import { ConversationActions } from "./conversation-actions";
import { ConversationDetails } from "./conversation-details";
import { WrapUpPanel } from "./wrap-up-panel";

const statusBadge: Record<Conversation["status"], { label: string; tone: "green" | "amber" | "neutral" | "blue" }> = {
  open: { label: "Waiting", tone: "amber" },
  active: { label: "Active", tone: "green" },
  wrap_up: { label: "Wrap-up", tone: "blue" },
  closed: { label: "Closed", tone: "neutral" },
};

/** One conversation as the representative works it: the whole transcript, what the AI agent learned, the actions. */
export function ConversationPane({
  conversationId,
  me,
  onDone,
}: {
  conversationId: string;
  me: Agent;
  onDone: () => void;
}) {
  const { conversation, timeline } = useLiveTimeline(conversationId);
  const send = useSendMessage(conversationId, { agentId: me.id });
  const events = useMemo(() => timeline.data ?? [], [timeline.data]);
  const items = useMemo(() => buildStaffTranscript(events), [events]);
  const handledBy = useMemo(
    () => new Set(events.filter((e) => e.type === "agent.assigned").map((e) => String(e.data.agentId))),
    [events],
  );
  const current = conversation.data;

  if (!current) {
    return (
      <section aria-label="Conversation" className="flex items-center justify-center text-sm text-slate-500">
        {conversation.error ? <Alert tone="error">Could not load this conversation.</Alert> : <Spinner />}
      </section>
    );
  }
  const mine = current.assignee?.id === me.id;
  const wrapUpEvent = events.findLast((e) => e.type === "conversation.ended");

  return (
    <div className="grid min-h-0 grid-cols-1 xl:grid-cols-[minmax(0,1fr)_20rem]">
      <section aria-labelledby="conversation-title" className="flex min-h-0 flex-col bg-white">
        <header className="flex flex-wrap items-center gap-x-4 gap-y-3 border-b border-slate-200 px-5 py-3">
          <div className="flex min-w-0 items-center gap-3">
            <Avatar name={current.customerName} kind="customer" />
            <div className="min-w-0">
              <h2 id="conversation-title" className="flex items-center gap-2 text-base font-semibold text-slate-900">
                <span className="truncate">{current.customerName}</span>
                <Badge tone={statusBadge[current.status].tone}>{statusBadge[current.status].label}</Badge>
              </h2>
              <p className="truncate text-xs text-slate-600">
                {[current.topic, current.queue?.name].filter(Boolean).join(" · ") || "No topic"}
              </p>
            </div>
          </div>
          {mine && current.status === "active" && (
            <ConversationActions conversation={current} me={me} handledBy={handledBy} onTransferred={onDone} />
          )}
        </header>
        {!mine && (
          <Alert tone="info" className="m-4 mb-0">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span>
                {current.assignee
                  ? `This conversation is now with ${current.assignee.name}.`
                  : "This conversation is no longer yours."}
              </span>
              <Button variant="secondary" size="sm" onClick={onDone}>
                Close view
              </Button>
            </div>
          </Alert>
        )}
        <details className="border-b border-slate-200 xl:hidden">
          <summary className="cursor-pointer px-5 py-2 text-sm font-medium text-slate-700">
            Details and hand-off
          </summary>
          <ConversationDetails conversation={current} />
        </details>
        {timeline.isPending ? (
          <div className="flex flex-1 items-center justify-center">
            <Spinner className="text-slate-400" />
          </div>
        ) : (
          <Transcript
            items={items}
            perspective="staff"
            currentAgentId={me.id}
            emptyText="No messages yet."
            className="flex-1 bg-slate-50"
          />
        )}
        <footer className="border-t border-slate-200 bg-white px-5 py-3">
          {mine && current.status === "active" && (
            <Composer
              onSend={(text) => send.mutateAsync(text)}
              label={`Reply to ${current.customerName}`}
              placeholder={`Reply to ${current.customerName}…`}
            />
          )}
          {mine && current.status === "wrap_up" && (
            <WrapUpPanel conversation={current} me={me} endedEvent={wrapUpEvent} onClosed={onDone} />
          )}
          {!mine && <p className="py-1 text-center text-sm text-slate-500">Read only.</p>}
        </footer>
      </section>
      <aside
        aria-label="Conversation details"
        className="hidden min-h-0 overflow-y-auto border-l border-slate-200 bg-white xl:block"
      >
        <ConversationDetails conversation={current} />
      </aside>
    </div>
  );
}
