import { cx } from "./cx";

const tones = {
  customer: "bg-slate-200 text-slate-700",
  ai: "bg-violet-100 text-violet-700",
  human: "bg-emerald-100 text-emerald-800",
} as const;

/** Initials in a circle. Decorative: the name next to it is what assistive technology reads. */
export function Avatar({ name, kind, className }: { name: string; kind: keyof typeof tones; className?: string }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");
  return (
    <span
      aria-hidden="true"
      className={cx(
        "inline-flex size-9 shrink-0 items-center justify-center rounded-full text-sm font-semibold",
        tones[kind],
        className,
      )}
    >
      {initials || "?"}
    </span>
  );
}
