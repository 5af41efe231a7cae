/** Joins class names, skipping falsy parts. (No merging: pass conflicting utilities only where you mean to.) */
export function cx(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}

/** The one focus ring every interactive primitive uses, so keyboard focus always looks the same. */
export const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";
