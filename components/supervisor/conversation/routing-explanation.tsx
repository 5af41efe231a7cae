import { Badge } from "@/components/ui/badge";
import { formatClock } from "../format";

/** The routing decision behind an assignment (or a wait): who was eligible, best first, and who was excluded and why. */
interface Ranked {
  agentId?: string;
  name: string;
  kind?: string;
  score?: Record<string, string | number | null>;
}
interface Excluded {
  agentId?: string;
  name: string;
  reason: string;
  detail?: string;
}

const reasonLabel: Record<string, string> = {
  sender: "Sent it here",
  ai_already_handled: "Loop protection",
  person_requested: "A person was asked for",
  presence: "Not available",
  at_capacity: "At capacity",
};

const scoreLabel: Record<string, string> = {
  availableCapacity: "free capacity",
  lastAssignedAt: "last assigned",
  lastAssignedInQueueAt: "last assigned here",
  lastReleasedAt: "capacity released",
};

function describeScore(score: Ranked["score"]): string {
  if (!score) return "";
  return Object.entries(score)
    .map(([key, value]) => {
      const label = scoreLabel[key] ?? key;
      if (value === null) return `${label}: never`;
      if (typeof value === "string" && /^\d{4}-\d\d-\d\dT/.test(value)) return `${label} ${formatClock(value)}`;
      return `${label} ${value}`;
    })
    .join(" · ");
}

export function RoutingExplanation({ ranked, excluded }: { ranked: Ranked[]; excluded: Excluded[] }) {
  if (ranked.length === 0 && excluded.length === 0) return null;
  return (
    <div className="mt-2 grid grid-cols-2 gap-3 text-xs" data-testid="routing-explanation">
      <div className="rounded-lg border border-slate-200 bg-slate-50/60 p-2.5">
        <p className="mb-1.5 font-semibold text-slate-700">Eligible, best first</p>
        {ranked.length === 0 ? (
          <p className="text-slate-500">Nobody was eligible.</p>
        ) : (
          <ol className="flex flex-col gap-1">
            {ranked.map((r, index) => (
              <li key={r.agentId ?? r.name} className="flex items-baseline gap-2">
                <span className="w-4 shrink-0 text-right text-slate-500 tabular-nums">{index + 1}.</span>
                <span className="min-w-0">
                  <span className={index === 0 ? "font-semibold text-slate-900" : "text-slate-800"}>{r.name}</span>
                  {r.kind && <span className="text-slate-500"> ({r.kind === "ai" ? "AI" : "rep"})</span>}
                  {r.score && <span className="block text-slate-500">{describeScore(r.score)}</span>}
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
      <div className="rounded-lg border border-slate-200 bg-slate-50/60 p-2.5">
        <p className="mb-1.5 font-semibold text-slate-700">Excluded</p>
        {excluded.length === 0 ? (
          <p className="text-slate-500">Nobody was excluded.</p>
        ) : (
          <ul className="flex flex-col gap-1.5">
            {excluded.map((x) => (
              <li key={x.agentId ?? x.name} className="flex flex-col items-start gap-0.5">
                <span className="flex items-center gap-1.5">
                  <span className="text-slate-900">{x.name}</span>
                  <Badge tone={x.reason === "presence" || x.reason === "at_capacity" ? "neutral" : "amber"}>
                    {reasonLabel[x.reason] ?? x.reason}
                  </Badge>
                </span>
                {x.detail && <span className="text-slate-500">{x.detail}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
