import { requireStaff } from "@/lib/auth/principal";
import { json, route } from "@/lib/http/handle";

export const dynamic = "force-dynamic";

/** Who is signed in: role and, for a representative, their agent. */
export const GET = route(async (request) => json(await requireStaff(request)));
