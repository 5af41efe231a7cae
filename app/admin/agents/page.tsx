import { AiAgentsPage } from "@/components/admin/agents/ai-agents-page";

export default function Page() {
  return <AiAgentsPage />;
}
