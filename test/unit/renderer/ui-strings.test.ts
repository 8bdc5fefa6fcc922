import { describe, expect, it } from 'vitest';
import { UI_STRINGS } from '../../../renderer/i18n/ui-strings';
import { ERROR_MESSAGES } from '../../../shared/error-codes';
import { DIAG_STRINGS } from '../../../renderer/diagnostics/diagnostics-strings';
import { CHECKLIST_TEXT } from '../../../shared/diagnostics-types';

const params = (s: string) => [...s.matchAll(/\{(\w+)(?:,[^}]*)?\}/g)].map((m) => m[1]).sort();

const FIELD_NOT_DETAIL: Partial<Record<string, string[]>> = {
  'request.invalid': ['field'],
  'settings.invalid': ['field', 'wanted'],
  'bench.invalid': ['field', 'wanted'],
};

describe('the clerk-facing words', () => {
  it.each([
    ['UI strings', UI_STRINGS],
    ['error messages', ERROR_MESSAGES],
  ] as const)('%s exist in English and Korean with the same parameters', (_n, table) => {
    for (const [key, { en, ko }] of Object.entries(table as Record<string, { en: string; ko: string }>)) {
      expect(en.trim(), key).not.toBe('');
      expect(ko.trim(), key).not.toBe('');
      // A refusal's detail is a check's English words: its Korean names the field instead, and
      // says what the field wants (sayWanted fills {wanted} in the reader's language).
      const koreanInstead = FIELD_NOT_DETAIL[key];
      if (koreanInstead) expect([params(en), params(ko)], key).toEqual([['detail'], koreanInstead]);
      else expect(params(ko), key).toEqual(params(en));
    }
  });

  it('names the quick keys one way in Korean, 빠른 키, as the catalogue editor and the order form’s status do', () => {
    // The F1 list and the empty-catalogue note said 빠른 선택, the status beside them 빠른 키 3(F4).
    for (const [key, { en, ko }] of Object.entries({ ...UI_STRINGS, ...ERROR_MESSAGES } as Record<
      string,
      { en: string; ko: string }
    >)) {
      if (/quick key/i.test(en)) expect(ko, key).toContain('빠른 키');
      expect(ko, key).not.toContain('빠른 선택');
    }
  });

  it('writes no particle placeholders such as 이(가) or 을(를): {word, josa(이/가)} picks the right one', () => {
    for (const [key, { ko }] of Object.entries({ ...UI_STRINGS, ...ERROR_MESSAGES, ...DIAG_STRINGS } as Record<
      string,
      { ko: string }
    >)) {
      expect(ko, key).not.toMatch(/[가-힣]\((가|이|를|을|는|은|과|와|으)\)/);
      expect(ko, key).not.toMatch(/\}(이|을|은)\(/);
    }
  });

  it('uses the labels issue 3 names for the order form', () => {
    const en = (k: keyof typeof UI_STRINGS) => UI_STRINGS[k].en;
    expect([
      en('form.customerName'),
      en('form.customerId'),
      en('form.phone'),
      en('form.sku'),
      en('form.product'),
      en('form.quantity'),
      en('form.unitPrice'),
      en('form.paymentMethod'),
      en('form.note'),
    ]).toEqual([
      'Customer name',
      'Customer ID',
      'Phone',
      'SKU',
      'Product',
      'Quantity',
      'Unit price',
      'Payment method',
      'Note',
    ]);
    expect([en('form.addLine'), en('form.submit'), en('form.repeat')]).toEqual([
      'Add line',
      'Submit order',
      'Repeat last order',
    ]);
  });

  it("names the supervisor's decision fields so that neither name holds the other, in English and Korean", () => {
    // The PIN's was "Supervisor PIN" (감독자 PIN): getByLabel('Supervisor') found both fields.
    for (const lang of ['en', 'ko'] as const) {
      const [name, pin] = [UI_STRINGS['review.supervisor'][lang], UI_STRINGS['review.decidePin'][lang]];
      expect(pin.toLowerCase(), lang).not.toContain(name.toLowerCase());
      expect(name.toLowerCase(), lang).not.toContain(pin.toLowerCase());
    }
  });
});

describe('a sentence about a count of things', () => {
  const tables = { ui: UI_STRINGS, errors: ERROR_MESSAGES, diag: DIAG_STRINGS } as Record<
    string,
    Record<string, { en: string; ko: string; one?: string }>
  >;

  it('has its singular English with the same parameters, counted by {count}', () => {
    const singular = Object.entries(tables).flatMap(([ns, table]) =>
      Object.entries(table).flatMap(([key, w]) => (w.one === undefined ? [] : [[`${ns}:${key}`, w] as const])),
    );
    expect(singular.length).toBeGreaterThan(0);
    for (const [key, { en, one }] of singular) {
      expect(params(one!), key).toEqual(params(en));
      expect(params(en), key).toContain('count');
    }
  });

  it('reads "1 product", "2 products" in English and the same words for any count in Korean', async () => {
    const { i18next } = await import('../../../renderer/i18n/i18n');
    await import('../../../renderer/diagnostics/diagnostics-strings');
    await i18next.changeLanguage('en');
    const t = i18next.getFixedT('en');
    expect(t('settings.catalogueImported', { ns: 'ui', count: 1 })).toBe('1 product imported');
    expect(t('settings.catalogueImported', { ns: 'ui', count: 2 })).toBe('2 products imported');
    expect(t('history.count', { ns: 'diag', count: 1 })).toBe('1 delivered order kept');
    expect(t('history.count', { ns: 'diag', count: 1234567 })).toBe('1,234,567 delivered orders kept');
    expect(t('topic.summary', { ns: 'diag', count: 1, under: 0, blocked: 0, offline: 0 })).toBe(
      '1 partition · 0 under-replicated · 0 writes blocked · 0 offline',
    );
    expect(t('bench.payloadLoaded', { ns: 'diag', count: 1, name: 'orders.jsonl' })).toBe(
      '1 payload from orders.jsonl',
    );
    const ko = i18next.getFixedT('ko');
    expect(ko('settings.catalogueImported', { ns: 'ui', count: 1 })).toBe('상품 1개를 가져왔습니다');
    expect(ko('history.count', { ns: 'diag', count: 1234567 })).toBe('전송 완료 주문 1,234,567건 보관 중');
  });
});

/**
 * The Latin words a Korean clerk or operator may read: Kafka's own names (settings, acks, the
 * tools), codes and abbreviations Korean screens write in Latin letters too (ID, PIN, TLS, CSV),
 * key names, brands, environment variables, units, and the catalogue file's English column names.
 * A word outside it is an untranslated leftover ("risk 헤더", "records/s", "Order Desk가").
 */
const KOREAN_SCREEN_LATIN = new Set(
  [
    'Kafka Kafka: ISR Describe DescribeConfigs acks acks= acks=0: acks=1 acks=all auto.create.topics.enable delete.topic.enable',
    'min.insync.replicas unclean.leader.election.enable retention.ms batch.size linger.ms false kafka-producer-perf-test',
    'kafka-topics.sh create topic partitions replication-factor order-id kafka-1:9092 compression.type=',
    'ID PIN QR TLS SASL PEM CA BEGIN IPv4 IPv6 CSV JSON UTF-8 CP949 EUC-KR KRW MB/s ms p50 p99',
    'Alt+1: Alt+T Alt+T: Alt+X Ctrl+Enter: Enter: Esc Esc: F F1: Windows',
    'KAFKA_BROKERS ORDER_DESK_SASL_PASSWORD ORDER_DESK_TLS_KEY_PASSPHRASE etc/kafka/ca.pem catalogue.csv ready',
    'sku name price barcode category quick',
  ]
    .join(' ')
    .split(' '),
);

describe('the Korean words', () => {
  const korean: Array<[string, string]> = [
    ...Object.entries({ ...UI_STRINGS, ...ERROR_MESSAGES, ...DIAG_STRINGS } as Record<string, { ko: string }>).map(
      ([key, w]): [string, string] => [key, w.ko],
    ),
    ...Object.entries(CHECKLIST_TEXT).flatMap(([id, c]): Array<[string, string]> => [
      [`${id}.title`, c.title.ko],
      [`${id}.why`, c.why.ko],
    ]),
  ];

  it('leave no English word untranslated, apart from Kafka’s names, codes, keys and brands', () => {
    const leftovers = korean.flatMap(([key, ko]) =>
      [...ko.replace(/\{[^}]*\}/g, '').matchAll(/[A-Za-z][A-Za-z0-9._=:/+-]*/g)]
        .map((m) => m[0])
        .filter((word) => !KOREAN_SCREEN_LATIN.has(word))
        .map((word) => `${key}: ${word}`),
    );
    expect(leftovers).toEqual([]);
  });

  it('never count a setting’s value in things ("min.insync.replicas 2개"): the setting takes its value as it is', () => {
    const counted = korean.filter(([, ko]) => /[a-z]+\.[a-z.]+ \{\w+\}개/.test(ko)).map(([key]) => key);
    expect(counted).toEqual([]);
  });
});

describe('the English words', () => {
  it('write an apostrophe as ’, as most of them do (F1 showed "Outbox\'s" beside "line’s")', () => {
    const tables = { ...UI_STRINGS, ...ERROR_MESSAGES, ...DIAG_STRINGS } as Record<
      string,
      { en: string; one?: string }
    >;
    const straight = Object.entries(tables)
      .filter(([, w]) => [w.en, w.one ?? ''].some((en) => /[A-Za-z]'[A-Za-z]/.test(en)))
      .map(([key]) => key);
    expect(straight).toEqual([]);
  });
});
