// The quick-key grid: the store's top items (the catalogue's `quick` column, else its first
// eight), one press each, by mouse/touch or F2–F9. Hidden while the catalogue is empty, with a
// hint where to import one.
import type { Product } from '../../shared/counter-types';
import { useT } from '../i18n/i18n';

export function QuickKeys({
  grid,
  onPick,
  money,
}: {
  grid: Array<Product | null>;
  onPick(p: Product): void;
  money(n: number): string;
}) {
  const { t } = useT();
  if (grid.every((p) => p === null)) return <p className="muted small">{t('quick.none')}</p>;
  return (
    <section className="quick-keys" aria-label={t('quick.title')}>
      {grid.map((p, i) =>
        p ? (
          <button
            key={p.sku}
            type="button"
            className="quick-key"
            onClick={() => onPick(p)}
            title={`F${i + 2}: ${p.name}`}
            aria-keyshortcuts={`F${i + 2}`}
          >
            <kbd>F{i + 2}</kbd>
            <span className="quick-name truncate">{p.name}</span>
            <span className="quick-price">{money(p.price)}</span>
          </button>
        ) : (
          <span key={`empty-${i}`} className="quick-key empty" aria-hidden />
        ),
      )}
    </section>
  );
}
