import { actorFor } from "@/lib/auth/access";
import { audienceOf, readConversation } from "@/lib/conversations/read-for-audience";
import { transferSchema } from "@/lib/conversations/schemas";
import { transferConversation } from "@/lib/conversations/transfer-conversation";
import { json, readJson, route } from "@/lib/http/handle";

type Params = { id: string };

/** Body `{toAgentId}` or `{toQueueId}`, optional `note`; `byAgentId` names the representative who holds it. */
export const POST = route<Params>(async (request, { id }) => {
  const body = await readJson(request, transferSchema);
  const actor = await actorFor(request, id, body.byAgentId);
  const target = body.toAgentId ? { agentId: body.toAgentId } : { queueId: body.toQueueId as string };
  await transferConversation({ conversationId: id, actor, target, note: body.note ?? null });
  return json(await readConversation(audienceOf(actor), id));
});
