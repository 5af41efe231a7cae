import { presenceLabel } from "@/components/admin/labels";
import { PresenceDot } from "@/components/admin/presence";
import { Badge } from "@/components/ui/badge";
import { RadioCard } from "@/components/ui/radio-group";
import type { AgentView } from "@/lib/client/admin";

/** How an agent is described where a supervisor picks one: presence and load. */
function agentDescription(agent: AgentView): string {
  const presence = presenceLabel[agent.presence];
  return agent.kind === "ai"
    ? `${presence} · AI agent`
    : `${presence} · ${agent.usedCapacity} of ${agent.capacity} in use`;
}

/** An agent as one choice of a RadioGroup: name, presence and load, and whether it is an AI agent or a rep. */
export function AgentCard({ agent, value = agent.id }: { agent: AgentView; value?: string }) {
  return (
    <RadioCard
      value={value}
      label={agent.name}
      description={agentDescription(agent)}
      aside={
        <span className="flex items-center gap-2">
          <PresenceDot presence={agent.presence} />
          <Badge tone={agent.kind === "ai" ? "violet" : "green"}>{agent.kind === "ai" ? "AI" : "Rep"}</Badge>
        </span>
      }
    />
  );
}
