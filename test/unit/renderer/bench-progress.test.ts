// The benchmark's progress read "2000 / 2000" (every other figure of the screen groups its digits)
// and its throughput chart's time axis said "3 s" on the Korean screen: "2,000 / 2,000" and "3초"
// now, each in the operator's language.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, onTestFinished } from 'vitest';
import { i18next } from '../../../renderer/i18n/i18n';
import { BenchProgressLine } from '../../../renderer/diagnostics/BenchPanel';

function progressHtml(): string {
  return renderToStaticMarkup(
    createElement(BenchProgressLine, {
      progress: {
        batchId: 'b1',
        label: 'acks=1',
        phase: 'measure',
        sent: 2000,
        acked: 2000,
        failed: 1500,
        total: 2000,
        line: null,
        window: null,
      },
    }),
  );
}

const textOf = (html: string) => html.replace(/<[^>]*>/g, '');

function progressText(): string {
  const html = progressHtml();
  const m = /<span>(.*)<\/span>/.exec(html);
  return m ? textOf(m[1]) : `(no progress in ${html})`;
}

/** What a screen reader reads out as it changes: the text of the line's live region. */
function announced(): string {
  const html = progressHtml();
  const m = /<(\w+)[^>]*role="status"[^>]*>(.*?)<\/\1>/.exec(html);
  return m ? textOf(m[2]) : `(no live region in ${html})`;
}

describe("the benchmark's progress and time axis", () => {
  it('group the digits and say seconds in English and in Korean', async () => {
    expect(progressText()).toBe('acks=1: measuring 2,000 / 2,000 acknowledged · 1,500 failed');
    expect(i18next.t('bench.seconds', { ns: 'diag', n: 1200 })).toBe('1,200\u00a0s');
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(progressText()).toBe('acks=1: 측정 중 2,000 / 2,000 확인됨 · 1,500건 실패');
    expect(i18next.t('bench.seconds', { ns: 'diag', n: 3 })).toBe('3초');
  });
});

// A screen reader read the whole line out at every progress event, twice a second for the whole
// run ("acks=all: measuring 2,032 / 20,000 acknowledged", "… 3,033 …"): only the run and its
// phase are announced, as they change; the figures stay on the line and in its progress bar.
describe("the benchmark's progress, to a screen reader", () => {
  it('announces the run and its phase, not each figure, in English and in Korean', async () => {
    expect(announced()).toBe('acks=1: measuring');
    await i18next.changeLanguage('ko');
    onTestFinished(() => void i18next.changeLanguage('en'));
    expect(announced()).toBe('acks=1: 측정 중');
  });
});
