"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useMe } from "@/lib/client/admin";
import { authClient } from "@/lib/client/auth-client";
import { roleLabel } from "@/lib/client/consoles";

/** Who is signed in, and the way out. */
export function UserMenu() {
  const { data: me } = useMe();
  const router = useRouter();
  const client = useQueryClient();
  const [pending, setPending] = useState(false);
  if (!me) return null;
  const signOut = async () => {
    setPending(true);
    await authClient.signOut().catch(() => undefined);
    client.clear();
    router.push("/sign-in");
  };
  return (
    <div className="ml-auto flex items-center gap-3">
      <span className="text-sm text-slate-700">{me.name}</span>
      <Badge tone="neutral">{roleLabel[me.role]}</Badge>
      <Button variant="ghost" size="sm" onClick={signOut} pending={pending}>
        Sign out
      </Button>
    </div>
  );
}
