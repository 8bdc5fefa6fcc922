// Browser mode's page without its token: on a Korean terminal's remembered language it is Korean;
// with none remembered (another port, a new browser) it says it in both, as the 421 page does.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

async function pageWith(remembered: string | null): Promise<string> {
  vi.stubGlobal('localStorage', { getItem: () => remembered, setItem: () => {} });
  const { pageLanguages } = await import('../../../renderer/i18n/i18n');
  const { NoTokenPage } = await import('../../../renderer/shell/NoTokenPage');
  return renderToStaticMarkup(createElement(NoTokenPage, { langs: pageLanguages }));
}

describe('the page opened without its token', () => {
  it('speaks the terminal’s remembered language', async () => {
    const html = await pageWith('ko');
    expect(html).toContain('이 페이지는 오더 데스크에 연결할 수 없습니다');
    expect(html).not.toContain('This page cannot reach Order Desk');
  });

  it('says it in English and Korean when no language is remembered', async () => {
    const html = await pageWith(null);
    expect(html.indexOf('This page cannot reach Order Desk')).toBeGreaterThan(-1);
    expect(html.indexOf('이 페이지는 오더 데스크에 연결할 수 없습니다')).toBeGreaterThan(
      html.indexOf('This page cannot reach Order Desk'),
    );
  });
});
