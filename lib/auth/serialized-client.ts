import type { PrismaClient } from "@/generated/prisma/client";

/**
 * The SQLite adapter shares one connection, so a write made outside a
 * transaction would run inside whichever engine transaction is open — and
 * roll back with it. Better Auth writes sessions and API-key counters on its
 * own; this proxy runs each of its writes as a transaction of its own,
 * queued behind the engine's like every other write (docs/decisions/006-sign-in.md).
 */
const writes = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
]);

export function serializedClient(db: PrismaClient): PrismaClient {
  const delegates = new Map<string, unknown>();
  return new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== "string" || property.startsWith("$") || typeof value !== "object" || value === null) {
        return typeof value === "function" ? value.bind(target) : value;
      }
      if (!delegates.has(property)) {
        delegates.set(
          property,
          new Proxy(value as Record<string, unknown>, {
            get(delegate, operation) {
              const fn = Reflect.get(delegate, operation);
              if (typeof fn !== "function") return fn;
              // Reads cannot be rolled back with someone else's transaction: only writes need their own.
              if (!writes.has(String(operation))) return fn.bind(delegate);
              type Delegates = Record<string, Record<string, (args: unknown) => Promise<unknown>>>;
              return (args: unknown) =>
                target.$transaction((tx) => (tx as unknown as Delegates)[property][operation as string](args));
            },
          }),
        );
      }
      return delegates.get(property);
    },
  });
}
