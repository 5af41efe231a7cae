"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { RadioGroup, RadioSection } from "@/components/ui/radio-group";
import { useToast } from "@/components/ui/toast";
import { type AgentView, useAgents, useQueues } from "@/lib/client/admin";
import { type ConversationView, useAssign } from "@/lib/client/supervisor";
import { ActionDialog } from "./action-dialog";
import { AgentCard } from "./agent-choice";

/** Gives a waiting conversation to an agent the supervisor picks (the queue's members first). */
export function AssignDialog({ conversation }: { conversation: ConversationView }) {
  const [agentId, setAgentId] = useState<string>();
  const { data: agents = [] } = useAgents();
  const { data: queues = [] } = useQueues();
  const assign = useAssign(conversation.id);
  const toast = useToast();
  const memberIds = new Set(queues.find((q) => q.id === conversation.queueId)?.memberships.map((m) => m.agentId) ?? []);
  const members = agents.filter((a) => memberIds.has(a.id));
  const others = agents.filter((a) => !memberIds.has(a.id));
  const run = (close: () => void) => {
    if (!agentId) return;
    assign.mutate(
      { agentId },
      {
        onSuccess: (c) => {
          close();
          toast({ title: `Assigned to ${c.assignee?.name ?? "the agent"}`, tone: "success" });
        },
      },
    );
  };
  const cards = (list: AgentView[]) => list.map((a) => <AgentCard key={a.id} agent={a} />);
  return (
    <ActionDialog
      trigger={<Button>Assign…</Button>}
      title="Assign this conversation"
      description={`${conversation.customerName} is waiting. Choose who takes the conversation now.`}
      onOpen={() => {
        setAgentId(undefined);
        assign.reset();
      }}
      action={{ label: "Assign", disabled: !agentId, pending: assign.isPending, run }}
    >
      <ErrorAlert error={assign.error} className="mb-3" />
      <RadioGroup label="Agent" hideLabel value={agentId} onValueChange={setAgentId}>
        {members.length > 0 && (
          <RadioSection title={`Members of ${conversation.queue?.name ?? "the queue"}`}>{cards(members)}</RadioSection>
        )}
        {others.length > 0 && <RadioSection title="Other agents">{cards(others)}</RadioSection>}
      </RadioGroup>
    </ActionDialog>
  );
}
