import { getDb } from "@/lib/db/client";
import { json, route } from "@/lib/http/handle";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  await getDb().$queryRaw`SELECT 1`;
  return json({ ok: true });
});
