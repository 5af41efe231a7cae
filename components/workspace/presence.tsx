import { cx } from "@/components/ui/cx";
import type { Presence } from "@/lib/client/conversations";

/** Presence as people read it. Only "available" and "busy" are offered new conversations. */
export const presenceLabels: Record<Presence, string> = {
  available: "Available",
  busy: "Busy",
  do_not_disturb: "Do not disturb",
  away: "Away",
  offline: "Offline",
};

const dotColours: Record<string, string> = {
  available: "bg-emerald-500",
  busy: "bg-red-500",
  do_not_disturb: "bg-red-700",
  away: "bg-amber-400",
  offline: "bg-slate-400",
};

export const presenceLabel = (presence: string) => presenceLabels[presence as Presence] ?? presence;
export const takesWork = (presence: string) => presence === "available" || presence === "busy";

/** A coloured dot; decorative (the presence is always written next to it). */
export function PresenceDot({ presence, className }: { presence: string; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cx("inline-block size-2 shrink-0 rounded-full", dotColours[presence] ?? "bg-slate-400", className)}
    />
  );
}
