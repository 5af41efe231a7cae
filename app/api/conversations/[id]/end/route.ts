import { actorFor } from "@/lib/auth/access";
import { endConversation } from "@/lib/conversations/end-conversation";
import { audienceOf, readConversation } from "@/lib/conversations/read-for-audience";
import { endSchema } from "@/lib/conversations/schemas";
import { json, readJson, route } from "@/lib/http/handle";

type Params = { id: string };

/** The representative is done with the customer: the conversation goes to wrap-up. */
export const POST = route<Params>(async (request, { id }) => {
  const body = await readJson(request, endSchema);
  const actor = await actorFor(request, id, body.byAgentId);
  await endConversation({ conversationId: id, actor, notes: body.notes ?? null });
  return json(await readConversation(audienceOf(actor), id));
});
