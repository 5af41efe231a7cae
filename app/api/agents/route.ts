import { agentViewFor, toAdminAgentView } from "@/lib/agents/agent-view";
import { createAgent } from "@/lib/agents/create-agent";
import { listAgents } from "@/lib/agents/list-agents";
import { createAgentSchema } from "@/lib/agents/schemas";
import { requireAdmin, requireStaff } from "@/lib/auth/principal";
import { json, readJson, route } from "@/lib/http/handle";

/** Everyone on staff lists agents (to pick whom to transfer to); only admins see where a bot is reached. */
export const GET = route(async (request) => {
  const staff = await requireStaff(request);
  return json((await listAgents()).map(agentViewFor(staff)));
});

/** The secret of a Bot Framework agent is shown once, here. */
export const POST = route(async (request) => {
  await requireAdmin(request);
  const { agent, secret } = await createAgent(await readJson(request, createAgentSchema));
  return json({ ...toAdminAgentView(agent), ...(secret ? { secret } : {}) }, 201);
});
