import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";

export type Db = PrismaClient;

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "file:./data/switchboard.db";
}

function createClient(url: string): PrismaClient {
  // The adapter serialises interactive transactions on its single connection;
  // queued transactions may wait behind many others under load, hence the long waits.
  const adapter = new PrismaBetterSqlite3({ url, timeout: 10_000 });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 60_000, timeout: 60_000 } });
}

// One client per process (Next's dev server reloads modules, so keep it on globalThis).
const globalForDb = globalThis as unknown as { switchboardDb?: PrismaClient };

export function getDb(): PrismaClient {
  globalForDb.switchboardDb ??= createClient(databaseUrl());
  return globalForDb.switchboardDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.switchboardDb?.$disconnect();
  globalForDb.switchboardDb = undefined;
}
