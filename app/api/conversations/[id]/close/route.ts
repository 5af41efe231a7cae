import { actorFor } from "@/lib/auth/access";
import { closeConversation } from "@/lib/conversations/close-conversation";
import { audienceOf, readConversation } from "@/lib/conversations/read-for-audience";
import { closeSchema } from "@/lib/conversations/schemas";
import { json, readJson, route } from "@/lib/http/handle";

type Params = { id: string };

/** Wrap-up done (the representative), the customer leaving (bearer token), or a supervisor force-closing. */
export const POST = route<Params>(async (request, { id }) => {
  const body = await readJson(request, closeSchema);
  const actor = await actorFor(request, id, body.byAgentId);
  await closeConversation({ conversationId: id, actor, notes: body.notes ?? null });
  return json(await readConversation(audienceOf(actor), id));
});
