"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { type Me, useMe } from "@/lib/client/admin";
import { ApiError } from "@/lib/client/fetch-json";

type Role = Me["role"];

const roleLabel: Record<Role, string> = { admin: "Admin", supervisor: "Supervisor", representative: "Representative" };

/** Where each role works: the console a refused visitor is sent on to. */
export const homeOf: Record<Role, { href: string; label: string }> = {
  admin: { href: "/admin", label: "the admin console" },
  supervisor: { href: "/supervisor", label: "the supervisor console" },
  representative: { href: "/workspace", label: "your workspace" },
};

/**
 * Shows a console only to the roles that may use it. Anyone else gets a short notice and a link to where they work,
 * instead of a page whose every action the API would refuse with 403. (The API still checks every call: this only
 * spares people the dead ends.)
 */
export function RoleGate({ allowed, what, children }: { allowed: readonly Role[]; what: string; children: ReactNode }) {
  const me = useMe();
  if (me.isPending) {
    return (
      <main className="mx-auto flex max-w-7xl items-center gap-2 px-6 py-6 text-sm text-slate-600">
        <Spinner /> Loading…
      </main>
    );
  }
  if (me.error) {
    const signedOut = me.error instanceof ApiError && me.error.status === 401;
    return (
      <main className="mx-auto max-w-md px-6 py-16 text-center">
        {signedOut ? (
          <Notice title="Your session has ended">
            <Link href="/sign-in" className="font-medium text-blue-700 underline">
              Sign in
            </Link>{" "}
            again to use {what}.
          </Notice>
        ) : (
          <ErrorAlert error={me.error} title="Could not tell who is signed in" />
        )}
      </main>
    );
  }
  if (!allowed.includes(me.data.role)) {
    const home = homeOf[me.data.role];
    return (
      <main className="mx-auto max-w-md px-6 py-16 text-center">
        <Notice title={`${what[0].toUpperCase()}${what.slice(1)} is not part of your role`}>
          You are signed in as {me.data.name} ({roleLabel[me.data.role]}).{" "}
          <Link href={home.href} className="font-medium text-blue-700 underline">
            Go to {home.label}
          </Link>
          .
        </Notice>
      </main>
    );
  }
  return children;
}

function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
      <p className="mt-2 text-sm text-slate-600">{children}</p>
    </>
  );
}
