"use client";

import * as RadixSelect from "@radix-ui/react-select";
import { type ReactNode, useId } from "react";
import { cx, focusRing } from "./cx";
import { CheckIcon, ChevronDownIcon } from "./icons";

export interface SelectOption {
  value: string;
  label: string;
  /** Shown before the label, in the list and the closed select (e.g. a presence dot). Decorative. */
  indicator?: ReactNode;
  /** A second line in the list only. */
  description?: string;
  disabled?: boolean;
}

export interface SelectOptionGroup {
  label: string;
  options: SelectOption[];
}

export interface SelectProps {
  label: ReactNode;
  hideLabel?: boolean;
  value: string | undefined;
  onValueChange: (value: string) => void;
  /** Flat options, or groups with a heading each. */
  options: SelectOption[] | SelectOptionGroup[];
  placeholder?: string;
  disabled?: boolean;
  id?: string;
  className?: string;
  /** Width and such for the closed select itself, e.g. "w-48". */
  triggerClassName?: string;
  /** "inline" puts the label beside the select (toolbars); "stacked" above it (forms). */
  layout?: "stacked" | "inline";
}

const isGrouped = (options: SelectOption[] | SelectOptionGroup[]): options is SelectOptionGroup[] =>
  options.length > 0 && "options" in options[0]!;

/**
 * A labelled single-choice list (Radix Select: a combobox button with a
 * listbox, full keyboard support, type-ahead). The <label> names the trigger.
 */
export function Select({
  label,
  hideLabel,
  value,
  onValueChange,
  options,
  placeholder = "Choose…",
  disabled,
  id: givenId,
  className,
  triggerClassName,
  layout = "stacked",
}: SelectProps) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <div className={cx("flex", layout === "inline" ? "items-center gap-2" : "flex-col gap-1.5", className)}>
      <label
        htmlFor={id}
        className={cx(
          hideLabel ? "sr-only" : "text-sm font-medium",
          layout === "inline" ? "text-slate-600" : "text-slate-800",
        )}
      >
        {label}
      </label>
      <RadixSelect.Root value={value} onValueChange={onValueChange} disabled={disabled}>
        <RadixSelect.Trigger
          id={id}
          className={cx(
            "inline-flex h-9 min-w-0 items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-3 text-left text-sm text-slate-900 shadow-xs",
            "hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-55 data-[placeholder]:text-slate-500",
            focusRing,
            triggerClassName,
          )}
        >
          <span className="flex min-w-0 items-center gap-2 truncate">
            <RadixSelect.Value placeholder={placeholder} />
          </span>
          <RadixSelect.Icon className="text-slate-500">
            <ChevronDownIcon />
          </RadixSelect.Icon>
        </RadixSelect.Trigger>
        <RadixSelect.Portal>
          <RadixSelect.Content
            position="popper"
            sideOffset={4}
            className="z-50 max-h-[min(24rem,var(--radix-select-content-available-height))] min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-lg bg-white shadow-lg ring-1 ring-slate-900/10"
          >
            <RadixSelect.Viewport className="p-1">
              {isGrouped(options)
                ? options.map((group) => (
                    <RadixSelect.Group key={group.label}>
                      <RadixSelect.Label className="px-2 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                        {group.label}
                      </RadixSelect.Label>
                      {group.options.map((option) => (
                        <SelectItem key={option.value} option={option} />
                      ))}
                    </RadixSelect.Group>
                  ))
                : (options as SelectOption[]).map((option) => <SelectItem key={option.value} option={option} />)}
            </RadixSelect.Viewport>
          </RadixSelect.Content>
        </RadixSelect.Portal>
      </RadixSelect.Root>
    </div>
  );
}

function SelectItem({ option }: { option: SelectOption }) {
  return (
    <RadixSelect.Item
      value={option.value}
      disabled={option.disabled}
      className={cx(
        "relative flex cursor-default select-none items-start gap-2 rounded-md py-1.5 pr-2 pl-7 text-sm text-slate-800 outline-none",
        "data-[highlighted]:bg-blue-50 data-[highlighted]:text-blue-900 data-[disabled]:opacity-50",
      )}
    >
      <RadixSelect.ItemIndicator className="absolute top-2 left-2 text-blue-600">
        <CheckIcon width={14} height={14} />
      </RadixSelect.ItemIndicator>
      <span className="flex min-w-0 flex-col">
        <RadixSelect.ItemText>
          <span className="flex items-center gap-2">
            {option.indicator}
            {option.label}
          </span>
        </RadixSelect.ItemText>
        {option.description && <span className="text-xs text-slate-500">{option.description}</span>}
      </span>
    </RadixSelect.Item>
  );
}
