import { actorFor, requireConversationReader } from "@/lib/auth/access";
import { postMessage } from "@/lib/conversations/post-message";
import { audienceOf, messageFor, readMessages } from "@/lib/conversations/read-for-audience";
import { postMessageSchema } from "@/lib/conversations/schemas";
import { json, readJson, route } from "@/lib/http/handle";

type Params = { id: string };

export const GET = route<Params>(async (request, { id }) => {
  const audience = await requireConversationReader(request, id);
  return json(await readMessages(audience, id));
});

/** The customer (bearer token) or the representative holding it (byAgentId) writes. */
export const POST = route<Params>(async (request, { id }) => {
  const body = await readJson(request, postMessageSchema);
  const actor = await actorFor(request, id, body.byAgentId);
  const message = await postMessage({ conversationId: id, actor, text: body.text });
  return json(messageFor(audienceOf(actor), message), 201);
});
