import { cx } from "@/components/ui/cx";
import type { Presence } from "@/lib/client/admin";
import { presenceLabel } from "./labels";

const dot: Record<Presence, string> = {
  available: "bg-emerald-500",
  busy: "bg-amber-500",
  do_not_disturb: "bg-red-500",
  away: "bg-slate-400",
  offline: "bg-slate-300 ring-1 ring-inset ring-slate-400",
};

/** A coloured dot; decorative, the label beside it says the presence. */
export function PresenceDot({ presence, className }: { presence: Presence; className?: string }) {
  return (
    <span aria-hidden="true" className={cx("inline-block size-2 shrink-0 rounded-full", dot[presence], className)} />
  );
}

export function PresenceLabel({ presence }: { presence: Presence }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-sm text-slate-700">
      <PresenceDot presence={presence} />
      {presenceLabel[presence]}
    </span>
  );
}
