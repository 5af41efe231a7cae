"use client";

import { useAgents } from "@/lib/client/conversations";
import { PresenceDot, presenceLabel, takesWork } from "./presence";
import { TransferToOneOf } from "./transfer-dialog";

/** Straight to a named colleague. Routing still checks their presence and capacity, and says why if it refuses. */
export function TransferToRep(shared: {
  conversationId: string;
  agentId: string;
  onTransferred: () => void;
  ended: string | null;
}) {
  const agents = useAgents();
  const colleagues = agents.data
    ?.filter((agent) => agent.kind === "human" && agent.id !== shared.agentId)
    .sort((a, b) => Number(takesWork(b.presence)) - Number(takesWork(a.presence)) || a.name.localeCompare(b.name));
  return (
    <TransferToOneOf
      {...shared}
      title="Transfer to representative"
      description="The conversation goes straight to the colleague you choose, with your note."
      noteLabel="Note for your colleague"
      noteHint="Optional. Shown to them with the hand-off."
      pickerLabel="Representative"
      loading={agents.isPending}
      loadError={agents.error}
      loadErrorTitle="Could not load representatives"
      empty="There are no other representatives."
      options={colleagues?.map((agent) => ({
        value: agent.id,
        label: agent.name,
        description: `${presenceLabel(agent.presence)} · ${agent.usedCapacity} of ${agent.capacity} capacity in use`,
        aside: <PresenceDot presence={agent.presence} className="size-2.5" />,
        input: { toAgentId: agent.id },
      }))}
    />
  );
}
