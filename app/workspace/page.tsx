import type { Metadata } from "next";
import { Suspense } from "react";
import { Workspace } from "@/components/workspace/workspace";

export const metadata: Metadata = { title: "Workspace · Switchboard" };

/** The representative's console: presence, inbox, and the conversation at hand. */
export default function WorkspacePage() {
  return (
    // The open conversation comes from the address (useSearchParams), read on the client.
    <Suspense>
      <Workspace />
    </Suspense>
  );
}
