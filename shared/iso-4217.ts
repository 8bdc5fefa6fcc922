// The currencies an order may be in, checked in rather than read from
// Intl.supportedValuesOf('currency'): that list is the runtime's own ICU data, and the page
// (Chromium's ICU) and the service process (Node's) carry different ones. Node 20.20 knew SLE,
// XCG and ZWG, Debian's Chromium 156 did not, so the form refused an order the service would
// have saved, and both still took HRK, withdrawn in 2023. One list, here, decides for both.
//
// ISO 4217 List One (current currencies) as of 2026-01-01, funds and units of account left out
// (ISO_4217_NOT_PAID_IN): currency-codes 2.2.0's copy of the list of 2024-06-25, then the
// amendments since as far as we know them (XCG added and ANG and CUC withdrawn in 2025, BGN
// withdrawn 2026-01-01 for Bulgaria's euro). Not checked against SIX's own list-one.xml, which
// these machines cannot download: check it there, and change the tables below with each
// amendment. Not from an npm package: currency-codes 2.2.0 (data of 2024-06-25: no XCG, still
// ANG and CUC) and currency-codes-ts 3.0.0 (2023-01-01) are behind the standard.

/** ISO 4217 List One's currencies of 2026-01-01, funds and units of account left out. */
// prettier-ignore
export const ISO_4217_CURRENCIES: readonly string[] = [
  'AED', 'AFN', 'ALL', 'AMD', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN', 'BAM', 'BBD', 'BDT', 'BHD', 'BIF',
  'BMD', 'BND', 'BOB', 'BRL', 'BSD', 'BTN', 'BWP', 'BYN', 'BZD', 'CAD', 'CDF', 'CHF', 'CLP', 'CNY',
  'COP', 'CRC', 'CUP', 'CVE', 'CZK', 'DJF', 'DKK', 'DOP', 'DZD', 'EGP', 'ERN', 'ETB', 'EUR', 'FJD',
  'FKP', 'GBP', 'GEL', 'GHS', 'GIP', 'GMD', 'GNF', 'GTQ', 'GYD', 'HKD', 'HNL', 'HTG', 'HUF', 'IDR',
  'ILS', 'INR', 'IQD', 'IRR', 'ISK', 'JMD', 'JOD', 'JPY', 'KES', 'KGS', 'KHR', 'KMF', 'KPW', 'KRW',
  'KWD', 'KYD', 'KZT', 'LAK', 'LBP', 'LKR', 'LRD', 'LSL', 'LYD', 'MAD', 'MDL', 'MGA', 'MKD', 'MMK',
  'MNT', 'MOP', 'MRU', 'MUR', 'MVR', 'MWK', 'MXN', 'MYR', 'MZN', 'NAD', 'NGN', 'NIO', 'NOK', 'NPR',
  'NZD', 'OMR', 'PAB', 'PEN', 'PGK', 'PHP', 'PKR', 'PLN', 'PYG', 'QAR', 'RON', 'RSD', 'RUB', 'RWF',
  'SAR', 'SBD', 'SCR', 'SDG', 'SEK', 'SGD', 'SHP', 'SLE', 'SOS', 'SRD', 'SSP', 'STN', 'SVC', 'SYP',
  'SZL', 'THB', 'TJS', 'TMT', 'TND', 'TOP', 'TRY', 'TTD', 'TWD', 'TZS', 'UAH', 'UGX', 'USD', 'UYU',
  'UZS', 'VED', 'VES', 'VND', 'VUV', 'WST', 'XAF', 'XCD', 'XCG', 'XOF', 'XPF', 'YER', 'ZAR', 'ZMW',
  'ZWG',
];

/**
 * List One's codes that are no money a customer pays in: the funds (BOV, CHE, CHW, CLF, COU, MXV,
 * USN, UYI, and UYW, an index unit), the units of account (XAD, XDR, XSU, XUA, the bond units
 * XBA–XBD), the metals (XAG, XAU, XPD, XPT), XTS (testing) and XXX (no currency). Intl took XDR
 * and XSU, so an order may carry them; the form says what they are instead of suggesting IDR.
 */
// prettier-ignore
export const ISO_4217_NOT_PAID_IN: readonly string[] = [
  'BOV', 'CHE', 'CHW', 'CLF', 'COU', 'MXV', 'USN', 'UYI', 'UYW', 'XAD', 'XAG', 'XAU', 'XBA', 'XBB',
  'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX',
];

/**
 * Codes ISO 4217 withdrew that an order may still carry, each with the code that replaced it: a
 * runtime's Intl took them, so orders were saved in them. Such an order still loads, is sent and
 * is read back (the stored schema takes any three capital letters); the form and Correct say
 * which code replaced it instead of calling it no currency.
 */
export const WITHDRAWN_CURRENCIES: Readonly<Record<string, string>> = {
  ANG: 'XCG',
  BGN: 'EUR',
  CUC: 'CUP',
  HRK: 'EUR',
  SLL: 'SLE',
  ZWL: 'ZWG',
};

/**
 * ISO 4217's minor units (List One's CcyMnrUnts) where they are not 2, for the codes above and the
 * withdrawn ones; every other code has 2, and so do the codes List One gives none ("N.A.": XDR,
 * the metals, XXX), as every price may. Checked in rather than read from Intl's
 * resolvedOptions().maximumFractionDigits: that is CLDR's display digits, not ISO's, and differs
 * between runtimes (RSD: 2 in Node 20.20's ICU, 0 in Debian's Chromium 156), so the form refused
 * an RSD price of 100.5 that the service took. CLDR also shows 0 where ISO has 2 (IDR, HUF, COP,
 * PKR, …) and 0 for IQD (ISO: 3); ISO's is the one used here. Less sure: MGA and MRU, whose real
 * subunit is a fifth, are 2 in List One as far as we know; ZWG (2024) and XCG (2025) are 2 in
 * their amendments. Check with the list as above.
 */
// prettier-ignore
export const ISO_4217_MINOR_UNITS_NOT_2: Readonly<Record<string, 0 | 3 | 4>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** A code's ISO 4217 minor units: how many decimals its amounts have (KRW 0, USD 2, KWD 3). */
export function iso4217MinorUnits(code: string): number {
  return Object.hasOwn(ISO_4217_MINOR_UNITS_NOT_2, code) ? ISO_4217_MINOR_UNITS_NOT_2[code] : 2;
}
