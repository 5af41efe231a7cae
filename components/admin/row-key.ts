/** Editable list rows carry a key of their own, so removing one never shifts another's focus or state. */
let nextRowKey = 0;
export const rowKey = () => `row-${++nextRowKey}`;
