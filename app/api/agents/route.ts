import { toAgentView } from "@/lib/agents/agent-view";
import { createAgent } from "@/lib/agents/create-agent";
import { listAgents } from "@/lib/agents/list-agents";
import { createAgentSchema } from "@/lib/agents/schemas";
import { requireAdmin, requireStaff } from "@/lib/auth/principal";
import { json, readJson, route } from "@/lib/http/handle";

export const GET = route(async (request) => {
  await requireStaff(request);
  return json((await listAgents()).map(toAgentView));
});

/** The secret of a Bot Framework agent is shown once, here. */
export const POST = route(async (request) => {
  await requireAdmin(request);
  const { agent, secret } = await createAgent(await readJson(request, createAgentSchema));
  return json({ ...toAgentView(agent), ...(secret ? { secret } : {}) }, 201);
});
