"use client";

import { type FormEvent, type KeyboardEvent, useId, useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cx, focusRing } from "@/components/ui/cx";
import { SendIcon } from "@/components/ui/icons";

/**
 * The message box: Enter sends, Shift+Enter starts a new line. The text is
 * cleared at once and put back if sending fails, with the reason shown.
 */
export function Composer({
  onSend,
  label,
  placeholder,
  disabledReason,
}: {
  onSend: (text: string) => Promise<unknown>;
  label: string;
  placeholder: string;
  /** Why nobody can write now (e.g. the chat ended); disables the box and says so. */
  disabledReason?: string | null;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const disabled = Boolean(disabledReason);

  async function send() {
    const message = text.trim();
    if (!message || disabled) return;
    setText("");
    setError(null);
    setSending(true);
    try {
      await onSend(message);
    } catch (failure) {
      setText((current) => current || message);
      setError(failure);
    } finally {
      setSending(false);
    }
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2">
      <ErrorAlert error={error} title="Your message was not sent" />
      <div
        className={cx(
          "flex items-end gap-2 rounded-xl border border-slate-300 bg-white p-1.5 shadow-xs",
          "focus-within:border-blue-600 focus-within:ring-1 focus-within:ring-blue-600",
          disabled && "bg-slate-50",
        )}
      >
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <textarea
          id={id}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={disabledReason ?? placeholder}
          disabled={disabled}
          aria-describedby={`${id}-hint`}
          rows={1}
          className="field-sizing-content max-h-40 min-h-10 flex-1 resize-none bg-transparent px-2.5 py-2 text-[0.9375rem] leading-6 text-slate-900 placeholder:text-slate-400 focus:outline-none disabled:cursor-not-allowed"
        />
        <Button
          type="submit"
          size="icon"
          aria-label="Send message"
          pending={sending}
          disabled={disabled || !text.trim()}
          className={cx("rounded-lg", focusRing)}
        >
          {!sending && <SendIcon />}
        </Button>
      </div>
      <p id={`${id}-hint`} className="hidden px-1 text-xs text-slate-500 sm:block">
        Enter to send · Shift+Enter for a new line
      </p>
    </form>
  );
}
