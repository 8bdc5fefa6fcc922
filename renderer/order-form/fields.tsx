// Labelled inputs for the order form: a real <label for>, the inline error tied to the input
// with aria-describedby (not an alert: see below), aria-required from the order schema, and
// data-field so Enter can move to the next field. Entering a field selects what it holds, so
// typing replaces it: a Quantity showing "1" that the clerk types "2" into must become 2, never 12.
import type { InputHTMLAttributes, ReactNode } from 'react';
import { fieldId, isRequiredField } from './draft-form';
import { LengthCount } from '../shell/LengthCount';
import { useT } from '../i18n/i18n';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  path: string;
  label: string;
  value: string;
  onValue(value: string): void;
  error: string | null;
  hint?: ReactNode;
  /**
   * A note under the field, in its description (the price changed from the catalogue's): in the
   * label it was squeezed beside it in a narrow column, and hidden with the label on every line
   * after the first.
   */
  note?: ReactNode;
  /** Keep the label for assistive tech and getByLabel, but do not draw it (repeated line rows). */
  hideLabel?: boolean;
  inputRef?: React.Ref<HTMLInputElement>;
  /** The field's limit, to show its length against it as the void's reason does. */
  countMax?: number;
}

export function TextField({
  path,
  label,
  value,
  onValue,
  error,
  hint,
  note,
  hideLabel,
  inputRef,
  countMax,
  className,
  onFocus,
  ...rest
}: FieldProps) {
  const id = fieldId(path);
  const countId = countMax === undefined ? undefined : `${id}-count`;
  const noteId = note ? `${id}-note` : undefined;
  const describedBy = [countId, noteId, error ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return (
    <div className={`field ${className ?? ''} ${error ? 'has-error' : ''}`}>
      <div className={hideLabel ? 'sr-only' : 'field-label'}>
        <label htmlFor={id}>{label}</label>
        {hint ? <span className="field-hint">{hint}</span> : null}
        {countId && countMax !== undefined ? <LengthCount id={countId} text={value} max={countMax} /> : null}
      </div>
      <input
        id={id}
        ref={inputRef}
        data-field={path}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        onFocus={(e) => {
          e.currentTarget.select();
          onFocus?.(e);
        }}
        aria-required={isRequiredField(path) || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        autoComplete="off"
        spellCheck={false}
        {...rest}
      />
      {noteId ? (
        <div className="field-note" id={noteId}>
          {note}
        </div>
      ) : null}
      {/* No alert of its own: five of them were five announcements for one Submit. The form's
          status says once how many fields are wrong, the cursor goes to the first, and each
          field's error is its description, read as the clerk reaches it. */}
      <div className="field-error" id={`${id}-error`}>
        {error ?? ''}
      </div>
    </div>
  );
}

/**
 * How many fields still need attention ("3 fields need attention"), for a form's status after a
 * refused Submit or Save: counted from the errors shown, so it follows the corrections and says
 * nothing once none is left. One polite sentence for them all, where each field's alert was one
 * announcement apiece.
 */
export function FieldsNeedAttention({ errors }: { errors: Record<string, unknown> }) {
  const { t } = useT();
  const count = Object.keys(errors).length;
  return count > 0 ? <span className="bad">{t('form.fixErrors', { count })}</span> : null;
}
