import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ConsoleHeader } from "@/components/admin/console-header";
import { RoleGate } from "@/components/admin/role-gate";

export const metadata: Metadata = { title: "Supervisor · Switchboard" };

export default function SupervisorLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <ConsoleHeader />
      <RoleGate href="/supervisor">
        <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</main>
      </RoleGate>
    </>
  );
}
