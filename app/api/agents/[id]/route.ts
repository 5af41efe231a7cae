import { agentViewFor, toAdminAgentView } from "@/lib/agents/agent-view";
import { deleteAgent } from "@/lib/agents/delete-agent";
import { getAgentOrThrow } from "@/lib/agents/list-agents";
import { updateAgentSchema } from "@/lib/agents/schemas";
import { updateAgent } from "@/lib/agents/update-agent";
import { requireAdmin, requireStaff } from "@/lib/auth/principal";
import { json, noContent, readJson, route } from "@/lib/http/handle";

type Params = { id: string };

export const GET = route<Params>(async (request, { id }) => {
  const staff = await requireStaff(request);
  return json(agentViewFor(staff)(await getAgentOrThrow(id)));
});

export const PATCH = route<Params>(async (request, { id }) => {
  await requireAdmin(request);
  return json(toAdminAgentView(await updateAgent(id, await readJson(request, updateAgentSchema))));
});

export const DELETE = route<Params>(async (request, { id }) => {
  await requireAdmin(request);
  await deleteAgent(id);
  return noContent();
});
