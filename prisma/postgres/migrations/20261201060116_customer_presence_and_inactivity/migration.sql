-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "wrapUpPending" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Queue" ADD COLUMN     "inactivityTimeoutSeconds" INTEGER;

-- CreateTable
CREATE TABLE "CustomerStream" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "CustomerStream_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerStream_conversationId_idx" ON "CustomerStream"("conversationId");

-- CreateIndex
CREATE INDEX "Participant_agentId_wrapUpPending_idx" ON "Participant"("agentId", "wrapUpPending");

-- AddForeignKey
ALTER TABLE "CustomerStream" ADD CONSTRAINT "CustomerStream_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
