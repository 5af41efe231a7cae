"use client";

import { useState } from "react";
import { Alert, ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { type Agent, type Conversation, useConversationAction } from "@/lib/client/conversations";

/** Ends the chat with the customer; the representative then has wrap-up time before closing it. */
export function EndConversationButton({
  conversation,
  me,
  ended,
}: {
  conversation: Conversation;
  me: Agent;
  /** The customer went away: nothing to end (the dialog, if open, says so). */
  ended: string | null;
}) {
  const [open, setOpen] = useState(false);
  const end = useConversationAction(conversation.id, "end", { agentId: me.id });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) end.reset();
      }}
    >
      <DialogTrigger asChild disabled={Boolean(ended)}>
        <Button variant="danger-outline" size="sm">
          End
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`End the conversation with ${conversation.customerName}?`}
        description="The customer can no longer send messages. You then have wrap-up time to write notes before closing it."
        width="max-w-md"
      >
        {ended && (
          <Alert tone="warning" label="The customer left">
            {ended}
          </Alert>
        )}
        <ErrorAlert error={end.error} title="The conversation was not ended" />
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button
            variant="danger"
            pending={end.isPending}
            disabled={Boolean(ended)}
            onClick={() => end.mutate(undefined, { onSuccess: () => setOpen(false) })}
          >
            End conversation
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
