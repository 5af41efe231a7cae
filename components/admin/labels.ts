import type { Presence } from "@/lib/client/admin";

/** The words the consoles use for the API's codes. */
export const presenceLabel: Record<Presence, string> = {
  available: "Available",
  busy: "Busy",
  do_not_disturb: "Do not disturb",
  away: "Away",
  offline: "Offline",
};

export const methodLabel: Record<string, string> = {
  highest_capacity: "Highest capacity",
  round_robin: "Round robin",
  least_active: "Least active",
};

export const methodHint: Record<string, string> = {
  highest_capacity: "The member with the most free capacity; ties go to the one whose last assignment is oldest.",
  round_robin: "Members take turns, in the order they joined the queue.",
  least_active: "The member whose capacity was released longest ago.",
};

export const kindLabel = (kind: string) => (kind === "ai" ? "AI agent" : "Representative");

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes < 60) return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
