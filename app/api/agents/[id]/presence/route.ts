import { toAgentView } from "@/lib/agents/agent-view";
import { setPresenceSchema } from "@/lib/agents/schemas";
import { setPresence } from "@/lib/agents/set-presence";
import { json, readJson, route } from "@/lib/http/handle";

type Params = { id: string };

export const PUT = route<Params>(async (request, { id }) => {
  const { presence } = await readJson(request, setPresenceSchema);
  return json(toAgentView(await setPresence(id, presence)));
});
