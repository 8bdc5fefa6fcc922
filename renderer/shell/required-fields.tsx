// The required fields of a small form (a void, a supervisor's decision, Diagnostics' benchmark and
// create-topic forms), checked by the app and not by the browser: the browser's "Please fill out
// this field" bubble speaks the browser's language, not the clerk's, and is gone before a screen
// reader can tie it to the field. Each field left empty (spaces alone are empty: the services trim
// them) gets 'field.required' under it, as the order form's field errors are shown
// (order-form/fields.tsx), the cursor goes to the first, and the form sends nothing. A field
// filled with what its schema refuses (a number out of its range, not a topic name) gets its
// problem there the same way: the browser's min/max and pattern checks spoke its own language,
// so those forms are noValidate and say it here.
import { useId, useRef, useState } from 'react';
import { useT } from '../i18n/i18n';
import { isBlankText } from '../../shared/order-schema';
import type { AppError } from '../../shared/error-codes';

export function useRequiredFields<K extends string>() {
  const { err } = useT();
  const base = useId();
  const [marks, setMarks] = useState<ReadonlyMap<K, AppError>>(new Map());
  const inputs = useRef(new Map<K, HTMLInputElement>());
  const messageId = (name: K) => `${base}-${name}-required`;
  const focus = (name: K) => inputs.current.get(name)?.focus();
  return {
    focus,
    /**
     * True when every field holds something; otherwise marks the empty ones and focuses the first.
     * A null value is a field not asked for now (disabled: the benchmark's record size beside a
     * payload file). `problems` are what is wrong with fields filled (those of `values`, or
     * optional ones), null where nothing is; an empty required field is said before its problem.
     */
    filled(values: Partial<Record<K, string | null>>, problems: Partial<Record<K, AppError | null>> = {}): boolean {
      const found = new Map<K, AppError>();
      for (const name of new Set([...Object.keys(values), ...Object.keys(problems)] as K[])) {
        const value = values[name];
        const problem = value != null && isBlankText(value) ? { code: 'field.required' as const } : problems[name];
        if (problem) found.set(name, problem);
      }
      setMarks(found);
      const first = [...found.keys()][0];
      if (first) focus(first);
      return found.size === 0;
    },
    /**
     * The input's own props; `describedBy` is what else describes it (a count, the form's error),
     * `invalid` whether the form's own error is about it, `required` false for a field that may
     * be left empty.
     */
    input(name: K, describedBy?: string, invalid = false, required = true) {
      const marked = marks.has(name);
      return {
        ref: (el: HTMLInputElement | null) => void (el ? inputs.current.set(name, el) : inputs.current.delete(name)),
        'aria-required': required,
        'aria-invalid': marked || invalid || undefined,
        'aria-describedby': [marked ? messageId(name) : '', describedBy ?? ''].filter(Boolean).join(' ') || undefined,
        // Typing in it takes the mark away; the other fields keep theirs until the next submit.
        onInput: () => {
          if (marked) setMarks((m) => new Map([...m].filter(([n]) => n !== name)));
        },
      } as const;
    },
    message(name: K) {
      const mark = marks.get(name);
      return (
        <div className="field-error" id={messageId(name)} role={mark ? 'alert' : undefined}>
          {mark ? err(mark) : ''}
        </div>
      );
    },
  };
}
