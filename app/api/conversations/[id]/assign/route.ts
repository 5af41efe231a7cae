import { assignConversation } from "@/lib/conversations/assign-conversation";
import { getConversation } from "@/lib/conversations/get-conversation";
import { assignSchema } from "@/lib/conversations/schemas";
import { resolveActor } from "@/lib/http/actor";
import { json, readJson, route } from "@/lib/http/handle";

type Params = { id: string };

/** A supervisor assigns a waiting conversation to a chosen agent. */
export const POST = route<Params>(async (request, { id }) => {
  const { agentId } = await readJson(request, assignSchema);
  const actor = await resolveActor(request, id, undefined);
  await assignConversation({ conversationId: id, agentId, actor });
  return json(await getConversation(id));
});
