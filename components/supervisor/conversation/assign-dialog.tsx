"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { RadioCard, RadioGroup, RadioSection } from "@/components/ui/radio-group";
import { useToast } from "@/components/ui/toast";
import { type AgentView, useAgents, useQueues } from "@/lib/client/admin";
import { type ConversationView, useAssign } from "@/lib/client/supervisor";
import { AgentAside, agentDescription } from "./agent-choice";

/** Gives a waiting conversation to an agent the supervisor picks (the queue's members first). */
export function AssignDialog({ conversation }: { conversation: ConversationView }) {
  const [open, setOpen] = useState(false);
  const [agentId, setAgentId] = useState<string>();
  const { data: agents = [] } = useAgents();
  const { data: queues = [] } = useQueues();
  const assign = useAssign(conversation.id);
  const toast = useToast();
  const memberIds = new Set(queues.find((q) => q.id === conversation.queueId)?.memberships.map((m) => m.agentId) ?? []);
  const members = agents.filter((a) => memberIds.has(a.id));
  const others = agents.filter((a) => !memberIds.has(a.id));
  const submit = () => {
    if (!agentId) return;
    assign.mutate(
      { agentId },
      {
        onSuccess: (c) => {
          setOpen(false);
          toast({ title: `Assigned to ${c.assignee?.name ?? "the agent"}`, tone: "success" });
        },
      },
    );
  };
  const cards = (list: AgentView[]) =>
    list.map((a) => (
      <RadioCard
        key={a.id}
        value={a.id}
        label={a.name}
        description={agentDescription(a)}
        aside={<AgentAside agent={a} />}
      />
    ));
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setAgentId(undefined);
          assign.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button>Assign…</Button>
      </DialogTrigger>
      <DialogContent
        title="Assign this conversation"
        description={`${conversation.customerName} is waiting. Choose who takes the conversation now.`}
      >
        <ErrorAlert error={assign.error} className="mb-3" />
        <RadioGroup label="Agent" hideLabel value={agentId} onValueChange={setAgentId}>
          {members.length > 0 && (
            <RadioSection title={`Members of ${conversation.queue?.name ?? "the queue"}`}>
              {cards(members)}
            </RadioSection>
          )}
          {others.length > 0 && <RadioSection title="Other agents">{cards(others)}</RadioSection>}
        </RadioGroup>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button onClick={submit} disabled={!agentId} pending={assign.isPending}>
            Assign
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
