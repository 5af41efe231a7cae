"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx, focusRing } from "@/components/ui/cx";
import { UserMenu } from "./user-menu";

const consoles = [
  { href: "/supervisor", label: "Supervisor" },
  { href: "/admin", label: "Admin" },
];

/** The top bar of the staff consoles: product name and the console switcher. */
export function ConsoleHeader() {
  const pathname = usePathname();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-8 px-6">
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
          <ul className="flex items-center gap-1">
            {consoles.map((item) => {
              const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={current ? "page" : undefined}
                    className={cx(
                      "rounded-md px-3 py-1.5 text-sm font-medium",
                      current ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:bg-slate-50 hover:text-slate-900",
                      focusRing,
                    )}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <UserMenu />
      </div>
    </header>
  );
}
