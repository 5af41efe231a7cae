"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { authClient } from "@/lib/client/auth-client";
import { roleLabel } from "@/lib/client/consoles";
import { useSignedInStaff } from "@/lib/client/conversations";

/** Who is signed in, and the way out. Renders nothing where sign-in is off. */
export function StaffMenu() {
  const staff = useSignedInStaff();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  if (!staff.data) return null;
  async function signOut() {
    setPending(true);
    await authClient.signOut().catch(() => undefined);
    queryClient.clear();
    router.push("/sign-in?next=/workspace");
  }
  return (
    <div className="flex items-center gap-2 border-l border-slate-200 pl-4">
      <span className="text-sm font-medium text-slate-800">{staff.data.name}</span>
      <Badge>{roleLabel[staff.data.role]}</Badge>
      <Button variant="ghost" size="sm" onClick={signOut} pending={pending}>
        Sign out
      </Button>
    </div>
  );
}
