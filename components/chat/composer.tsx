"use client";

import { type FormEvent, type KeyboardEvent, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cx, focusRing } from "@/components/ui/cx";
import { SendIcon } from "@/components/ui/icons";
import { ApiError } from "@/lib/client/fetch-json";
import { MAX_MESSAGE_CHARS } from "@/lib/conversations/message-limits";

/** The counter shows from here on: far from the limit it is only noise. */
const COUNT_FROM = Math.floor(MAX_MESSAGE_CHARS * 0.9);
const number = (n: number) => n.toLocaleString("en");

/**
 * The message box: Enter sends, Shift+Enter starts a new line. The text is
 * cleared at once and put back if sending fails, with the reason shown in a
 * sentence (never the API's words, which are written for developers). Near the
 * length limit a counter appears; over it, nothing is sent and it says by how much.
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
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const disabled = Boolean(disabledReason);
  const length = text.trim().length;
  const over = length - MAX_MESSAGE_CHARS;

  async function send() {
    const message = text.trim();
    if (!message || disabled) return;
    if (over > 0) return setProblem(tooLong(over));
    setText("");
    setProblem(null);
    setSending(true);
    try {
      await onSend(message);
    } catch (failure) {
      setText((current) => current || message);
      setProblem(whyNotSent(failure));
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
      {problem && (
        <Alert tone="error" className="py-2">
          {problem}
        </Alert>
      )}
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
          onChange={(event) => {
            setText(event.target.value);
            setProblem(null);
          }}
          onKeyDown={onKeyDown}
          placeholder={disabledReason ?? placeholder}
          disabled={disabled}
          aria-describedby={`${id}-hint ${id}-count`}
          aria-invalid={over > 0 || undefined}
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
      <div className="flex items-start justify-between gap-3 px-1 text-xs">
        <p id={`${id}-hint`} className="hidden text-slate-500 sm:block">
          Enter to send · Shift+Enter for a new line
        </p>
        {length >= COUNT_FROM && (
          <p
            id={`${id}-count`}
            data-testid="composer-count"
            className={cx("ml-auto tabular-nums", over > 0 ? "font-medium text-red-700" : "text-slate-500")}
          >
            <span className="sr-only">Characters: </span>
            {number(length)} / {number(MAX_MESSAGE_CHARS)}
          </p>
        )}
      </div>
    </form>
  );
}

const tooLong = (over: number) =>
  `Your message is ${number(over)} ${over === 1 ? "character" : "characters"} too long. Shorten it, or send it in parts.`;

/** Why a message was not sent, in a sentence for the person who wrote it. */
export function whyNotSent(error: unknown): string {
  if (error instanceof TypeError)
    return "Your message was not sent: we could not be reached. Check your connection and try again.";
  if (!(error instanceof ApiError)) return "Your message was not sent. Please try again.";
  if (error.status === 413 || (error.status === 400 && error.body.fields?.text))
    return "Your message is too long. Shorten it, or send it in parts.";
  if (error.status === 409) return "Your message was not sent: this chat has ended.";
  if (error.status === 429) return "You're sending messages very quickly. Wait a moment, then try again.";
  if (error.status === 401 || error.status === 403)
    return "Your message was not sent: you're no longer signed in to this chat.";
  return "Your message was not sent. Please try again.";
}
