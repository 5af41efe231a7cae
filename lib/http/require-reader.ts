import { AppError } from "@/lib/errors";
import { bearerToken, isCustomerOf } from "./actor";

/**
 * Reading a conversation: a customer only with its own token. Staff requests
 * carry no customer token (until sign-in lands, they are not checked further).
 */
export async function requireReader(request: Request, conversationId: string): Promise<void> {
  if (bearerToken(request) && !(await isCustomerOf(request, conversationId))) {
    throw new AppError("unauthorized", "the bearer token is not this conversation's customer token");
  }
}
