// F1 (or ? outside a text field) shows every shortcut from shortcuts.ts. A native <dialog>:
// modal, Esc closes it, focus returns where it was.
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/i18n';
import { SHORTCUTS } from './shortcuts';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">{t('keys.title')}</h2>
      <table className="table shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.does}>
              <th scope="row">
                <kbd>{typeof s.keys === 'string' ? s.keys : t(s.keys.word)}</kbd>
              </th>
              <td>{t(s.does)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-foot">
        <button type="button" className="button primary" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
