/** How the supervisor console says times and durations. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes}m ${String(s % 60).padStart(2, "0")}s`;
  const hours = Math.floor(minutes / 60);
  return `${hours}h ${String(minutes % 60).padStart(2, "0")}m`;
}

export const formatClock = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });

export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

export const statusLabel: Record<string, string> = {
  open: "Waiting",
  active: "Active",
  wrap_up: "Wrap-up",
  closed: "Closed",
};

export const statusTone: Record<string, "amber" | "green" | "blue" | "neutral"> = {
  open: "amber",
  active: "green",
  wrap_up: "blue",
  closed: "neutral",
};
