// How much of a text field's limit is used ("12/200자"), beside its label: the void's reason and
// the order's Note. Counted as the schemas count, so a note the order refuses as too long reads
// over its limit here too.
import { textLength } from '../../shared/order-schema';
import { useT } from '../i18n/i18n';

export function LengthCount({ id, text, max }: { id: string; text: string; max: number }) {
  const { t } = useT();
  return (
    <span className="muted small" id={id}>
      {t('field.count', { n: textLength(text), max })}
    </span>
  );
}
