"use client";

import { useEffect, useId, useRef, useState } from "react";
import { cx, focusRing } from "@/components/ui/cx";
import { CheckIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage, fieldErrors, useUpdateAgent } from "@/lib/client/admin";

/**
 * An agent's capacity, edited where it is shown: type a number, then Enter
 * (or leave the field) saves it; Escape puts the saved value back. A refused
 * value stays in the field, marked invalid, with the API's reason under it.
 */
export function CapacityInput({ agent }: { agent: { id: string; name: string; capacity: number; kind: string } }) {
  const [draft, setDraft] = useState(String(agent.capacity));
  const [focused, setFocused] = useState(false);
  const [saved, setSaved] = useState(false);
  const [invalid, setInvalid] = useState<string | null>(null);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  useEffect(() => {
    if (!saved) return;
    const hide = setTimeout(() => setSaved(false), 1500);
    return () => clearTimeout(hide);
  }, [saved]);
  const update = useUpdateAgent();
  const errorId = useId();
  const max = agent.kind === "ai" ? 100_000 : 1000;

  // Follow a saved value that changes elsewhere (live updates) while the field is not being edited — only when it
  // changes, so a refused edit stays in the field beside its reason (e.g. below what the representative holds).
  const [shown, setShown] = useState(agent.capacity);
  if (agent.capacity !== shown && !focused) {
    setShown(agent.capacity);
    setDraft(String(agent.capacity));
  }

  const save = () => {
    const value = Number(draft);
    if (draft.trim() === "" || value === agent.capacity) {
      setDraft(String(agent.capacity));
      setInvalid(null);
      update.reset();
      return;
    }
    // Said here, in words, before anything is sent: the API's own reason for these is written for developers.
    const problem = capacityProblem(value, max);
    setInvalid(problem);
    // A "saved" tick belongs to the last save only: it never stands beside a refusal (or a later attempt).
    setSaved(false);
    if (problem) return update.reset();
    if (update.isError && update.variables?.capacity === value) return; // already refused; the reason is shown
    update.mutate(
      { id: agent.id, capacity: value },
      {
        onSuccess: (_agent, variables) => {
          if (Number(draftRef.current) === variables.capacity) setSaved(true);
        },
      },
    );
  };

  const error = invalid ?? (update.error ? (fieldErrors(update.error).capacity ?? errorMessage(update.error)) : null);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          step={1}
          value={draft}
          aria-label={`Capacity of ${agent.name}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onFocus={() => setFocused(true)}
          onChange={(event) => {
            setDraft(event.target.value);
            setInvalid(null);
            setSaved(false);
            update.reset();
          }}
          onBlur={() => {
            setFocused(false);
            save();
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              save();
            } else if (event.key === "Escape") {
              setDraft(String(agent.capacity));
              setInvalid(null);
              update.reset();
            }
          }}
          className={cx(
            "h-8 w-20 rounded-md border border-slate-300 bg-white px-2 text-sm tabular-nums shadow-xs aria-invalid:border-red-500",
            focusRing,
            "focus-visible:outline-offset-0",
          )}
        />
        <span className="w-4" aria-live="polite">
          {update.isPending && <Spinner className="text-slate-400" />}
          {saved && !error && !update.isPending && (
            <>
              <CheckIcon className="text-emerald-600" />
              <span className="sr-only">Capacity saved</span>
            </>
          )}
        </span>
      </div>
      {error && (
        <p id={errorId} role="alert" className="max-w-64 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** What is wrong with a typed capacity, in the admin's words; null when it may be sent. */
export function capacityProblem(value: number, max: number): string | null {
  if (!Number.isInteger(value)) return "Capacity must be a whole number";
  if (value < 1) return "Capacity must be at least 1";
  if (value > max) return `Capacity can be at most ${max.toLocaleString("en")}`;
  return null;
}
