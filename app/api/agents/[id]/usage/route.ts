import { getModelUsage } from "@/lib/ai-agents/llm/get-model-usage";
import { requireSupervisor } from "@/lib/auth/principal";
import { json, route } from "@/lib/http/handle";

type Params = { id: string };

/** Tokens a language-model agent used: in all, and per recent conversation. */
export const GET = route<Params>(async (request, { id }) => {
  await requireSupervisor(request);
  return json(await getModelUsage(id));
});
