import type { Metadata } from "next";
import { CustomerChat } from "@/components/chat/customer-chat";

export const metadata: Metadata = { title: "Chat with us · Switchboard" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/**
 * The customer's chat. A website can link to it per entry point:
 * `/chat?queue=<queue id>&topic=Billing` starts chats in that queue, on that topic.
 */
export default async function ChatPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  return (
    <main className="flex min-h-dvh items-stretch justify-center bg-slate-100 sm:items-center sm:p-6">
      <CustomerChat queueId={first(params.queue)} topic={first(params.topic)} />
    </main>
  );
}
