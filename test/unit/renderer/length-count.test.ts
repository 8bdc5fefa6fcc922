// A text field's length against its limit, as the void reason shows it ("12/200자"): the order's
// Note shows it too, so a clerk told "너무 깁니다: 최대 500자" sees how far over the note is.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { i18next } from '../../../renderer/i18n/i18n';
import { TextField } from '../../../renderer/order-form/fields';
import { ORDER_LIMITS } from '../../../shared/order-schema';

afterEach(() => i18next.changeLanguage('en'));

const note = (value: string) =>
  renderToStaticMarkup(
    createElement(TextField, {
      path: 'note',
      label: 'Note',
      value,
      onValue: () => {},
      error: null,
      countMax: ORDER_LIMITS.noteMax,
    }),
  );

describe("the order's Note shows its length against its limit", () => {
  it('in English and Korean, counted as the order checks it (trimmed), and tied to the field', async () => {
    const long = ` ${'가'.repeat(612)} `;
    expect(note(long)).toContain('>612 of at most 500<');
    await i18next.changeLanguage('ko');
    expect(note(long)).toContain('>612/500자<');
    expect(note('')).toContain('>0/500자<');
    const html = note('abc');
    const countId = /id="([^"]+)"[^>]*>3\/500자</.exec(html)?.[1];
    expect(countId).toBeTruthy();
    expect(/<input[^>]*aria-describedby="([^"]+)"/.exec(html)?.[1].split(' ')).toContain(countId);
  });
});
