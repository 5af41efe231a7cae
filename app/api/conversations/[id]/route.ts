import { requireConversationReader } from "@/lib/auth/access";
import { getConversation } from "@/lib/conversations/get-conversation";
import { json, route } from "@/lib/http/handle";

type Params = { id: string };

export const GET = route<Params>(async (request, { id }) => {
  await requireConversationReader(request, id);
  return json(await getConversation(id));
});
