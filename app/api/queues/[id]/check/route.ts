import { requireStaff } from "@/lib/auth/principal";
import { json, route } from "@/lib/http/handle";
import { loadQueueCheck } from "@/lib/queues/check-queue-config";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** The configuration checker's warnings for one queue: what would leave a customer stuck. */
export const GET = route<Params>(async (request, { id }) => {
  await requireStaff(request);
  return json(await loadQueueCheck(id));
});
