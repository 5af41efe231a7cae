import { AppError } from "@/lib/errors";
import { getAuth, type Role, roles } from "./auth";

/** Who is calling: a signed-in staff member (session cookie or API key). Customers act through their token instead. */
export interface Staff {
  userId: string;
  name: string;
  role: Role;
  /** The representative's own agent; null for admins and supervisors without one. */
  agentId: string | null;
}

export async function currentStaff(request: Request): Promise<Staff | null> {
  const session = await getAuth()
    .api.getSession({ headers: request.headers })
    .catch((error: { statusCode?: number; message?: string }) => {
      // Better Auth refuses a bad API key by throwing; to the caller that is simply "not signed in".
      if (error?.statusCode === 401 || error?.statusCode === 403) {
        throw new AppError("unauthorized", `the API key was refused: ${error.message ?? "invalid"}`);
      }
      throw error;
    });
  if (!session) return null;
  const user = session.user as typeof session.user & { role?: string; agentId?: string | null };
  const role = roles.find((r) => r === user.role);
  if (!role) return null;
  return { userId: user.id, name: user.name, role, agentId: user.agentId ?? null };
}

/** 401 when nobody is signed in, 403 when the role may not do this. */
export async function requireStaff(request: Request, allowed: readonly Role[] = roles): Promise<Staff> {
  const staff = await currentStaff(request);
  if (!staff) throw new AppError("unauthorized", "sign in, or send an API key (x-api-key)");
  if (!allowed.includes(staff.role)) {
    throw new AppError("forbidden", `this needs the ${allowed.join(" or ")} role; you are ${staff.role}`);
  }
  return staff;
}

export const requireAdmin = (request: Request) => requireStaff(request, ["admin"]);
export const requireSupervisor = (request: Request) => requireStaff(request, ["admin", "supervisor"]);
export const isSupervisor = (staff: Staff) => staff.role === "admin" || staff.role === "supervisor";
