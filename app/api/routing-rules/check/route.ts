import { requireStaff } from "@/lib/auth/principal";
import { json, route } from "@/lib/http/handle";
import { loadRoutingRulesCheck } from "@/lib/routing-rules/check-routing-rules";

/** The routing rules' checker: rules that can never match, and rules an earlier one shadows. */
export const GET = route(async (request) => {
  await requireStaff(request);
  return json(await loadRoutingRulesCheck());
});
