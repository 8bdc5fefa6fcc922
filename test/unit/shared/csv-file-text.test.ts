// A catalogue file's bytes read as the encodings a Korean store's files come in.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { csvFileText } from '../../../shared/csv-file-text';

const CSV = '상품코드,상품명,가격\nTEA-1,보리차,"2,500원"\nTEA-2,똠얌꿍 티,3000\n';
// The services' CP949 decoder (the page passes its own, WHATWG's "euc-kr").
const cp949 = (b: Uint8Array) => iconv.decode(Buffer.from(b), 'cp949');
const read = (b: Uint8Array) => csvFileText(b, cp949);
const utf16 = (text: string, le: boolean) => {
  const b = Buffer.from('\uFEFF' + text, 'utf16le');
  if (!le) b.swap16();
  return new Uint8Array(b);
};

describe('a catalogue CSV file read as text', () => {
  it('UTF-8, with or without its BOM (the parser drops the BOM)', () => {
    expect(read(new Uint8Array(Buffer.from(CSV)))).toEqual({ text: CSV, encoding: 'utf-8' });
    expect(read(new Uint8Array(Buffer.from('\uFEFF' + CSV)))).toEqual({
      text: '\uFEFF' + CSV,
      encoding: 'utf-8',
    });
  });

  it("Korean Excel's CSV (CP949), with its extension's syllables (똠, 꿍: not in EUC-KR)", () => {
    expect(read(new Uint8Array(iconv.encode(CSV, 'cp949')))).toEqual({ text: CSV, encoding: 'cp949' });
  });

  it('UTF-16 with its BOM, either byte order', () => {
    expect(read(utf16(CSV, true))).toEqual({ text: CSV, encoding: 'utf-16le' });
    expect(read(utf16(CSV, false))).toEqual({ text: CSV, encoding: 'utf-16be' });
  });

  it('bytes that are text in none of them (a spreadsheet file, an image) are refused', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0xff, 0xff, 0x80, 0x00]);
    expect(read(zip)).toBeNull();
  });
});
