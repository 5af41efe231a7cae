-- AlterTable
ALTER TABLE "Queue" ADD COLUMN "inactivityTimeoutSeconds" INTEGER;

-- CreateTable
CREATE TABLE "CustomerStream" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "seenAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    CONSTRAINT "CustomerStream_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (a new column at the end, as Prisma's table rebuild would place it: the same table, without copying
-- every participation on upgrade)
ALTER TABLE "Participant" ADD COLUMN "wrapUpPending" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Participant_agentId_wrapUpPending_idx" ON "Participant"("agentId", "wrapUpPending");

-- CreateIndex
CREATE INDEX "CustomerStream_conversationId_idx" ON "CustomerStream"("conversationId");
