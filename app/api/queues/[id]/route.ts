import { requireAdmin, requireStaff } from "@/lib/auth/principal";
import { json, noContent, readJson, route } from "@/lib/http/handle";
import { getQueue } from "@/lib/queues/list-queues";
import { deleteQueue, updateQueue } from "@/lib/queues/save-queue";
import { updateQueueSchema } from "@/lib/queues/schemas";

type Params = { id: string };

export const GET = route<Params>(async (request, { id }) => {
  await requireStaff(request);
  return json(await getQueue(id));
});

export const PATCH = route<Params>(async (request, { id }) => {
  await requireAdmin(request);
  return json(await updateQueue(id, await readJson(request, updateQueueSchema)));
});

export const DELETE = route<Params>(async (request, { id }) => {
  await requireAdmin(request);
  await deleteQueue(id);
  return noContent();
});
