-- Prisma's PostgreSQL migrations table, with the schema engine's own column types. Read by both the runtime
-- migrator (lib/db/migrate-postgres.ts) and the offline CLI bridge (scripts/prisma-schema-engine/postgres.mjs), so
-- the two always create the same table.
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);
