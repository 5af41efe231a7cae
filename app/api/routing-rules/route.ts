import { requireAdmin, requireStaff } from "@/lib/auth/principal";
import { json, readJson, route } from "@/lib/http/handle";
import { listRoutingRules } from "@/lib/routing-rules/list-routing-rules";
import { createRoutingRule } from "@/lib/routing-rules/save-routing-rule";
import { createRoutingRuleSchema } from "@/lib/routing-rules/schemas";

export const GET = route(async (request) => {
  await requireStaff(request);
  return json(await listRoutingRules());
});

export const POST = route(async (request) => {
  await requireAdmin(request);
  return json(await createRoutingRule(await readJson(request, createRoutingRuleSchema)), 201);
});
