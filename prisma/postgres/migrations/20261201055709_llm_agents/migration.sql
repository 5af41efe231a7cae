-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "instructions" TEXT,
ADD COLUMN     "maxTokens" INTEGER,
ADD COLUMN     "maxTurns" INTEGER,
ADD COLUMN     "modelApiKey" TEXT,
ADD COLUMN     "modelBaseUrl" TEXT,
ADD COLUMN     "modelName" TEXT,
ADD COLUMN     "temperature" DOUBLE PRECISION,
ADD COLUMN     "transferQueueIds" JSONB;

-- CreateTable
CREATE TABLE "KnowledgeSource" (
    "id" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnowledgeChunk" (
    "id" SERIAL NOT NULL,
    "sourceId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "KnowledgeChunk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelUsage" (
    "conversationId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "turns" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ModelUsage_pkey" PRIMARY KEY ("conversationId","agentId")
);

-- CreateIndex
CREATE INDEX "KnowledgeSource_agentId_idx" ON "KnowledgeSource"("agentId");

-- CreateIndex
CREATE INDEX "KnowledgeChunk_agentId_idx" ON "KnowledgeChunk"("agentId");

-- CreateIndex
CREATE INDEX "KnowledgeChunk_sourceId_position_idx" ON "KnowledgeChunk"("sourceId", "position");

-- CreateIndex
CREATE INDEX "ModelUsage_agentId_idx" ON "ModelUsage"("agentId");

-- AddForeignKey
ALTER TABLE "KnowledgeSource" ADD CONSTRAINT "KnowledgeSource_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeChunk" ADD CONSTRAINT "KnowledgeChunk_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "KnowledgeSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelUsage" ADD CONSTRAINT "ModelUsage_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelUsage" ADD CONSTRAINT "ModelUsage_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search over knowledge chunks (lib/db/sql/postgres.ts `searchKnowledge`; docs/decisions/014-llm-agents.md):
-- a GIN index on the chunk's English tsvector. An expression index, so the text is stored once and nothing keeps a
-- copy in step; the search spells the same expression, so the planner uses it. (Prisma's schema cannot describe it;
-- its differ leaves expression indexes alone: checked with `migrate dev --create-only`, which finds nothing to do.)
CREATE INDEX "KnowledgeChunk_search_idx" ON "KnowledgeChunk" USING GIN (to_tsvector('english', "text"));
