"use client";

import { NavLinks } from "./nav-links";

const sections = [
  { href: "/admin", label: "Queues" },
  { href: "/admin/agents", label: "AI agents" },
  { href: "/admin/representatives", label: "Representatives" },
  { href: "/admin/routing", label: "Routing rules" },
];

/** The admin console's sections, as links (each section is its own page, so it can be bookmarked). */
export function AdminNav() {
  return (
    <nav aria-label="Admin sections" className="border-b border-slate-200 bg-white">
      <NavLinks links={sections} look="tabs" />
    </nav>
  );
}
