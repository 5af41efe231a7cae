"use client";

import Link from "next/link";
import { cx, focusRing } from "@/components/ui/cx";
import { useMe } from "@/lib/client/admin";
import { consolesFor } from "@/lib/client/consoles";
import { NavLinks } from "./nav-links";
import { UserMenu } from "./user-menu";

/** The top bar of the staff consoles: product name and the consoles the signed-in role may use. */
export function ConsoleHeader() {
  const links = consolesFor(useMe().data?.role);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex min-h-14 max-w-7xl flex-wrap items-center gap-x-8 gap-y-1 px-4 py-2 sm:px-6">
        <Link
          href="/"
          className={cx("flex items-center gap-2 rounded text-base font-semibold tracking-tight", focusRing)}
        >
          <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-blue-600 text-sm text-white">
            S
          </span>
          Switchboard
        </Link>
        <nav aria-label="Consoles">
          <NavLinks links={links} look="pills" />
        </nav>
        <UserMenu />
      </div>
    </header>
  );
}
