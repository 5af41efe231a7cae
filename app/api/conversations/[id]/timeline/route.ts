import { requireConversationReader } from "@/lib/auth/access";
import { readTimeline } from "@/lib/conversations/read-for-audience";
import { timelineQuery } from "@/lib/conversations/schemas";
import { json, readQuery, route } from "@/lib/http/handle";

type Params = { id: string };

/** Staff read every event; the customer only the events of the customer view, with the same sequence numbers. */
export const GET = route<Params>(async (request, { id }) => {
  const audience = await requireConversationReader(request, id);
  const { afterSeq } = readQuery(request, timelineQuery);
  return json(await readTimeline(audience, id, afterSeq));
});
