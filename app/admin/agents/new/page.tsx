import { AiAgentFormPage } from "@/components/admin/agents/ai-agents-page";

export default function Page() {
  return <AiAgentFormPage />;
}
