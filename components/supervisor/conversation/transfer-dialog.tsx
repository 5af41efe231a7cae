"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";
import { RadioCard, RadioGroup, RadioSection } from "@/components/ui/radio-group";
import { useToast } from "@/components/ui/toast";
import { type AgentView, useAgents, useQueues } from "@/lib/client/admin";
import { type ConversationView, useTransfer } from "@/lib/client/supervisor";
import { ActionDialog } from "./action-dialog";
import { AgentCard } from "./agent-choice";

/**
 * Moves the conversation to a queue, or straight to an agent — an AI agent
 * too (the hand-back) — listed queue by queue, with a note for whoever gets it.
 */
export function TransferDialog({ conversation }: { conversation: ConversationView }) {
  const [target, setTarget] = useState<string>();
  const [note, setNote] = useState("");
  const { data: queues = [] } = useQueues();
  const { data: agents = [] } = useAgents();
  const transfer = useTransfer(conversation.id);
  const toast = useToast();
  const byId = new Map(agents.map((a) => [a.id, a]));
  const queued = new Set(queues.flatMap((q) => q.memberships.map((m) => m.agentId)));
  const loose = agents.filter((a) => !queued.has(a.id) && a.id !== conversation.assigneeId);

  const run = (close: () => void) => {
    if (!target) return;
    // Values are "queue:<id>" or "agent:<id>@<queue id>" (an agent may be listed under several queues).
    const [kind, rest] = target.split(":") as ["queue" | "agent", string];
    const body = kind === "queue" ? { toQueueId: rest } : { toAgentId: rest.split("@")[0] };
    transfer.mutate(
      { ...body, note: note.trim() || undefined },
      {
        onSuccess: (c) => {
          close();
          toast({
            title: "Transferred",
            description: c.assignee ? `Now with ${c.assignee.name}.` : `Waiting in ${c.queue?.name}.`,
            tone: "success",
          });
        },
      },
    );
  };
  const agentCard = (a: AgentView, queueId: string) => (
    <AgentCard key={`${queueId}:${a.id}`} agent={a} value={`agent:${a.id}@${queueId}`} />
  );
  return (
    <ActionDialog
      trigger={<Button variant="secondary">Transfer…</Button>}
      title="Transfer this conversation"
      description="To a queue (its routing picks the agent) or directly to an agent. An AI agent greets the customer and receives your note in its context."
      width="max-w-xl"
      onOpen={() => {
        setTarget(undefined);
        setNote("");
        transfer.reset();
      }}
      action={{ label: "Transfer", disabled: !target, pending: transfer.isPending, run }}
    >
      <div className="flex flex-col gap-4">
        <ErrorAlert error={transfer.error} />
        <RadioGroup label="Transfer to" value={target} onValueChange={setTarget}>
          {queues.map((queue) => {
            // AI agents first: handing back to one is why this dialog exists.
            const members = queue.memberships
              .map((m) => byId.get(m.agentId))
              .filter((a): a is AgentView => a !== undefined && a.id !== conversation.assigneeId)
              .sort((a, b) => Number(b.kind === "ai") - Number(a.kind === "ai"));
            return (
              <RadioSection key={queue.id} title={queue.name}>
                <RadioCard
                  value={`queue:${queue.id}`}
                  label={`The ${queue.name} queue`}
                  description="Routing picks the agent; loop protection applies."
                />
                {members.map((a) => agentCard(a, queue.id))}
              </RadioSection>
            );
          })}
          {loose.length > 0 && (
            <RadioSection title="Not in a queue">{loose.map((a) => agentCard(a, "none"))}</RadioSection>
          )}
        </RadioGroup>
        <Textarea
          label="Note for the next agent"
          hint="Optional. Shown in the timeline and sent to an AI agent in its context."
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={2000}
        />
      </div>
    </ActionDialog>
  );
}
