// The catalogue as the renderer holds it: loaded once from the services, looked up by SKU,
// barcode and name (type-ahead), and by quick-key slot.
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

/** Products whose SKU or name starts with (or, for names, contains) what was typed; SKU matches first. */
export function suggest(products: readonly Product[], typed: string, limit = 6): Product[] {
  const q = typed.trim().toLowerCase();
  if (q === '') return [];
  const score = (p: Product) => {
    const sku = p.sku.toLowerCase();
    const name = p.name.toLowerCase();
    if (sku === q) return 0;
    if (sku.startsWith(q)) return 1;
    if (name.startsWith(q)) return 2;
    if (name.includes(q)) return 3;
    return -1;
  };
  return products
    .map((p) => ({ p, s: score(p) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => a.s - b.s || a.p.sku.localeCompare(b.p.sku))
    .slice(0, limit)
    .map((x) => x.p);
}

/** The quick-key grid: products with a slot, by slot; when none has one, the first eight. */
export function quickKeys(products: readonly Product[], slots = 8): Array<Product | null> {
  const withSlot = products.filter((p) => p.quick !== null);
  const grid: Array<Product | null> = Array.from({ length: slots }, () => null);
  if (withSlot.length > 0) for (const p of withSlot) grid[p.quick! - 1] = p;
  else products.slice(0, slots).forEach((p, i) => (grid[i] = p));
  return grid;
}
