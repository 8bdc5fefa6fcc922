// A file chooser that speaks the app's language: a button labelled by the app, with the browser's
// input hidden inside it. The browser's own input said "Choose File / No file chosen" in the
// browser's language on a Korean screen. Its value is emptied after each choice, so choosing the
// same file again (edited since) reads it again.
import type { ReactNode } from 'react';

export function FileButton(props: {
  label: ReactNode;
  accept: string;
  onFile(file: File | undefined): void;
  id?: string;
  testId?: string;
}) {
  return (
    <label className="button secondary file-button">
      {props.label}
      <input
        id={props.id}
        type="file"
        accept={props.accept}
        className="sr-only"
        data-testid={props.testId}
        onChange={(e) => {
          props.onFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </label>
  );
}
