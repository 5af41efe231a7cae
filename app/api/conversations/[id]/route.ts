import { requireConversationReader } from "@/lib/auth/access";
import { readConversation } from "@/lib/conversations/read-for-audience";
import { json, route } from "@/lib/http/handle";

type Params = { id: string };

/** The customer (their token) gets the customer view; staff the full conversation. */
export const GET = route<Params>(async (request, { id }) => {
  const audience = await requireConversationReader(request, id);
  return json(await readConversation(audience, id));
});
