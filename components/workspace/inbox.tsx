"use client";

import { useEffect, useRef, useState } from "react";
import { formatTime } from "@/components/chat/format";
import { ErrorAlert } from "@/components/ui/alert";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { cx, focusRing } from "@/components/ui/cx";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { type Conversation, useInbox } from "@/lib/client/conversations";

/**
 * The representative's conversations, live. One that arrives while the
 * workspace is open is highlighted with a "New" badge until opened, and
 * announced to screen readers; so is one whose customer went away (it stays,
 * marked "Left", until the representative's wrap-up is done).
 */
export function Inbox({
  agentId,
  selectedId,
  onSelect,
}: {
  agentId: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const inbox = useInbox(agentId);
  const { fresh, announcement, markSeen } = useArrivals(inbox.data);
  const conversations = inbox.data ?? [];

  return (
    <nav aria-labelledby="inbox-heading" className="flex min-h-0 flex-col border-r border-slate-200 bg-white">
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h2 id="inbox-heading" className="text-sm font-semibold text-slate-900">
          Inbox
        </h2>
        <Badge tone={conversations.length ? "blue" : "neutral"}>
          {conversations.length}
          <span className="sr-only"> conversations</span>
        </Badge>
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {inbox.isPending && (
          <p className="flex items-center gap-2 p-4 text-sm text-slate-500">
            <Spinner /> Loading…
          </p>
        )}
        <ErrorAlert error={inbox.error} title="Could not load your inbox" className="m-3" />
        {inbox.isSuccess && conversations.length === 0 && (
          <p className="px-4 py-8 text-center text-sm text-slate-500">
            No conversations right now. New ones appear here as they are assigned to you.
          </p>
        )}
        <ul className="flex flex-col gap-0.5 p-2">
          {conversations.map((conversation) => (
            <li key={conversation.id}>
              <InboxItem
                conversation={conversation}
                selected={conversation.id === selectedId}
                isNew={fresh.has(conversation.id)}
                onSelect={() => {
                  markSeen(conversation.id);
                  onSelect(conversation.id);
                }}
              />
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}

function InboxItem({
  conversation,
  selected,
  isNew,
  onSelect,
}: {
  conversation: Conversation;
  selected: boolean;
  isNew: boolean;
  onSelect: () => void;
}) {
  const from = conversation.handoff?.fromAgentName;
  return (
    <button
      type="button"
      onClick={onSelect}
      aria-current={selected ? "true" : undefined}
      className={cx(
        "flex w-full items-start gap-3 rounded-lg px-3 py-2.5 text-left transition-colors",
        focusRing,
        selected ? "bg-blue-50 ring-1 ring-blue-200" : "hover:bg-slate-50",
        isNew && !selected && "bg-amber-50 ring-1 ring-amber-200",
      )}
    >
      <Avatar name={conversation.customerName} kind="customer" className="mt-0.5 size-8 text-xs" />
      <span className="flex min-w-0 flex-1 flex-col gap-0.5">
        <span className="flex items-center gap-2">
          <span className="truncate text-sm font-semibold text-slate-900">{conversation.customerName}</span>
          {isNew && <Badge tone="amber">New</Badge>}
          {conversation.status === "wrap_up" && <Badge>Wrap-up</Badge>}
          {conversation.status === "closed" && (
            <Badge tone="amber" title="The customer left; your wrap-up is still to do">
              Left
            </Badge>
          )}
          {conversation.status === "active" && conversation.customerPresence?.state === "away" && (
            <Badge title="The customer has no chat window open">Away</Badge>
          )}
          <time dateTime={conversation.updatedAt} className="ml-auto shrink-0 text-xs text-slate-600">
            {formatTime(conversation.updatedAt)}
          </time>
        </span>
        <span className="truncate text-xs text-slate-700">{conversation.topic || "No topic"}</span>
        <span className="truncate text-xs text-slate-600">
          {conversation.queue?.name}
          {from ? ` · from ${from}` : ""}
        </span>
      </span>
    </button>
  );
}

/**
 * Which conversations arrived after the inbox first loaded, and a sentence
 * announcing the latest. One the inbox already showed in the same state (put
 * back after a refused transfer) is not new; one assigned again later is.
 */
function useArrivals(conversations: Conversation[] | undefined) {
  const shown = useRef<Set<string> | null>(null);
  const versions = useRef(new Map<string, string>());
  const statuses = useRef(new Map<string, string>());
  const [fresh, setFresh] = useState<Set<string>>(() => new Set());
  const [announcement, setAnnouncement] = useState("");
  const toast = useToast();
  useEffect(() => {
    if (!conversations) return;
    const previous = shown.current;
    const arrived = previous
      ? conversations.filter((c) => !previous.has(c.id) && versions.current.get(c.id) !== c.updatedAt)
      : [];
    // Held a moment ago, closed now: the customer went away (only those stay in the inbox once closed).
    const left = previous
      ? conversations.filter((c) => c.status === "closed" && statuses.current.get(c.id) !== "closed")
      : [];
    shown.current = new Set(conversations.map((c) => c.id));
    for (const c of conversations) {
      versions.current.set(c.id, c.updatedAt);
      statuses.current.set(c.id, c.status);
    }
    // Said out loud (a toast is announced) wherever the representative is looking: it may not be this conversation.
    for (const c of left) {
      toast({ title: `${c.customerName} left the chat`, description: "It has ended; your wrap-up is still to do." });
    }
    if (arrived.length === 0) return;
    setFresh((current) => new Set([...current, ...arrived.map((c) => c.id)]));
    setAnnouncement(
      arrived.map((c) => `New conversation from ${c.customerName}${c.topic ? ` about ${c.topic}` : ""}.`).join(" "),
    );
  }, [conversations, toast]);
  const markSeen = (id: string) =>
    setFresh((current) => {
      if (!current.has(id)) return current;
      const next = new Set(current);
      next.delete(id);
      return next;
    });
  return { fresh, announcement, markSeen };
}
