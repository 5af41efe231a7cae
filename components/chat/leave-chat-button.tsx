"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { useLeaveChat } from "@/lib/client/customer-chat";
import type { ChatSession } from "./use-chat-session";

/** The customer leaves: the conversation closes for everyone (after a confirmation). */
export function LeaveChatButton({ session }: { session: ChatSession }) {
  const [open, setOpen] = useState(false);
  const leave = useLeaveChat(session.conversationId, session.token);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Leave chat
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Leave this chat?"
        description="The conversation will end and you won't be able to send more messages."
        width="max-w-md"
      >
        <ErrorAlert error={leave.error} />
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">Stay</Button>
          </DialogClose>
          <Button
            variant="danger"
            pending={leave.isPending}
            onClick={() => leave.mutate(undefined, { onSuccess: () => setOpen(false) })}
          >
            Leave chat
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
