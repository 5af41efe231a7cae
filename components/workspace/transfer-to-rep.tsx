"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { RadioCard, RadioGroup } from "@/components/ui/radio-group";
import { Spinner } from "@/components/ui/spinner";
import { useAgents } from "@/lib/client/conversations";
import { PresenceDot, presenceLabel, takesWork } from "./presence";
import { TransferDialog } from "./transfer-dialog";

/** Straight to a named colleague. Routing still checks their presence and capacity, and says why if it refuses. */
export function TransferToRep({
  conversationId,
  agentId,
  onTransferred,
}: {
  conversationId: string;
  agentId: string;
  onTransferred: () => void;
}) {
  const agents = useAgents();
  const [value, setValue] = useState<string | undefined>();
  const colleagues = (agents.data ?? [])
    .filter((agent) => agent.kind === "human" && agent.id !== agentId)
    .sort((a, b) => Number(takesWork(b.presence)) - Number(takesWork(a.presence)) || a.name.localeCompare(b.name));
  const chosen = colleagues.find((agent) => agent.id === value);
  return (
    <TransferDialog
      trigger={
        <Button variant="secondary" size="sm">
          Transfer to representative
        </Button>
      }
      title="Transfer to representative"
      description="The conversation goes straight to the colleague you choose, with your note."
      conversationId={conversationId}
      agentId={agentId}
      choice={chosen ? { input: { toAgentId: chosen.id }, name: chosen.name } : null}
      noteLabel="Note for your colleague"
      noteHint="Optional. Shown to them with the hand-off."
      submitLabel="Transfer"
      onReset={() => setValue(undefined)}
      onTransferred={onTransferred}
    >
      {agents.isPending && <Spinner />}
      <ErrorAlert error={agents.error} title="Could not load representatives" />
      {agents.isSuccess && colleagues.length === 0 && (
        <p className="text-sm text-slate-600">There are no other representatives.</p>
      )}
      {colleagues.length > 0 && (
        <RadioGroup label="Representative" value={value} onValueChange={setValue}>
          {colleagues.map((agent) => (
            <RadioCard
              key={agent.id}
              value={agent.id}
              label={agent.name}
              description={`${presenceLabel(agent.presence)} · ${agent.usedCapacity} of ${agent.capacity} capacity in use`}
              aside={<PresenceDot presence={agent.presence} className="size-2.5" />}
            />
          ))}
        </RadioGroup>
      )}
    </TransferDialog>
  );
}
