import type { Agent } from "@/generated/prisma/client";
import { serviceUrlFor } from "@/lib/ai-agents/botframework-channel";
import type { Role } from "@/lib/auth/auth";

/**
 * How an agent is shown through the API, by who is looking. Never its secret, never a model's API key: both are
 * write-only (an admin sees only whether one is set, `hasSecret` / `hasApiKey`).
 *
 * A Bot Framework agent's `serviceUrl` carries its channel key in the path: whoever knows it can speak as the bot
 * to the customer, or end the conversation (ADR 005). Its messaging endpoint says where the bot lives; a language
 * model's base URL where the model is, and its instructions are the prompt an admin wrote. All are configuration, so
 * only admins see them; supervisors and representatives get everything else (the transfer and assign dialogs need
 * names, kinds, presence and load, never where a bot is reached).
 */
export function toStaffAgentView(agent: Agent) {
  const {
    secret: _secret,
    endpointUrl: _endpointUrl,
    modelApiKey: _modelApiKey,
    modelBaseUrl: _modelBaseUrl,
    instructions: _instructions,
    ...rest
  } = agent;
  return rest;
}

export function toAdminAgentView(agent: Agent) {
  return {
    ...toStaffAgentView(agent),
    endpointUrl: agent.endpointUrl,
    hasSecret: Boolean(agent.secret),
    serviceUrl: agent.botType === "botframework" ? serviceUrlFor(agent) : null,
    modelBaseUrl: agent.modelBaseUrl,
    instructions: agent.instructions,
    hasApiKey: Boolean(agent.modelApiKey),
  };
}

export type StaffAgentView = ReturnType<typeof toStaffAgentView>;
export type AdminAgentView = ReturnType<typeof toAdminAgentView>;

/** The one choice every route that returns agents makes: the view for the caller's role. */
export function agentViewFor(viewer: { role: Role }): (agent: Agent) => StaffAgentView | AdminAgentView {
  return viewer.role === "admin" ? toAdminAgentView : toStaffAgentView;
}
