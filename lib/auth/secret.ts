import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseUrl } from "@/lib/db/client";
import { resolveDatabaseFile } from "@/lib/db/migrate";

/**
 * The key that signs session cookies: BETTER_AUTH_SECRET when set (production),
 * else one generated once and kept beside the database, so a self-hosted
 * install works out of the box and sessions survive restarts.
 */
export function authSecret(): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = path.join(path.dirname(resolveDatabaseFile(databaseUrl())), ".auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    } catch {
      // another process wrote it first: use theirs
    }
    return fs.readFileSync(file, "utf8").trim();
  }
}
