import { formatSeconds } from "@/components/admin/labels";
import { formatTime } from "@/components/chat/format";
import { cx } from "@/components/ui/cx";
import type { CustomerPresence, TimelineEvent } from "@/lib/client/conversations";

/**
 * Whether the customer has the chat open, for staff: "Connected", "Away since 10:32" (their last chat window
 * closed, or its server stopped), "Not connected" (never opened one). Live: the timeline's presence events refetch it.
 */
export function CustomerPresenceBadge({
  presence,
  className,
}: {
  presence: CustomerPresence | undefined;
  className?: string;
}) {
  if (!presence) return null;
  const connected = presence.state === "connected";
  const text = connected ? "Connected" : presence.since ? `Away since ${formatTime(presence.since)}` : "Not connected";
  return (
    <span
      role="status"
      aria-label="Customer presence"
      title={connected ? "The customer has the chat open" : "The customer has no chat window open"}
      className={cx("inline-flex items-center gap-1.5 whitespace-nowrap text-xs font-medium text-slate-700", className)}
    >
      <span
        aria-hidden="true"
        className={cx("inline-block size-2 rounded-full", connected ? "bg-emerald-500" : "bg-amber-400")}
      />
      {text}
    </span>
  );
}

/**
 * How the customer went away, in a sentence for the representative, from the event that closed the chat — or
 * null when it did not close because of the customer (wrap-up done, a supervisor, an AI agent's goodbye).
 */
export function customerWentAway(events: TimelineEvent[], customerName: string): string | null {
  const closed = events.findLast((event) => event.type === "conversation.closed");
  if (!closed) return null;
  if (closed.actorType === "customer") return `${customerName} left the chat.`;
  if (closed.data.cause === "customer_inactive") {
    const seconds = Number(closed.data.inactiveSeconds);
    const within = seconds > 0 ? ` within ${formatSeconds(seconds)}` : "";
    return `${customerName} went away and did not come back${within}.`;
  }
  return null;
}
