// The header's connection state on a page the server turned away: it said "Connecting…" for
// ever; it now says why, with a data-status of its own that testers wait for.
import { describe, expect, it } from 'vitest';
import { headerCounts, headerStatus, offlineBannerKey } from '../../../renderer/shell/header-status';
import { connectionReason } from '../../../shared/delivery-states';
import { appError, formatError } from '../../../shared/error-codes';
import { UI_STRINGS } from '../../../renderer/i18n/ui-strings';
import type { ConnectionState } from '../../../shared/outbox-types';

const connected = { status: 'connected', waiting: 2, attention: 0 } as ConnectionState;
const words = (status: string) => UI_STRINGS[`conn.${status}` as keyof typeof UI_STRINGS];

describe("the header's connection state", () => {
  it.each([
    ['a page without a valid token, before any state came', 'unauthorized', null, null, 'unauthorized'],
    ['a page without a valid token, with an old state', 'unauthorized', null, connected, 'unauthorized'],
    ['a page turned away (too many windows)', 'refused', null, null, 'refused'],
    ['a page still connecting', 'connecting', null, null, 'connecting'],
    ['a page that lost contact, with the state it last heard', 'closed', null, connected, 'connecting'],
    [
      'a page reconnecting, with the state it last heard',
      'connecting',
      { status: 'running', restarts: 0, error: null },
      connected,
      'connecting',
    ],
    ['a connected page', 'open', { status: 'running', restarts: 0, error: null }, connected, 'connected'],
    [
      'a page whose service process restarts',
      'open',
      { status: 'restarting', restarts: 1, error: null },
      connected,
      'stopped',
    ],
  ] as const)('%s: %s', (_n, transport, service, connection, status) => {
    expect(headerStatus(transport, service, connection)).toBe(status);
  });

  it('says a refused token is no longer valid, in English and Korean, and counts no orders then', () => {
    expect(words('unauthorized')).toEqual({ en: 'Link no longer valid', ko: '링크가 더 이상 유효하지 않음' });
    expect(words('refused')).toEqual({ en: 'Connection refused', ko: '연결 거부됨' });
    expect([
      headerCounts('unauthorized', 'unauthorized'),
      headerCounts('refused', 'refused'),
      headerCounts('stopped', 'open'),
    ]).toEqual([false, false, false]);
    expect(headerCounts('connected', 'open')).toBe(true);
  });

  it('counts no orders while the page reconnects (the counts it holds are from before), and counts them while the cluster is being reached', () => {
    expect(headerCounts(headerStatus('closed', null, connected), 'closed')).toBe(false);
    expect(headerCounts(headerStatus('connecting', null, connected), 'connecting')).toBe(false);
    const reaching = { status: 'connecting', waiting: 2, attention: 0 } as ConnectionState;
    expect(headerCounts(headerStatus('open', null, reaching), 'open')).toBe(true);
  });

  it('offline because the broker name does not resolve: the banner says orders wait for the address to be corrected, not for the server to come back', () => {
    const unknownHost = appError('kafka.unreachable', {
      brokers: 'kafka-does-not-exist.local:9092',
      host: 'kafka-does-not-exist.local',
      errno: 'ENOTFOUND',
    });
    const reason = connectionReason(unknownHost);
    expect(UI_STRINGS[offlineBannerKey(reason)].ko).toBe(
      '오프라인. 대기 중인 주문: {count}건. 계속 주문을 받으세요. 주문은 보관되며 브로커에 연결되는 대로 전송됩니다(설정에서 브로커 주소를 확인하세요).',
    );
    expect(formatError(reason!, 'ko')).toBe(
      '브로커 이름 kafka-does-not-exist.local을 찾을 수 없습니다 (ENOTFOUND). 설정에서 브로커 주소를 확인하세요.',
    );
    // A broker that is merely down: it is coming back.
    expect(offlineBannerKey(connectionReason(appError('kafka.unreachable', { brokers: '10.0.0.7:9092' })))).toBe(
      'conn.banner',
    );
  });
});
