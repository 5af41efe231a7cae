import { requireAdmin, requireStaff } from "@/lib/auth/principal";
import { json, readJson, route } from "@/lib/http/handle";
import { listQueues } from "@/lib/queues/list-queues";
import { createQueue } from "@/lib/queues/save-queue";
import { createQueueSchema } from "@/lib/queues/schemas";

export const GET = route(async (request) => {
  await requireStaff(request);
  return json(await listQueues());
});

export const POST = route(async (request) => {
  await requireAdmin(request);
  return json(await createQueue(await readJson(request, createQueueSchema)), 201);
});
