import { addKnowledge } from "@/lib/ai-agents/llm/knowledge/add-knowledge";
import { listKnowledge } from "@/lib/ai-agents/llm/knowledge/list-knowledge";
import { addKnowledgeSchema } from "@/lib/ai-agents/llm/knowledge/schemas";
import { requireAdmin } from "@/lib/auth/principal";
import { json, readJson, route } from "@/lib/http/handle";

type Params = { id: string };

/** A language-model agent's knowledge: FAQ entries and documents (admins only: it may hold internal material). */
export const GET = route<Params>(async (request, { id }) => {
  await requireAdmin(request);
  return json(await listKnowledge(id));
});

export const POST = route<Params>(async (request, { id }) => {
  await requireAdmin(request);
  return json(await addKnowledge(id, await readJson(request, addKnowledgeSchema)), 201);
});
