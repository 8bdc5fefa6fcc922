// Korean receipts show the 10 % VAT included in a price: 공급가액 (supply value) and 부가세
// (VAT), which add up to the total exactly. The supply value is total / 1.1 rounded to the
// currency's smallest unit (won for KRW); the VAT is the rest, so the two always sum to the total.
import { currencyDecimals } from './order-schema';

export const VAT_RATE = 0.1;

export interface VatSplit {
  supply: number;
  vat: number;
}

/** In the currency's smallest unit: whole won and yen (the receipt shows them so), cents for USD. */
export function splitVatInclusive(total: number, currency: string): VatSplit {
  const unit = 10 ** currencyDecimals(currency);
  const totalUnits = Math.round(total * unit);
  const supplyUnits = Math.round(totalUnits / (1 + VAT_RATE));
  return { supply: supplyUnits / unit, vat: (totalUnits - supplyUnits) / unit };
}

/** Cash: what the customer gave minus the total, or null while the amount does not cover it. */
export function changeDue(total: number, tendered: number): number | null {
  if (!Number.isFinite(tendered)) return null;
  const cents = Math.round(tendered * 100) - Math.round(total * 100);
  return cents < 0 ? null : cents / 100;
}
