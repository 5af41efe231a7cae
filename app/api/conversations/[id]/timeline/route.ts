import { z } from "zod";
import { json, readQuery, route } from "@/lib/http/handle";
import { requireReader } from "@/lib/http/require-reader";
import { getTimeline } from "@/lib/timeline/get-timeline";

type Params = { id: string };

const query = z.object({ afterSeq: z.coerce.number().int().min(0).default(0), token: z.string().optional() });

export const GET = route<Params>(async (request, { id }) => {
  await requireReader(request, id);
  const { afterSeq } = readQuery(request, query);
  return json(await getTimeline(id, afterSeq));
});
