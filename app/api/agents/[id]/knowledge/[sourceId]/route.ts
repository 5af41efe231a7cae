import { deleteKnowledge } from "@/lib/ai-agents/llm/knowledge/delete-knowledge";
import { requireAdmin } from "@/lib/auth/principal";
import { noContent, route } from "@/lib/http/handle";

type Params = { id: string; sourceId: string };

export const DELETE = route<Params>(async (request, { id, sourceId }) => {
  await requireAdmin(request);
  await deleteKnowledge(id, sourceId);
  return noContent();
});
