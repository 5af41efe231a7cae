import { requireAdmin } from "@/lib/auth/principal";
import { json, noContent, readJson, route } from "@/lib/http/handle";
import { deleteRoutingRule, updateRoutingRule } from "@/lib/routing-rules/save-routing-rule";
import { updateRoutingRuleSchema } from "@/lib/routing-rules/schemas";

type Params = { id: string };

export const PATCH = route<Params>(async (request, { id }) => {
  await requireAdmin(request);
  return json(await updateRoutingRule(id, await readJson(request, updateRoutingRuleSchema)));
});

export const DELETE = route<Params>(async (request, { id }) => {
  await requireAdmin(request);
  await deleteRoutingRule(id);
  return noContent();
});
