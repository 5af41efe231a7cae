import type { Agent } from "@/generated/prisma/client";
import { serviceUrlFor } from "@/lib/ai-agents/botframework-channel";

/** How an agent is shown through the API: never its secret. */
export function toAgentView(agent: Agent) {
  const { secret, ...rest } = agent;
  return {
    ...rest,
    hasSecret: Boolean(secret),
    serviceUrl: agent.botType === "botframework" ? serviceUrlFor(agent) : null,
  };
}
export type AgentView = ReturnType<typeof toAgentView>;
