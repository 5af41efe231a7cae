import type { HTMLAttributes, ReactNode, TableHTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cx } from "./cx";

/*
 * A data table: native table markup (so rows, column headers and row headers
 * keep their roles and names) with the consoles' shared classes. Cell padding
 * is its own prop, apart from className, so a caller's padding never fights
 * the default one.
 */

/** The table; `caption` names it for screen readers. */
export function Table({
  caption,
  className,
  children,
  ...props
}: TableHTMLAttributes<HTMLTableElement> & { caption?: ReactNode }) {
  return (
    <table className={cx("w-full text-sm", className)} {...props}>
      {caption && <caption className="sr-only">{caption}</caption>}
      {children}
    </table>
  );
}

/**
 * The header rows: small, muted, left-aligned. Either your own rows as
 * children, or `columns`: one row of plain column headers, in order, with
 * `actions` adding a last one named "Actions" for screen readers only.
 */
export function THead({
  columns,
  actions,
  className,
  children,
  ...props
}: HTMLAttributes<HTMLTableSectionElement> & { columns?: string[]; actions?: boolean }) {
  return (
    <thead className={cx("text-left text-xs text-slate-500", className)} {...props}>
      {columns ? (
        <tr>
          {columns.map((column) => (
            <Th key={column}>{column}</Th>
          ))}
          {actions && (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </tr>
      ) : (
        children
      )}
    </thead>
  );
}

/** A body row, ruled off from the next. */
export function Tr({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cx("border-b border-slate-100 last:border-0", className)} {...props} />;
}

type CellPadding = { pad?: string };

/** A column header (`scope="col"`), or with `scope="row"` the cell that names its row. */
export function Th({
  scope = "col",
  pad = "px-4 py-2",
  className,
  ...props
}: ThHTMLAttributes<HTMLTableCellElement> & CellPadding) {
  return (
    <th
      scope={scope}
      className={cx(pad, "font-medium", scope === "row" && "text-left text-slate-900", className)}
      {...props}
    />
  );
}

/** A data cell. */
export function Td({ pad = "px-4 py-2", className, ...props }: TdHTMLAttributes<HTMLTableCellElement> & CellPadding) {
  return <td className={cx(pad, className)} {...props} />;
}
