"use client";

import { type Queue, useQueues } from "@/lib/client/conversations";
import { TransferToOneOf } from "./transfer-dialog";

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
  currentQueueId,
  ...shared
}: {
  conversationId: string;
  agentId: string;
  currentQueueId: string | null;
  onTransferred: () => void;
  ended: string | null;
}) {
  const queues = useQueues();
  return (
    <TransferToOneOf
      {...shared}
      title="Transfer to queue"
      description="Routing assigns the next eligible agent in that queue. It never comes back to you, nor to an AI agent that already handled it."
      noteLabel="Note for whoever picks it up"
      noteHint="Optional. Shown with the hand-off; an AI agent receives it in its set-context event."
      pickerLabel="Queue"
      loading={queues.isPending}
      loadError={queues.error}
      loadErrorTitle="Could not load queues"
      options={queues.data?.map((queue) => ({
        value: queue.id,
        label: queue.name,
        description: describeQueue(queue, currentQueueId),
        input: { toQueueId: queue.id },
      }))}
    />
  );
}
