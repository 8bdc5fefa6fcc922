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
