import { createStaffAccount, createStaffAccountSchema, issueApiKey } from "@/lib/auth/create-staff-account";
import { listStaffAccounts } from "@/lib/auth/list-staff-accounts";
import { requireAdmin } from "@/lib/auth/principal";
import { json, readJson, route } from "@/lib/http/handle";

export const GET = route(async (request) => {
  await requireAdmin(request);
  return json(await listStaffAccounts());
});

/** An admin creates a staff account; with `apiKey: true` an API key for it is returned, once. */
export const POST = route(async (request) => {
  await requireAdmin(request);
  const input = await readJson(request, createStaffAccountSchema);
  const user = await createStaffAccount(input);
  return json({ ...user, ...(input.apiKey ? { apiKey: await issueApiKey(user.id, "automation") } : {}) }, 201);
});
