import { sendTestActivity } from "@/lib/ai-agents/send-test-activity";
import { requireAdmin } from "@/lib/auth/principal";
import { json, route } from "@/lib/http/handle";

type Params = { id: string };

/** Sends a Bot Framework agent a test conversation and returns what it answered (nothing is stored). */
export const POST = route<Params>(async (request, { id }) => {
  await requireAdmin(request);
  return json(await sendTestActivity(id));
});
