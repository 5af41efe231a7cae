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
import { CustomerPresenceBadge, customerWentAway } from "./customer-presence";
import { WrapUpPanel } from "./wrap-up-panel";

const statusBadge: Record<Conversation["status"], { label: string; tone: "green" | "amber" | "neutral" | "blue" }> = {
  open: { label: "Waiting", tone: "amber" },
  active: { label: "Active", tone: "green" },
  wrap_up: { label: "Wrap-up", tone: "blue" },
  closed: { label: "Closed", tone: "neutral" },
};

/**
 * One conversation as the representative works it: the whole transcript, what the AI agent learned, the actions.
 * When the customer goes away mid-work (they left, or were away past the queue's time-out), the chat closes under
 * the representative and their capacity comes back, but nothing they were doing is thrown away: the reply they
 * were typing and an open dialog with its note stay on screen (disabled), a notice says what happened, and their
 * wrap-up (notes, then close) takes the composer's place.
 */
export function ConversationPane({
  conversationId,
  me,
  onDone,
}: {
  conversationId: string;
  me: Agent;
  onDone: () => void;
}) {
  const { conversation, timeline } = useLiveTimeline(conversationId, { holder: me.id });
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
  const working = mine && current.status === "active";
  // The customer went away while it was ours, and our wrap-up is still to do.
  const gone =
    current.status === "closed" && current.wrapUpPendingFor === me.id
      ? (customerWentAway(events, current.customerName) ?? `${current.customerName} is no longer in the chat.`)
      : null;

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
                <CustomerPresenceBadge presence={current.customerPresence} className="font-normal" />
              </h2>
              <p className="truncate text-xs text-slate-600">
                {[current.topic, current.queue?.name].filter(Boolean).join(" · ") || "No topic"}
              </p>
            </div>
          </div>
          {(working || gone) && (
            <ConversationActions
              conversation={current}
              me={me}
              handledBy={handledBy}
              onTransferred={onDone}
              ended={gone}
            />
          )}
        </header>
        {gone && (
          <Alert tone="warning" label="The customer left" className="m-4 mb-0">
            {gone} The chat has ended and your capacity is free again. Write your wrap-up notes below, then close it.
          </Alert>
        )}
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
          {(working || gone) && (
            <Composer
              onSend={(text) => send.mutateAsync(text)}
              label={`Reply to ${current.customerName}`}
              placeholder={`Reply to ${current.customerName}…`}
              disabledReason={gone && `${current.customerName} left the chat`}
            />
          )}
          {((mine && current.status === "wrap_up") || gone) && (
            <WrapUpPanel
              conversation={current}
              me={me}
              endedEvent={gone ? undefined : wrapUpEvent}
              onClosed={onDone}
              className={gone ? "mt-3" : undefined}
            />
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
