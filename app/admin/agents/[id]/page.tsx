import { AiAgentFormPage } from "@/components/admin/agents/ai-agents-page";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <AiAgentFormPage agentId={id} />;
}
