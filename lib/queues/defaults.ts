/**
 * Queue settings' defaults, in a module of plain values: the admin console reads them too, and must not load the
 * API's zod schemas to do so (zod compiles parsers with `new Function`, which the consoles' CSP refuses).
 */

/** Ten minutes: long enough for a customer who stepped away or lost signal, short enough not to hold a person for long. */
export const DEFAULT_INACTIVITY_TIMEOUT_SECONDS = 600;
