"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { InboxIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { useAgents, useCurrentAgentId, useInboxStream } from "@/lib/client/conversations";
import { ApiError } from "@/lib/client/fetch-json";
import { ConversationPane } from "./conversation-pane";
import { Inbox } from "./inbox";
import { PresenceSelect } from "./presence-select";
import { RepPicker } from "./rep-picker";
import { StaffMenu } from "./staff-menu";

/**
 * The representative's screen: who they are and their presence on top, the inbox left, the open conversation right.
 * The open conversation is in the address (`?conversation=`), so a reload, a bookmark or Back keeps it.
 */
export function Workspace() {
  const current = useCurrentAgentId();
  const agents = useAgents();
  const representatives = (agents.data ?? []).filter((agent) => agent.kind === "human");
  const me = representatives.find((agent) => agent.id === current.agentId) ?? null;
  const router = useRouter();
  const selectedId = useSearchParams().get("conversation");
  const open = (id: string) => router.push(`/workspace?conversation=${encodeURIComponent(id)}`, { scroll: false });
  const close = () => router.replace("/workspace", { scroll: false });
  const signedOut = agents.error instanceof ApiError && [401, 403].includes(agents.error.status);
  useInboxStream(me?.id ?? null);

  function chooseRep(id: string) {
    current.choose?.(id);
    close();
  }

  return (
    <div className="flex h-dvh flex-col bg-slate-100">
      <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-200 bg-white px-4 py-2.5">
        <Link href="/" className="flex items-center gap-2 rounded text-sm font-semibold text-slate-900">
          <span
            aria-hidden="true"
            className="flex size-7 items-center justify-center rounded-md bg-blue-600 text-white"
          >
            S
          </span>
          Switchboard
        </Link>
        <h1 className="text-sm font-medium text-slate-500">Workspace</h1>
        <div className="ml-auto flex flex-wrap items-center gap-4">
          {agents.isPending && <Spinner className="text-slate-400" />}
          {current.choose && representatives.length > 0 && (
            <RepPicker representatives={representatives} value={me?.id ?? null} onChange={chooseRep} />
          )}
          {me && <PresenceSelect agent={me} />}
          {me && (
            <p className="text-sm text-slate-600" title={`${me.usedCapacity} of ${me.capacity} capacity units in use`}>
              Capacity{" "}
              <span className="font-medium text-slate-900">
                {me.usedCapacity}/{me.capacity}
              </span>
            </p>
          )}
          <StaffMenu />
        </div>
      </header>
      {!signedOut && <ErrorAlert error={agents.error} title="Could not load representatives" className="m-4" />}
      {signedOut ? (
        <Notice title="Sign in to use the workspace">
          The workspace is for representatives, and for supervisors acting for one.{" "}
          <Link href="/sign-in?next=/workspace" className="font-medium text-blue-700 underline">
            Sign in
          </Link>{" "}
          with your staff account.
        </Notice>
      ) : me ? (
        <div className="grid min-h-0 flex-1 grid-cols-1 md:grid-cols-[17rem_minmax(0,1fr)]">
          <Inbox key={me.id} agentId={me.id} selectedId={selectedId} onSelect={open} />
          {selectedId ? (
            <ConversationPane key={selectedId} conversationId={selectedId} me={me} onDone={close} />
          ) : (
            <EmptyPane />
          )}
        </div>
      ) : (
        agents.isSuccess && current.ready && <ChooseRep hasReps={representatives.length > 0} />
      )}
    </div>
  );
}

function EmptyPane() {
  return (
    <section
      aria-label="Conversation"
      className="hidden flex-col items-center justify-center gap-2 text-center text-slate-500 md:flex"
    >
      <InboxIcon width={28} height={28} className="text-slate-400" />
      <p className="text-sm">Select a conversation from your inbox.</p>
    </section>
  );
}

/** Only supervisors and admins get here (a representative is always themselves): they act for someone. */
function ChooseRep({ hasReps }: { hasReps: boolean }) {
  return hasReps ? (
    <Notice title="Choose a representative to act for">
      Your account is not a representative's. Pick one under “Representative” at the top to work their inbox: what you
      do is recorded as done by you on their behalf. To watch every queue instead, open the{" "}
      <Link href="/supervisor" className="font-medium text-blue-700 underline">
        supervisor console
      </Link>
      .
    </Notice>
  ) : (
    <Notice title="No representatives yet">
      An administrator adds representatives and their queues; they appear here.
    </Notice>
  );
}

function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="flex flex-1 items-center justify-center p-8">
      <div className="max-w-sm text-center">
        <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
        <p className="mt-2 text-sm text-slate-600">{children}</p>
      </div>
    </div>
  );
}
