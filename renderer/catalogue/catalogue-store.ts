// The catalogue as the renderer holds it: loaded once from the services, looked up by SKU and
// barcode, and by quick-key slot (type-ahead is the order form's datalists of SKUs and names).
import { create } from 'zustand';
import { catalogueBySku, type Product } from '../../shared/counter-types';
import { api } from '../transport/api';

interface CatalogueState {
  products: Product[];
  bySku: Map<string, Product>;
  byBarcode: Map<string, Product>;
  load(): Promise<void>;
  set(products: Product[]): void;
}

function index(products: Product[]) {
  return {
    products,
    bySku: catalogueBySku(products),
    byBarcode: new Map(products.filter((p) => p.barcode).map((p) => [p.barcode!, p])),
  };
}

export const useCatalogue = create<CatalogueState>()((set) => ({
  ...index([]),
  async load() {
    const r = await api.catalogue.list();
    if (r.ok) set(index(r.value));
  },
  set: (products) => set(index(products)),
}));

/** The quick-key grid: products with a slot, by slot; when none has one, the first eight. */
export function quickKeys(products: readonly Product[], slots = 8): Array<Product | null> {
  const withSlot = products.filter((p) => p.quick !== null);
  const grid: Array<Product | null> = Array.from({ length: slots }, () => null);
  if (withSlot.length > 0) for (const p of withSlot) grid[p.quick! - 1] = p;
  else products.slice(0, slots).forEach((p, i) => (grid[i] = p));
  return grid;
}
