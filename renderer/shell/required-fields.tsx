// The required fields of a small form (a void, a supervisor's decision, Diagnostics' benchmark and
// create-topic forms), checked by the app and not by the browser: the browser's "Please fill out
// this field" bubble speaks the browser's language, not the clerk's, and is gone before a screen
// reader can tie it to the field. Each field left empty (spaces alone are empty: the services trim
// them) gets 'field.required' under it, as the order form's field errors are shown
// (order-form/fields.tsx), the cursor goes to the first, and the form sends nothing.
import { useId, useRef, useState } from 'react';
import { useT } from '../i18n/i18n';
import { isBlankText } from '../../shared/order-schema';

export function useRequiredFields<K extends string>() {
  const { err } = useT();
  const base = useId();
  const [empty, setEmpty] = useState<ReadonlySet<K>>(new Set());
  const inputs = useRef(new Map<K, HTMLInputElement>());
  const messageId = (name: K) => `${base}-${name}-required`;
  const focus = (name: K) => inputs.current.get(name)?.focus();
  return {
    focus,
    /**
     * True when every field holds something; otherwise marks the empty ones and focuses the first.
     * A null value is a field not asked for now (disabled: the benchmark's record size beside a
     * payload file).
     */
    filled(values: Record<K, string | null>): boolean {
      const missing = (Object.keys(values) as K[]).filter((name) => {
        const value = values[name];
        return value !== null && isBlankText(value);
      });
      setEmpty(new Set(missing));
      if (missing[0]) focus(missing[0]);
      return missing.length === 0;
    },
    /**
     * The input's own props; `describedBy` is what else describes it (a count, the form's error),
     * `invalid` whether the form's own error is about it.
     */
    input(name: K, describedBy?: string, invalid = false) {
      const marked = empty.has(name);
      return {
        ref: (el: HTMLInputElement | null) => void (el ? inputs.current.set(name, el) : inputs.current.delete(name)),
        'aria-required': true,
        'aria-invalid': marked || invalid || undefined,
        'aria-describedby': [marked ? messageId(name) : '', describedBy ?? ''].filter(Boolean).join(' ') || undefined,
        // Typing in it takes the mark away; the other fields keep theirs until the next submit.
        onInput: () => {
          if (marked) setEmpty((s) => new Set([...s].filter((n) => n !== name)));
        },
      } as const;
    },
    message(name: K) {
      const marked = empty.has(name);
      return (
        <div className="field-error" id={messageId(name)} role={marked ? 'alert' : undefined}>
          {marked ? err({ code: 'field.required' }) : ''}
        </div>
      );
    },
  };
}
