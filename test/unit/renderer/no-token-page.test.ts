// Browser mode's page without its token: on a Korean terminal's remembered language it is Korean;
// with none remembered (another port, a new browser) it says it in both, as the 421 page does.
// So does the page turned away for too many windows, which said it in English alone, and the red
// banner over the page without its token, which said it in one language while the page said both.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { appError, type AppError } from '../../../shared/error-codes';
import type { ConnectionState } from '../../../shared/outbox-types';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

async function pageWith(remembered: string | null, refused?: AppError): Promise<string> {
  vi.stubGlobal('localStorage', { getItem: () => remembered, setItem: () => {} });
  const { pageLanguages } = await import('../../../renderer/i18n/i18n');
  const { NoTokenPage } = await import('../../../renderer/shell/NoTokenPage');
  return renderToStaticMarkup(createElement(NoTokenPage, { langs: pageLanguages, ...(refused ? { refused } : {}) }));
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

describe('the page the server turned away (too many windows open)', () => {
  const tooMany = appError('request.tooManyWindows', { max: 16 });
  it('says why in English and Korean when no language is remembered, as the page without its token', async () => {
    const html = await pageWith(null, tooMany);
    expect(html).toContain('data-testid="refused"');
    const en = html.indexOf('Order Desk already has 16 windows open');
    expect(en).toBeGreaterThan(-1);
    expect(html.indexOf('오더 데스크 창이 이미 최대 개수인 16개 열려 있습니다')).toBeGreaterThan(en);
  });

  it('speaks the remembered language alone', async () => {
    const html = await pageWith('ko', tooMany);
    expect(html).toContain('오더 데스크 창이 이미 최대 개수인 16개 열려 있습니다');
    expect(html).not.toContain('Order Desk already has');
  });
});

// The store as a page has it (the real one needs a browser's window): the banners' text.
async function bannersFor(remembered: string | null, store: Record<string, unknown>): Promise<string> {
  vi.stubGlobal('localStorage', { getItem: () => remembered, setItem: () => {} });
  const state = { transport: 'open', connection: null, loadError: null, service: null, ...store };
  vi.doMock('../../../renderer/store/app-store', () => ({
    useAppStore: (pick: (s: typeof state) => unknown) => pick(state),
    onTheirWay: (c: ConnectionState) => c.waiting - c.attention,
  }));
  vi.doMock('../../../renderer/transport/api', () => ({ api: {} }));
  onTestFinished(() => {
    vi.doUnmock('../../../renderer/store/app-store');
    vi.doUnmock('../../../renderer/transport/api');
  });
  const { Banners } = await import('../../../renderer/shell/Header');
  return renderToStaticMarkup(createElement(Banners)).replace(/<[^>]+>/g, '');
}

describe('the banner over the page without its token', () => {
  const bannerWith = (remembered: string | null) => bannersFor(remembered, { transport: 'unauthorized' });

  it('says it in English and Korean when no language is remembered, as the page does', async () => {
    expect(await bannerWith(null)).toBe('Wrong or missing access token · 접근 토큰이 없거나 올바르지 않습니다');
  });

  it('speaks the remembered language alone', async () => {
    expect(await bannerWith('ko')).toBe('접근 토큰이 없거나 올바르지 않습니다');
  });
});

describe('the offline banner while its count is stale', () => {
  const offline = {
    status: 'offline',
    waiting: 1,
    attention: 0,
    error: appError('kafka.unreachable', { brokers: '127.0.0.1:9092' }),
  } as ConnectionState;
  const restarting = { status: 'restarting', restarts: 1, error: null };

  it('is shown while the page hears from a running service', async () => {
    expect(await bannersFor(null, { connection: offline })).toContain('Offline. Orders waiting: 1.');
  });

  it('is not shown under "Order service stopped", nor while the page reconnects: the header counts nothing then', async () => {
    const stopped = await bannersFor(null, { connection: offline, service: restarting });
    expect(stopped).toContain('The order service stopped unexpectedly and is restarting.');
    expect(stopped).not.toContain('Orders waiting');
    expect(await bannersFor('ko', { connection: offline, service: restarting })).not.toContain('대기 중인 주문');
    expect(await bannersFor(null, { connection: offline, transport: 'connecting' })).not.toContain('Orders waiting');
  });
});
