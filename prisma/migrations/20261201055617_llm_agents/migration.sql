-- AlterTable
ALTER TABLE "Agent" ADD COLUMN "instructions" TEXT;
ALTER TABLE "Agent" ADD COLUMN "maxTokens" INTEGER;
ALTER TABLE "Agent" ADD COLUMN "maxTurns" INTEGER;
ALTER TABLE "Agent" ADD COLUMN "modelApiKey" TEXT;
ALTER TABLE "Agent" ADD COLUMN "modelBaseUrl" TEXT;
ALTER TABLE "Agent" ADD COLUMN "modelName" TEXT;
ALTER TABLE "Agent" ADD COLUMN "temperature" REAL;
ALTER TABLE "Agent" ADD COLUMN "transferQueueIds" JSONB;

-- CreateTable
CREATE TABLE "KnowledgeSource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KnowledgeSource_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KnowledgeChunk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sourceId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "KnowledgeChunk_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "KnowledgeSource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ModelUsage" (
    "conversationId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "turns" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("conversationId", "agentId"),
    CONSTRAINT "ModelUsage_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ModelUsage_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "KnowledgeSource_agentId_idx" ON "KnowledgeSource"("agentId");

-- CreateIndex
CREATE INDEX "KnowledgeChunk_agentId_idx" ON "KnowledgeChunk"("agentId");

-- CreateIndex
CREATE INDEX "KnowledgeChunk_sourceId_position_idx" ON "KnowledgeChunk"("sourceId", "position");

-- CreateIndex
CREATE INDEX "ModelUsage_agentId_idx" ON "ModelUsage"("agentId");

-- Full-text search over knowledge chunks (lib/ai-agents/llm/search-knowledge.ts; docs/decisions/014-llm-agents.md).
-- An FTS5 index with external content: the text lives once, in "KnowledgeChunk"; these triggers keep the index in
-- step with every insert, update and delete (cascaded deletes of a source's chunks included). Porter stemming, so
-- "refunds" finds "refund". Prisma's schema cannot describe a virtual table: it is created here only.
CREATE VIRTUAL TABLE "KnowledgeChunkFts" USING fts5(
    "text",
    content='KnowledgeChunk',
    content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER "KnowledgeChunk_fts_insert" AFTER INSERT ON "KnowledgeChunk" BEGIN
    INSERT INTO "KnowledgeChunkFts" (rowid, "text") VALUES (new."id", new."text");
END;

CREATE TRIGGER "KnowledgeChunk_fts_delete" AFTER DELETE ON "KnowledgeChunk" BEGIN
    INSERT INTO "KnowledgeChunkFts" ("KnowledgeChunkFts", rowid, "text") VALUES ('delete', old."id", old."text");
END;

CREATE TRIGGER "KnowledgeChunk_fts_update" AFTER UPDATE OF "text" ON "KnowledgeChunk" BEGIN
    INSERT INTO "KnowledgeChunkFts" ("KnowledgeChunkFts", rowid, "text") VALUES ('delete', old."id", old."text");
    INSERT INTO "KnowledgeChunkFts" (rowid, "text") VALUES (new."id", new."text");
END;
