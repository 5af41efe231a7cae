import { requireSupervisor } from "@/lib/auth/principal";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { json, route } from "@/lib/http/handle";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => {
  await requireSupervisor(request);
  return json(await getDashboard());
});
