"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx, focusRing } from "@/components/ui/cx";

const sections = [
  { href: "/admin", label: "Queues" },
  { href: "/admin/agents", label: "AI agents" },
  { href: "/admin/representatives", label: "Representatives" },
  { href: "/admin/routing", label: "Routing rules" },
];

/** The admin console's sections, as links (each section is its own page, so it can be bookmarked). */
export function AdminNav() {
  const pathname = usePathname();
  const currentHref =
    sections
      .filter((s) => pathname === s.href || pathname.startsWith(`${s.href}/`))
      .sort((a, b) => b.href.length - a.href.length)[0]?.href ?? "/admin";
  return (
    <nav aria-label="Admin sections" className="border-b border-slate-200 bg-white">
      <ul className="mx-auto flex max-w-7xl gap-6 px-6">
        {sections.map((section) => {
          const current = section.href === currentHref;
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={current ? "page" : undefined}
                className={cx(
                  "-mb-px inline-block border-b-2 py-3 text-sm font-medium",
                  current ? "border-blue-600 text-blue-700" : "border-transparent text-slate-600 hover:text-slate-900",
                  focusRing,
                )}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
