"use client";

import { type FormEvent, useState } from "react";
import { formatTime } from "@/components/chat/format";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { type Agent, type Conversation, type TimelineEvent, useConversationAction } from "@/lib/client/conversations";

/** Wrap-up: the chat is over; notes, then "Close" releases the representative's capacity. */
export function WrapUpPanel({
  conversation,
  me,
  endedEvent,
  onClosed,
  className,
}: {
  conversation: Conversation;
  me: Agent;
  /** The representative's own End (with the wrap-up time); none when the customer went away. */
  endedEvent: TimelineEvent | undefined;
  onClosed: () => void;
  className?: string;
}) {
  const [notes, setNotes] = useState("");
  const close = useConversationAction(conversation.id, "close", { agentId: me.id });
  const toast = useToast();
  const seconds = Number(endedEvent?.data.wrapUpSeconds);
  const closesAt =
    endedEvent && seconds > 0
      ? new Date(new Date(endedEvent.createdAt).getTime() + seconds * 1000).toISOString()
      : null;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    close.mutate(notes.trim(), {
      onSuccess: () => {
        toast({
          tone: "success",
          title: "Conversation closed",
          description: `Wrap-up for ${conversation.customerName} is done.`,
        });
        onClosed();
      },
    });
  }

  return (
    <form onSubmit={onSubmit} className={cx("flex flex-col gap-3", className)}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">Wrap-up</h3>
        {closesAt && <p className="text-xs text-slate-500">Closes by itself at {formatTime(closesAt)}</p>}
      </div>
      <Textarea
        label="Wrap-up notes"
        hint="Optional. Kept on the conversation's timeline."
        value={notes}
        onChange={(event) => setNotes(event.target.value)}
        maxLength={4000}
      />
      <ErrorAlert error={close.error} title="The conversation was not closed" />
      <div className="flex justify-end">
        <Button type="submit" pending={close.isPending}>
          Close conversation
        </Button>
      </div>
    </form>
  );
}
