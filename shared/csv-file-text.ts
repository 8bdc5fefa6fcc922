// A catalogue CSV's bytes as text, in the encodings a store's files come in: UTF-8 (with or
// without its BOM), UTF-16 with its BOM (Excel's "Unicode text"), and, when the bytes are not
// UTF-8, Korean Windows' code page 949, which Excel in Korea writes for "CSV (comma delimited)".
// Read as UTF-8, such a file's product names became replacement characters. Used by the
// Settings import (the page) and by the data directory's catalogue.csv (the services).
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'cp949';

/**
 * The text and how it was read, or null when the bytes are text in none of those encodings.
 * `cp949` decodes CP949 with U+FFFD for what is not: the page's WHATWG "euc-kr" decoder is
 * CP949; Node's (ICU) lacks the 8,822 syllables of CP949's extension, so the services pass
 * iconv-lite's.
 */
export function csvFileText(
  bytes: Uint8Array,
  cp949: (bytes: Uint8Array) => string,
): { text: string; encoding: CsvEncoding } | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    // The BOM is left in for the parser, which drops it.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const text = cp949(bytes);
    // Not CP949 either (a spreadsheet's own format, an image): its bytes became U+FFFD.
    return text.includes('\uFFFD') ? null : { text, encoding: 'cp949' };
  }
}
