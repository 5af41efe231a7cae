"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx, focusRing } from "@/components/ui/cx";

const looks = {
  /** Underlined tabs along a bar: a console's sections. */
  tabs: {
    list: "mx-auto flex max-w-7xl gap-6 px-6",
    link: "-mb-px inline-block border-b-2 py-3 text-sm font-medium",
    current: "border-blue-600 text-blue-700",
    other: "border-transparent text-slate-600 hover:text-slate-900",
  },
  /** Pills side by side: the console switcher. */
  pills: {
    list: "flex items-center gap-1",
    link: "rounded-md px-3 py-1.5 text-sm font-medium",
    current: "bg-slate-100 text-slate-900",
    other: "text-slate-600 hover:bg-slate-50 hover:text-slate-900",
  },
};

/**
 * The staff consoles' navigation links (put them in a labelled <nav>). The one
 * for the current page is marked `aria-current="page"`: the link whose href is
 * the longest that the path is, or lies under.
 */
export function NavLinks({ links, look }: { links: { href: string; label: string }[]; look: keyof typeof looks }) {
  const pathname = usePathname();
  const currentHref = links
    .filter((link) => pathname === link.href || pathname.startsWith(`${link.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  const style = looks[look];
  return (
    <ul className={style.list}>
      {links.map((link) => {
        const current = link.href === currentHref;
        return (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={current ? "page" : undefined}
              className={cx(style.link, current ? style.current : style.other, focusRing)}
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
