import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { ConsoleHeader } from "@/components/admin/console-header";
import { RoleGate } from "@/components/admin/role-gate";

export const metadata: Metadata = { title: "Admin · Switchboard" };

export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <ConsoleHeader />
      <RoleGate href="/admin">
        <AdminNav />
        <main className="mx-auto max-w-7xl px-6 py-6">{children}</main>
      </RoleGate>
    </>
  );
}
