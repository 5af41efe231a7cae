"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { RadioCard, RadioGroup } from "@/components/ui/radio-group";
import { Spinner } from "@/components/ui/spinner";
import { type Queue, useQueues } from "@/lib/client/conversations";
import { TransferDialog } from "./transfer-dialog";

function describeQueue(queue: Queue, currentQueueId: string | null) {
  const ai = queue.memberships.filter((m) => m.agent.kind === "ai").length;
  const people = queue.memberships.length - ai;
  const waiting = queue.counts.open ?? 0;
  const parts = [
    `${people} ${people === 1 ? "person" : "people"}`,
    `${ai} AI ${ai === 1 ? "agent" : "agents"}`,
    `${waiting} waiting`,
  ];
  if (queue.id === currentQueueId) parts.unshift("Current queue");
  return parts.join(" · ");
}

/** Back into a queue: routing picks the next agent there (never you, nor an AI agent that already had it). */
export function TransferToQueue({
  conversationId,
  agentId,
  currentQueueId,
  onTransferred,
}: {
  conversationId: string;
  agentId: string;
  currentQueueId: string | null;
  onTransferred: () => void;
}) {
  const queues = useQueues();
  const [value, setValue] = useState<string | undefined>();
  const chosen = queues.data?.find((queue) => queue.id === value);
  return (
    <TransferDialog
      trigger={
        <Button variant="secondary" size="sm">
          Transfer to queue
        </Button>
      }
      title="Transfer to queue"
      description="Routing assigns the next eligible agent in that queue. It never comes back to you, nor to an AI agent that already handled it."
      conversationId={conversationId}
      agentId={agentId}
      choice={chosen ? { input: { toQueueId: chosen.id }, name: chosen.name } : null}
      noteLabel="Note for whoever picks it up"
      noteHint="Optional. Shown with the hand-off; an AI agent receives it in its set-context event."
      submitLabel="Transfer"
      onReset={() => setValue(undefined)}
      onTransferred={onTransferred}
    >
      {queues.isPending && <Spinner />}
      <ErrorAlert error={queues.error} title="Could not load queues" />
      {queues.data && (
        <RadioGroup label="Queue" value={value} onValueChange={setValue}>
          {queues.data.map((queue) => (
            <RadioCard
              key={queue.id}
              value={queue.id}
              label={queue.name}
              description={describeQueue(queue, currentQueueId)}
            />
          ))}
        </RadioGroup>
      )}
    </TransferDialog>
  );
}
