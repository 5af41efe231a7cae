import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState, notFound } from "@/lib/errors";
import { getAuth, roles } from "./auth";

export const createStaffAccountSchema = z
  .strictObject({
    name: z.string().trim().min(1, "must not be empty").max(120),
    email: z.email().transform((email) => email.toLowerCase()),
    password: z.string().min(8, "must be at least 8 characters").max(200),
    role: z.enum(roles),
    /** Required for a representative: the agent record they work as. */
    agentId: z.string().trim().min(1).max(100).optional(),
    /** Also issue an API key for the account (returned once). */
    apiKey: z.boolean().default(false),
  })
  .refine((a) => a.role !== "representative" || a.agentId, {
    message: "a representative's account is linked to their agent",
    path: ["agentId"],
  });
export type CreateStaffAccountInput = z.infer<typeof createStaffAccountSchema>;

/**
 * Creates a staff account with an email + password credential, the way Better
 * Auth stores it (sign-up is disabled: only admins and the seed make accounts).
 */
export async function createStaffAccount(input: CreateStaffAccountInput) {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email } })) {
      throw invalidState(`an account for ${input.email} already exists`, { state: "email_taken", field: "email" });
    }
    if (input.agentId) {
      const agent = await tx.agent.findUnique({ where: { id: input.agentId } });
      if (!agent) throw notFound("agent", input.agentId);
      if (agent.kind !== "human")
        throw invalidState("only a representative (human agent) can sign in", { state: "ai_agent", field: "agentId" });
      if (await tx.user.findUnique({ where: { agentId: input.agentId } })) {
        throw invalidState(`${agent.name} already has an account`, { state: "agent_has_account", field: "agentId" });
      }
    }
    const id = randomUUID();
    const user = await tx.user.create({
      data: {
        id,
        name: input.name,
        email: input.email,
        emailVerified: true,
        role: input.role,
        agentId: input.agentId ?? null,
      },
    });
    await tx.account.create({
      data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: passwordHash },
    });
    return user;
  });
}

/** Issues an API key acting as this user (shown once; stored hashed by the plugin). */
export async function issueApiKey(userId: string, name: string): Promise<string> {
  const created = await getAuth().api.createApiKey({ body: { userId, name } });
  return created.key;
}
