"use client";

import * as RadixRadio from "@radix-ui/react-radio-group";
import { type ReactNode, useId } from "react";
import { cx, focusRing } from "./cx";

/**
 * A labelled set of choices shown all at once (Radix RadioGroup: arrow keys
 * move between choices, Tab leaves the group). Use RadioCard for each choice
 * and RadioSection to group them under a heading.
 */
export function RadioGroup({
  label,
  hideLabel,
  value,
  onValueChange,
  children,
  className,
  required,
}: {
  label: ReactNode;
  hideLabel?: boolean;
  value: string | undefined;
  onValueChange: (value: string) => void;
  children: ReactNode;
  className?: string;
  required?: boolean;
}) {
  const labelId = useId();
  return (
    <div className={cx("flex flex-col gap-2", className)}>
      <span id={labelId} className={hideLabel ? "sr-only" : "text-sm font-medium text-slate-800"}>
        {label}
      </span>
      <RadixRadio.Root
        aria-labelledby={labelId}
        value={value ?? ""}
        onValueChange={onValueChange}
        required={required}
        className="flex flex-col gap-3"
      >
        {children}
      </RadixRadio.Root>
    </div>
  );
}

/** A heading over some choices of one RadioGroup (e.g. the AI agents of one queue). */
export function RadioSection({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="flex min-w-0 flex-col gap-1.5">
      <legend className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</legend>
      {children}
    </fieldset>
  );
}

/** One choice: a whole clickable card with a label, an optional description and something on the right. */
export function RadioCard({
  value,
  label,
  description,
  aside,
  disabled,
}: {
  value: string;
  label: ReactNode;
  description?: ReactNode;
  aside?: ReactNode;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <label
      htmlFor={id}
      className={cx(
        "flex cursor-pointer items-center gap-3 rounded-lg border border-slate-200 bg-white px-3 py-2.5 transition-colors",
        "hover:border-slate-300 hover:bg-slate-50",
        "has-[[data-state=checked]]:border-blue-600 has-[[data-state=checked]]:bg-blue-50/60 has-[[data-state=checked]]:ring-1 has-[[data-state=checked]]:ring-blue-600",
        "has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-55",
      )}
    >
      <RadixRadio.Item
        id={id}
        value={value}
        disabled={disabled}
        aria-labelledby={`${id}-label`}
        aria-describedby={description ? `${id}-description` : undefined}
        className={cx(
          "flex size-4 shrink-0 items-center justify-center rounded-full border border-slate-400 bg-white",
          "data-[state=checked]:border-blue-600",
          focusRing,
        )}
      >
        <RadixRadio.Indicator className="size-2 rounded-full bg-blue-600" />
      </RadixRadio.Item>
      <span className="flex min-w-0 flex-1 flex-col">
        <span id={`${id}-label`} className="truncate text-sm font-medium text-slate-900">
          {label}
        </span>
        {description && (
          <span id={`${id}-description`} className="text-xs text-slate-600">
            {description}
          </span>
        )}
      </span>
      {aside}
    </label>
  );
}
