import { presenceLabel } from "@/components/admin/labels";
import { PresenceDot } from "@/components/admin/presence";
import { Badge } from "@/components/ui/badge";
import type { AgentView } from "@/lib/client/admin";

/** How an agent is described where a supervisor picks one: presence and load. */
export function agentDescription(agent: AgentView): string {
  const presence = presenceLabel[agent.presence];
  return agent.kind === "ai"
    ? `${presence} · AI agent`
    : `${presence} · ${agent.usedCapacity} of ${agent.capacity} in use`;
}

export function AgentAside({ agent }: { agent: AgentView }) {
  return (
    <span className="flex items-center gap-2">
      <PresenceDot presence={agent.presence} />
      <Badge tone={agent.kind === "ai" ? "violet" : "green"}>{agent.kind === "ai" ? "AI" : "Rep"}</Badge>
    </span>
  );
}
