import { ConversationPage } from "@/components/supervisor/conversation/conversation-page";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ConversationPage id={id} />;
}
