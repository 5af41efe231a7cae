/**
 * The longest message anyone may write, in characters (after trimming): checked by the API (schemas.ts) and counted
 * down in the consoles' composer, which says so in plain words before the API has to refuse it. A module of its own
 * so the browser bundle takes this number without the schemas.
 */
export const MAX_MESSAGE_CHARS = 4000;
