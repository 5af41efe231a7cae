import type { Metadata } from "next";
import { Workspace } from "@/components/workspace/workspace";

export const metadata: Metadata = { title: "Workspace · Switchboard" };

/** The representative's console: presence, inbox, and the conversation at hand. */
export default function WorkspacePage() {
  return <Workspace />;
}
