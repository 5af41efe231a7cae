import { Alert, ErrorAlert } from "@/components/ui/alert";

/**
 * A form's error summary: when the API named fields (shown beside them), a
 * pointer to them; otherwise the API's whole message.
 */
export function FormError({ error, fields }: { error: unknown; fields: Record<string, string> }) {
  if (!error) return null;
  if (Object.keys(fields).length > 0) {
    return <Alert tone="error">Some fields need attention: see the messages beside them.</Alert>;
  }
  return <ErrorAlert error={error} />;
}

/** Parses a whole number from a form input; blank gives `blank`. */
export const toInt = (value: string, blank: number | null = null): number | null =>
  value.trim() === "" ? blank : Number(value);
