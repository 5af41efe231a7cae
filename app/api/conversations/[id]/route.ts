import { getConversation } from "@/lib/conversations/get-conversation";
import { requireReader } from "@/lib/http/require-reader";
import { json, route } from "@/lib/http/handle";

type Params = { id: string };

export const GET = route<Params>(async (request, { id }) => {
  await requireReader(request, id);
  return json(await getConversation(id));
});
