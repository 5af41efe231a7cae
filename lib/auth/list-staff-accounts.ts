import { getDb } from "@/lib/db/client";

export const listStaffAccounts = () =>
  getDb().user.findMany({
    select: { id: true, name: true, email: true, role: true, agentId: true, createdAt: true },
    orderBy: [{ role: "asc" }, { name: "asc" }],
  });
