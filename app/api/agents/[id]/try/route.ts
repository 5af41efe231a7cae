import { tryAgentSchema } from "@/lib/ai-agents/llm/schemas";
import { tryAgent } from "@/lib/ai-agents/llm/try-agent";
import { requireAdmin } from "@/lib/auth/principal";
import { json, readJson, route } from "@/lib/http/handle";

type Params = { id: string };

/** "Try it": one turn of a language-model agent in a sandbox conversation (nothing stored, no queue). */
export const POST = route<Params>(async (request, { id }) => {
  await requireAdmin(request);
  return json(await tryAgent(id, await readJson(request, tryAgentSchema)));
});
