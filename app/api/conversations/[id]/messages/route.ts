import { actorFor, requireConversationReader } from "@/lib/auth/access";
import { listMessages } from "@/lib/conversations/get-conversation";
import { postMessage } from "@/lib/conversations/post-message";
import { postMessageSchema } from "@/lib/conversations/schemas";
import { json, readJson, route } from "@/lib/http/handle";

type Params = { id: string };

export const GET = route<Params>(async (request, { id }) => {
  await requireConversationReader(request, id);
  return json(await listMessages(id));
});

/** The customer (bearer token) or the representative holding it (byAgentId) writes. */
export const POST = route<Params>(async (request, { id }) => {
  const body = await readJson(request, postMessageSchema);
  const actor = await actorFor(request, id, body.byAgentId);
  return json(await postMessage({ conversationId: id, actor, text: body.text }), 201);
});
