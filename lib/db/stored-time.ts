/**
 * A time as Prisma's better-sqlite3 adapter stores a DateTime (its "iso8601" format: `2026-01-02T03:04:05.678+00:00`).
 * Rows written beside Prisma — the fast path, the migrator's bookkeeping, the bench's bulk seeding — must match it to
 * the character: the routing indexes order these columns as text.
 */
export const storedTime = (date: Date = new Date()): string => date.toISOString().replace("Z", "+00:00");
