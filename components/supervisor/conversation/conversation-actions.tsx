"use client";

import { ConfirmDialog } from "@/components/admin/confirm-dialog";
import { Button } from "@/components/ui/button";
import { type ConversationView, type TimelineEvent, useForceClose } from "@/lib/client/supervisor";
import { AssignDialog } from "./assign-dialog";
import { TransferDialog } from "./transfer-dialog";

/** What a supervisor can do with the conversation, by its status; export works always. */
export function ConversationActions({
  conversation,
  events,
}: {
  conversation: ConversationView;
  events: TimelineEvent[];
}) {
  const close = useForceClose(conversation.id);
  const live = conversation.status === "open" || conversation.status === "active";
  return (
    <div className="flex flex-wrap items-center gap-2">
      {conversation.status === "open" && <AssignDialog conversation={conversation} />}
      {live && <TransferDialog conversation={conversation} />}
      {conversation.status !== "closed" && (
        <ConfirmDialog
          trigger={<Button variant="danger-outline">Force close</Button>}
          title="Force-close this conversation?"
          description={`${conversation.customerName} is disconnected and whoever holds the conversation is released. This cannot be undone.`}
          confirmLabel="Force close"
          onConfirm={() => close.mutateAsync({})}
        />
      )}
      <Button variant="ghost" onClick={() => exportTimeline(conversation, events)}>
        Export timeline as JSON
      </Button>
    </div>
  );
}

/** Downloads the conversation and its whole timeline as one JSON file (for audits and bug reports). */
function exportTimeline(conversation: ConversationView, events: TimelineEvent[]) {
  const payload = { exportedAt: new Date().toISOString(), conversation, timeline: events };
  const blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `conversation-${conversation.id}-timeline.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
