import { actorFor } from "@/lib/auth/access";
import { messageFor } from "@/lib/conversations/read-for-audience";
import { requestPerson } from "@/lib/conversations/request-person";
import { requestPersonSchema } from "@/lib/conversations/schemas";
import { json, readJson, route } from "@/lib/http/handle";

type Params = { id: string };

/** The customer's "Talk to a person" button (bearer token): the AI agent holding the chat is asked to hand over. */
export const POST = route<Params>(async (request, { id }) => {
  await readJson(request, requestPersonSchema);
  const actor = await actorFor(request, id, undefined);
  const message = await requestPerson({ conversationId: id, actor });
  return json(messageFor("customer", message), 201);
});
