import { createHash } from "node:crypto";
import { randomBytes } from "@/lib/random-bytes";

/** The customer's bearer token: shown once, stored only as a hash. */
export const newCustomerToken = (): string => randomBytes(24).toString("base64url");

export const hashCustomerToken = (token: string): string => createHash("sha256").update(token).digest("hex");
