"use client";

import { useId, useState } from "react";
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
      update.reset();
      return;
    }
    if (update.isError && update.variables?.capacity === value) return; // already refused; the reason is shown
    update.mutate(
      { id: agent.id, capacity: value },
      {
        onSuccess: () => {
          setSaved(true);
          setTimeout(() => setSaved(false), 1500);
        },
      },
    );
  };

  const error = update.error ? (fieldErrors(update.error).capacity ?? errorMessage(update.error)) : null;
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
          {saved && !update.isPending && (
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
