import { parseArgs } from "node:util";
import { createStaffAccount, createStaffAccountSchema, issueApiKey } from "@/lib/auth/create-staff-account";
import { databaseUrl, disconnectDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate-database";
import { installEffects } from "@/lib/engine/apply-effects";

/**
 * npx tsx scripts/create-account.ts --email a@b.c --password secret123 --role admin [--name "A"] [--agent-id ID] [--api-key]
 * Creates a staff account in DATABASE_URL; with --api-key prints a new API key for it (on the last line).
 */
async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      "agent-id": { type: "string" },
      "api-key": { type: "boolean", default: false },
    },
  });
  await migrateDatabase(databaseUrl());
  installEffects();
  const input = createStaffAccountSchema.parse({
    name: values.name ?? values.email,
    email: values.email,
    password: values.password,
    role: values.role,
    agentId: values["agent-id"],
    apiKey: values["api-key"],
  });
  const user = await createStaffAccount(input);
  console.log(`created ${user.role} ${user.email}`);
  if (input.apiKey) console.log(await issueApiKey(user.id, "automation"));
  await disconnectDb();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
