"use client";

import { type InputHTMLAttributes, type ReactNode, type Ref, type TextareaHTMLAttributes, useId } from "react";
import { cx, focusRing } from "./cx";

interface FieldOwnProps {
  label: ReactNode;
  /** Keep the label for assistive technology only (e.g. a chat composer whose purpose is obvious). */
  hideLabel?: boolean;
  hint?: ReactNode;
  /** Shown under the control, announced, and marks the control aria-invalid. */
  error?: ReactNode;
}

interface ControlIds {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

/** Label, hint and error wired to one control by id, so every field is labelled and described the same way. */
export function Field({
  label,
  hideLabel,
  hint,
  error,
  id: givenId,
  className,
  children,
}: FieldOwnProps & { id?: string; className?: string; children: (ids: ControlIds) => ReactNode }) {
  const autoId = useId();
  const id = givenId ?? autoId;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("flex flex-col gap-1.5", className)}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "text-sm font-medium text-slate-800"}>
        {label}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {hint && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export const controlClasses = cx(
  "w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-xs placeholder:text-slate-400",
  "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 aria-invalid:border-red-500",
  focusRing,
  "focus-visible:outline-offset-0 focus-visible:border-blue-600",
);

type InputProps = FieldOwnProps & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> };

/** A labelled text input. */
export function Input({ label, hideLabel, hint, error, id, className, ...props }: InputProps) {
  return (
    <Field label={label} hideLabel={hideLabel} hint={hint} error={error} id={id} className={className}>
      {(ids) => <input {...ids} {...props} className={cx(controlClasses, "h-10")} />}
    </Field>
  );
}

type TextareaProps = FieldOwnProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> };

/** A labelled multi-line input. */
export function Textarea({ label, hideLabel, hint, error, id, className, ...props }: TextareaProps) {
  return (
    <Field label={label} hideLabel={hideLabel} hint={hint} error={error} id={id} className={className}>
      {(ids) => (
        <textarea rows={3} {...ids} {...props} className={cx(controlClasses, "resize-y py-2 leading-relaxed")} />
      )}
    </Field>
  );
}
