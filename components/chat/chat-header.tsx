import type { ReactNode } from "react";
import { Avatar } from "@/components/ui/avatar";
import type { CustomerConversation } from "@/lib/client/customer-chat";
import { AgentKindBadge } from "./agent-kind-badge";
import { formatWait, ordinal } from "./format";

/** Who the customer is talking to — an AI agent or a person — or their place in line while they wait. */
export function ChatHeader({
  conversation,
  actions,
}: {
  conversation: CustomerConversation | undefined;
  actions?: ReactNode;
}) {
  return (
    <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-3 sm:px-6">
      <h1 className="sr-only">Support chat</h1>
      <HeaderStatus conversation={conversation} />
      <div className="ml-auto flex shrink-0 items-center gap-2">{actions}</div>
    </header>
  );
}

function HeaderStatus({ conversation }: { conversation: CustomerConversation | undefined }) {
  if (!conversation) return <p className="text-sm text-slate-500">Connecting…</p>;
  const { answering, status, waiting } = conversation;
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
          <p className="text-xs text-slate-600">
            {waiting ? `You're ${ordinal(waiting.position)} in line` : "You're in line"}
            {` · ${wait}`}
          </p>
        </div>
      </div>
    );
  }
  if (!answering) {
    return <p className="text-sm font-medium text-slate-700">{status === "closed" ? "Chat closed" : "Chat ended"}</p>;
  }
  return (
    <div className="flex min-w-0 items-center gap-3">
      <Avatar name={answering.name} kind={answering.kind} />
      <div className="min-w-0">
        <p className="flex items-center gap-2 text-sm font-semibold text-slate-900">
          <span className="sr-only">You're talking to </span>
          <span className="truncate">{answering.name}</span>
          <AgentKindBadge kind={answering.kind} />
        </p>
        <p className="truncate text-xs text-slate-600">
          {status !== "active" ? "This chat has ended" : answering.kind === "ai" ? "Answers instantly" : "Here to help"}
        </p>
      </div>
    </div>
  );
}
