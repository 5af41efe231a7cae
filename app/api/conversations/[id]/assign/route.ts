import { requireSupervisor } from "@/lib/auth/principal";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { getConversation } from "@/lib/conversations/get-conversation";
import { assignSchema } from "@/lib/conversations/schemas";
import { json, readJson, route } from "@/lib/http/handle";

type Params = { id: string };

/** A supervisor assigns a waiting conversation to a chosen agent. */
export const POST = route<Params>(async (request, { id }) => {
  const staff = await requireSupervisor(request);
  const { agentId } = await readJson(request, assignSchema);
  const actor = { type: "supervisor" as const, id: staff.userId, onBehalfOf: staff.name };
  await assignConversation({ conversationId: id, agentId, actor });
  return json(await getConversation(id));
});
