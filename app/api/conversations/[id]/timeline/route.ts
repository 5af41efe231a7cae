import { requireConversationReader } from "@/lib/auth/access";
import { timelineQuery } from "@/lib/conversations/schemas";
import { json, readQuery, route } from "@/lib/http/handle";
import { getTimeline } from "@/lib/timeline/get-timeline";

type Params = { id: string };

export const GET = route<Params>(async (request, { id }) => {
  await requireConversationReader(request, id);
  const { afterSeq } = readQuery(request, timelineQuery);
  return json(await getTimeline(id, afterSeq));
});
