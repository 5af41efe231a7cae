"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { useMe } from "@/lib/client/admin";
import { consoleAt, homeOf, roleLabel } from "@/lib/client/consoles";
import { ApiError } from "@/lib/client/fetch-json";

/**
 * Shows the console at `href` only to the roles that may use it (lib/client/consoles.ts). Anyone else gets a short
 * notice and a link to where they work, instead of a page whose every action the API would refuse with 403. (The API
 * still checks every call: this only spares people the dead ends.)
 */
export function RoleGate({ href, children }: { href: string; children: ReactNode }) {
  const me = useMe();
  const { title: what, roles } = consoleAt(href);
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
  if (!roles.includes(me.data.role)) {
    const home = homeOf(me.data.role);
    return (
      <main className="mx-auto max-w-md px-6 py-16 text-center">
        <Notice title={`${what[0].toUpperCase()}${what.slice(1)} is not part of your role`}>
          You are signed in as {me.data.name} ({roleLabel[me.data.role]}).{" "}
          <Link href={home.href} className="font-medium text-blue-700 underline">
            Go to {home.title}
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
