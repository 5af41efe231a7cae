import type { ReactNode } from "react";
import { ApiError } from "@/lib/client/fetch-json";
import { cx } from "./cx";

const tones = {
  error: "border-red-200 bg-red-50 text-red-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  info: "border-blue-200 bg-blue-50 text-blue-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
} as const;

/** A message block. Errors are announced at once (role="alert"); the rest politely (role="status"). */
export function Alert({
  tone = "info",
  title,
  label,
  children,
  className,
}: {
  tone?: keyof typeof tones;
  title?: ReactNode;
  /** Names the block for assistive technology (and tests), when several may be on screen. */
  label?: string;
  children?: ReactNode;
  className?: string;
}) {
  const classes = cx("rounded-lg border px-3.5 py-2.5 text-sm", tones[tone], className);
  const body = (
    <>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={title ? "mt-0.5" : undefined}>{children}</div>}
    </>
  );
  return tone === "error" ? (
    <div role="alert" aria-label={label} className={classes}>
      {body}
    </div>
  ) : (
    <div role="status" aria-label={label} className={classes}>
      {body}
    </div>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What an error from the API (or the network) means, in a sentence for the person who pressed the button. */
export function describeError(error: unknown): { message: string; fields: Array<[string, string]> } {
  if (error instanceof ApiError) {
    const fields = Object.entries(error.body.fields ?? {}).flatMap(([field, messages]) =>
      messages.map((message) => [field, message] as [string, string]),
    );
    return { message: capitalise(error.body.message), fields };
  }
  if (error instanceof TypeError)
    return { message: "Could not reach Switchboard. Check your connection and try again.", fields: [] };
  return { message: error instanceof Error ? capitalise(error.message) : "Something went wrong.", fields: [] };
}

/** An API error shown inline, next to the action that failed. Renders nothing without an error. */
export function ErrorAlert({ error, title, className }: { error: unknown; title?: ReactNode; className?: string }) {
  if (!error) return null;
  const { message, fields } = describeError(error);
  return (
    <Alert tone="error" title={title} className={className}>
      <p>{/[.!?]$/.test(message) ? message : `${message}.`}</p>
      {fields.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {fields.map(([field, text]) => (
            <li key={`${field}:${text}`}>
              <span className="font-medium">{field}</span>: {text}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
