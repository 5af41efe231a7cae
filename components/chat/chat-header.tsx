import type { ReactNode } from "react";
import { Avatar } from "@/components/ui/avatar";
import type { Conversation } from "@/lib/client/conversations";
import { AgentKindBadge } from "./agent-kind-badge";
import { formatWait, ordinal } from "./format";

/** Who the customer is talking to — an AI agent or a person — or their place in line while they wait. */
export function ChatHeader({ conversation, actions }: { conversation: Conversation | undefined; actions?: ReactNode }) {
  return (
    <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-3 sm:px-6">
      <h1 className="sr-only">Support chat</h1>
      <HeaderStatus conversation={conversation} />
      <div className="ml-auto flex shrink-0 items-center gap-2">{actions}</div>
    </header>
  );
}

function HeaderStatus({ conversation }: { conversation: Conversation | undefined }) {
  if (!conversation) return <p className="text-sm text-slate-500">Connecting…</p>;
  const { assignee, status, waiting } = conversation;
  if (status === "open") {
    const wait = formatWait(waiting?.estimatedWaitSeconds);
    return (
      <div className="flex min-w-0 items-center gap-3">
        <span
          aria-hidden="true"
          className="relative flex size-9 shrink-0 items-center justify-center rounded-full bg-amber-100"
        >
          <span className="size-2.5 animate-pulse rounded-full bg-amber-500" />
        </span>
        <div className="min-w-0" role="status">
          <p className="truncate text-sm font-semibold text-slate-900">Waiting for an agent</p>
          <p className="truncate text-xs text-slate-600">
            {waiting ? `You're ${ordinal(waiting.position)} in line` : "You're in line"}
            {wait ? ` · ${wait}` : ""}
          </p>
        </div>
      </div>
    );
  }
  if (!assignee) {
    return <p className="text-sm font-medium text-slate-700">{status === "closed" ? "Chat closed" : "Chat ended"}</p>;
  }
  return (
    <div className="flex min-w-0 items-center gap-3">
      <Avatar name={assignee.name} kind={assignee.kind} />
      <div className="min-w-0">
        <p className="flex items-center gap-2 text-sm font-semibold text-slate-900">
          <span className="sr-only">You're talking to </span>
          <span className="truncate">{assignee.name}</span>
          <AgentKindBadge kind={assignee.kind} />
        </p>
        <p className="truncate text-xs text-slate-600">
          {status !== "active"
            ? "This chat has ended"
            : assignee.kind === "ai"
              ? "Answers instantly"
              : conversation.queue?.name}
        </p>
      </div>
    </div>
  );
}
