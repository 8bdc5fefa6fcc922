// A form field with its label beside it, not around it. Around a select or a number, the field's
// value became part of its accessible name ("acks 1", so a tester's getByLabel('acks', { exact:
// true }) found nothing), and so did a message under it ("Partitions Required").
import type { ReactNode } from 'react';

export function LabelledField(props: { id: string; label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className={props.className ? `field ${props.className}` : 'field'}>
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.children}
    </div>
  );
}
