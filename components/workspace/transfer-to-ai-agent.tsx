"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SparkleIcon } from "@/components/ui/icons";
import { RadioCard, RadioGroup, RadioSection } from "@/components/ui/radio-group";
import { Spinner } from "@/components/ui/spinner";
import { type Agent, type Queue, useAgents, useQueues } from "@/lib/client/conversations";
import { TransferDialog } from "./transfer-dialog";

/** AI agents by queue (an agent in two queues shows under both), then AI agents in no queue. */
function groupAiAgents(queues: Queue[], agents: Agent[]) {
  const groups = queues
    .map((queue) => ({
      key: queue.id,
      title: queue.name,
      agents: queue.memberships.filter((m) => m.agent.kind === "ai").map((m) => m.agent),
    }))
    .filter((group) => group.agents.length > 0);
  const queued = new Set(queues.flatMap((q) => q.memberships.map((m) => m.agentId)));
  const loose = agents.filter((a) => a.kind === "ai" && !queued.has(a.id));
  if (loose.length) groups.push({ key: "none", title: "Not in a queue", agents: loose });
  return groups;
}

/**
 * "Transfer to AI agent": the representative hands the customer to a chosen
 * AI agent (e.g. for a survey). The note reaches the AI agent in its
 * set-context event, before it greets the customer.
 */
export function TransferToAiAgent({
  conversationId,
  agentId,
  handledBy,
  onTransferred,
  ended,
}: {
  conversationId: string;
  agentId: string;
  handledBy: Set<string>;
  onTransferred: () => void;
  ended: string | null;
}) {
  const queues = useQueues();
  const agents = useAgents();
  const [value, setValue] = useState<string | undefined>();
  const groups = groupAiAgents(queues.data ?? [], agents.data ?? []);
  const chosen = groups
    .flatMap((group) => group.agents.map((agent) => ({ key: `${group.key}/${agent.id}`, agent })))
    .find((option) => option.key === value);

  return (
    <TransferDialog
      trigger={
        <Button size="sm">
          <SparkleIcon />
          Transfer to AI agent
        </Button>
      }
      title="Transfer to AI agent"
      description="You leave the conversation, and the AI agent greets the customer with the conversation so far."
      conversationId={conversationId}
      agentId={agentId}
      choice={chosen ? { input: { toAgentId: chosen.agent.id }, name: chosen.agent.name } : null}
      noteLabel="Note for the AI agent"
      noteHint="Optional. The AI agent receives it in its set-context event, with the hand-off details, before it greets the customer."
      submitLabel="Transfer"
      onReset={() => setValue(undefined)}
      onTransferred={onTransferred}
      ended={ended}
    >
      {(queues.isPending || agents.isPending) && <Spinner />}
      <ErrorAlert error={queues.error ?? agents.error} title="Could not load AI agents" />
      {queues.isSuccess && groups.length === 0 && <p className="text-sm text-slate-600">There are no AI agents yet.</p>}
      {groups.length > 0 && (
        <RadioGroup label="AI agent" value={value} onValueChange={setValue}>
          {groups.map((group) => (
            <RadioSection key={group.key} title={group.title}>
              {group.agents.map((agent) => (
                <RadioCard
                  key={agent.id}
                  value={`${group.key}/${agent.id}`}
                  label={agent.name}
                  disabled={agent.presence === "offline"}
                  description={
                    agent.presence === "offline"
                      ? "Offline"
                      : handledBy.has(agent.id)
                        ? "Already helped this customer"
                        : undefined
                  }
                />
              ))}
            </RadioSection>
          ))}
        </RadioGroup>
      )}
    </TransferDialog>
  );
}
