import { agentViewFor } from "@/lib/agents/agent-view";
import { setPresenceSchema } from "@/lib/agents/schemas";
import { setPresence } from "@/lib/agents/set-presence";
import { requireSelfOrSupervisor } from "@/lib/auth/access";
import { json, readJson, route } from "@/lib/http/handle";

type Params = { id: string };

/** A representative sets their own presence; supervisors and admins anyone's. */
export const PUT = route<Params>(async (request, { id }) => {
  const staff = await requireSelfOrSupervisor(request, id);
  const { presence } = await readJson(request, setPresenceSchema);
  return json(agentViewFor(staff)(await setPresence(id, presence)));
});
