"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import { cx } from "@/components/ui/cx";
import { AgentKindBadge } from "./agent-kind-badge";
import type { Perspective, TranscriptItem } from "./build-transcript";
import { formatTime } from "./format";

/**
 * The conversation, oldest first. The customer sees themselves on the right;
 * staff see the customer on the left and the team (AI agents and people) on
 * the right. New lines are announced (role="log") and scrolled into view
 * unless the reader has scrolled up to read history.
 */
export function Transcript({
  items,
  perspective,
  currentAgentId,
  emptyText,
  className,
}: {
  items: TranscriptItem[];
  perspective: Perspective;
  /** Staff: the representative reading, whose own lines are highlighted. */
  currentAgentId?: string | null;
  emptyText: string;
  className?: string;
}) {
  const scroller = useStickToBottom(items.length);
  return (
    <div
      ref={scroller}
      role="log"
      aria-label="Conversation"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      className={cx(
        "overflow-y-auto overscroll-contain focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600",
        className,
      )}
    >
      <ol className="flex flex-col gap-1 px-4 py-4 sm:px-6">
        {items.length === 0 && <li className="py-10 text-center text-sm text-slate-500">{emptyText}</li>}
        {items.map((item, index) =>
          item.kind === "notice" ? (
            <Notice key={item.key} text={item.text} detail={item.detail} />
          ) : (
            <MessageLine
              key={item.key}
              item={item}
              perspective={perspective}
              currentAgentId={currentAgentId}
              startsGroup={startsGroup(items[index - 1], item)}
            />
          ),
        )}
      </ol>
    </div>
  );
}

type MessageItem = Extract<TranscriptItem, { kind: "message" }>;

// The customer view names agents without ids: there, the name tells one author from another.
const authorKey = (item: MessageItem) => `${item.authorType}:${item.author?.id ?? item.author?.name ?? ""}`;
function startsGroup(previous: TranscriptItem | undefined, item: MessageItem) {
  if (previous?.kind !== "message") return true;
  const gapMs = new Date(item.at).getTime() - new Date(previous.at).getTime();
  return authorKey(previous) !== authorKey(item) || gapMs > 5 * 60_000;
}

function Notice({ text, detail }: { text: string; detail?: string }) {
  return (
    <li className="my-2 flex flex-col items-center gap-0.5 text-center">
      <span className="flex w-full items-center gap-3 text-xs font-medium text-slate-500">
        <span aria-hidden="true" className="h-px flex-1 bg-slate-200" />
        {text}
        <span aria-hidden="true" className="h-px flex-1 bg-slate-200" />
      </span>
      {detail && <span className="max-w-md text-xs text-slate-500 italic [overflow-wrap:anywhere]">{detail}</span>}
    </li>
  );
}

function MessageLine({
  item,
  perspective,
  currentAgentId,
  startsGroup,
}: {
  item: MessageItem;
  perspective: Perspective;
  currentAgentId?: string | null;
  startsGroup: boolean;
}) {
  if (item.authorType === "system") {
    return (
      <li className="my-2 self-center max-w-md rounded-md bg-slate-100 px-3 py-1.5 text-center text-xs text-slate-600 [overflow-wrap:anywhere]">
        {item.text}
      </li>
    );
  }
  const fromCustomer = item.authorType === "customer";
  const mine = perspective === "customer" ? fromCustomer : item.author?.id === currentAgentId;
  const onRight = perspective === "customer" ? fromCustomer : !fromCustomer;
  const who = fromCustomer ? (perspective === "customer" ? "You" : "Customer") : (item.author?.name ?? "Agent");
  return (
    <li
      className={cx(
        "flex max-w-[85%] flex-col sm:max-w-[75%]",
        onRight ? "items-end self-end" : "items-start self-start",
        startsGroup && "mt-3",
      )}
    >
      {startsGroup && (
        <span
          aria-hidden="true"
          className={cx("mb-1 flex items-center gap-1.5 text-xs text-slate-500", onRight && "flex-row-reverse")}
        >
          <span className="font-medium text-slate-700">{who}</span>
          {item.author && <AgentKindBadge kind={item.author.kind} />}
          <time dateTime={item.at}>{formatTime(item.at)}</time>
        </span>
      )}
      <p
        className={cx(
          // A URL or token has no place to break: "anywhere" lets it wrap and keeps the bubble its width.
          "whitespace-pre-wrap [overflow-wrap:anywhere] rounded-2xl px-3.5 py-2 text-[0.9375rem] leading-relaxed",
          bubbleTone(item, mine),
          onRight ? "rounded-br-md" : "rounded-bl-md",
        )}
      >
        <span className="sr-only">
          {item.author ? `${who} (${item.author.kind === "ai" ? "AI agent" : "person"})` : who}:{" "}
        </span>
        {item.text}
      </p>
    </li>
  );
}

function bubbleTone(item: MessageItem, mine: boolean) {
  if (mine) return "bg-blue-600 text-white";
  if (item.author?.kind === "ai") return "bg-violet-50 text-slate-900 ring-1 ring-inset ring-violet-100";
  return "bg-white text-slate-900 ring-1 ring-inset ring-slate-200";
}

/** Keeps the newest line in view while the reader is at (or near) the bottom. */
function useStickToBottom(count: number) {
  const ref = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onScroll = () => {
      pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
    };
    element.addEventListener("scroll", onScroll, { passive: true });
    return () => element.removeEventListener("scroll", onScroll);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a line is added
  useLayoutEffect(() => {
    const element = ref.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [count]);
  return ref;
}
