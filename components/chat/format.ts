/** Short, human times for chat lines and waits. */
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

export const formatTime = (iso: string) => timeFormat.format(new Date(iso));

/** A wait estimate in words; "unknown" when there is none (no history, or nobody can take the chat now). */
export function formatWait(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "wait time unknown";
  if (seconds < 60) return "less than a minute";
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? "about 1 minute" : `about ${minutes} minutes`;
}

export function ordinal(position: number): string {
  const suffix =
    position % 100 >= 11 && position % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[position % 10] ?? "th");
  return `${position}${suffix}`;
}
