// The risk checks' flags: codes, severities and the one-sentence reason each gives the clerk,
// in English and Korean, with the numbers behind it. A flag crosses the bridge and goes into
// the `risk` Kafka header as its code; its reason is rendered where it is shown, in the
// clerk's language. Sentences are written so no Korean particle depends on a value.
import type { Lang } from './error-codes';

export const RISK_CODES = [
  'duplicate',
  'velocity',
  'amount-outlier',
  'quantity-outlier',
  'new-customer-large',
] as const;
export type RiskCode = (typeof RISK_CODES)[number];

/**
 * Each check's name, as Settings (its policy) and each flag (on the order form and Review) show
 * it: Review's search finds a flag by it, in either language, as well as by its code.
 */
export const RISK_CHECK_NAMES: Record<RiskCode, { en: string; ko: string }> = {
  duplicate: { en: 'Duplicate order', ko: '중복 주문' },
  velocity: { en: 'Too many or too much in a window', ko: '짧은 시간 내 과다 주문' },
  'amount-outlier': { en: 'Unusual total', ko: '평소와 다른 합계' },
  'quantity-outlier': { en: 'Unusual quantity', ko: '평소와 다른 수량' },
  'new-customer-large': { en: 'New customer, large total', ko: '새 고객의 큰 주문' },
};
export type RiskSeverity = 'warning' | 'high';

export type RiskFlag =
  | {
      code: 'duplicate';
      severity: RiskSeverity;
      params: { customerId: string; minutesAgo: number; terminalId: string; windowMinutes: number };
    }
  | {
      code: 'velocity';
      severity: RiskSeverity;
      params: {
        scope: 'customer' | 'terminal';
        id: string;
        measure: 'orders' | 'amount';
        value: number;
        limit: number;
        windowHours: number;
        currency: string;
      };
    }
  | {
      code: 'amount-outlier';
      severity: RiskSeverity;
      params: {
        customerId: string;
        total: number;
        median: number;
        score: number;
        basis: 'customer' | 'store';
        n: number;
        currency: string;
      };
    }
  | {
      code: 'quantity-outlier';
      severity: RiskSeverity;
      params:
        | { sku: string; quantity: number; median: number; score: number; n: number }
        | { sku: string; quantity: number; cap: number };
    }
  | {
      code: 'new-customer-large';
      severity: RiskSeverity;
      params: { customerId: string; total: number; limit: number; currency: string };
    };

export type MoneyFormat = (amount: number, currency: string, lang: Lang) => string;

const one = (x: number) => (Math.round(x * 10) / 10).toString();

/** The clerk's sentence for a flag, with its numbers. */
export function riskReason(flag: RiskFlag, lang: Lang, money: MoneyFormat): string {
  const ko = lang === 'ko';
  switch (flag.code) {
    case 'duplicate': {
      const p = flag.params;
      return ko
        ? `고객 ${p.customerId}: 같은 품목과 같은 금액의 주문이 ${p.minutesAgo}분 전에 있었습니다 (단말기 ${p.terminalId}, 기준 ${p.windowMinutes}분)`
        : `Customer ${p.customerId} placed an order with the same lines and total ${p.minutesAgo} min ago (terminal ${p.terminalId}; window ${p.windowMinutes} min)`;
    }
    case 'velocity': {
      const p = flag.params;
      const who = ko
        ? p.scope === 'customer'
          ? `고객 ${p.id}`
          : `단말기 ${p.id}`
        : p.scope === 'customer'
          ? `customer ${p.id}`
          : `terminal ${p.id}`;
      if (p.measure === 'orders')
        return ko
          ? `${who}: 최근 ${p.windowHours}시간 주문 ${p.value}건 (이 주문 포함), 한도 ${p.limit}건`
          : `${p.value} orders from ${who} in the last ${p.windowHours} h (this one included); the limit is ${p.limit}`;
      return ko
        ? `${who}: 최근 ${p.windowHours}시간 주문 금액 ${money(p.value, p.currency, lang)} (이 주문 포함), 한도 ${money(p.limit, p.currency, lang)}`
        : `${money(p.value, p.currency, lang)} ordered by ${who} in the last ${p.windowHours} h (this one included); the limit is ${money(p.limit, p.currency, lang)}`;
    }
    case 'amount-outlier': {
      const p = flag.params;
      const basis = ko
        ? p.basis === 'customer'
          ? `고객 ${p.customerId}의 주문 ${p.n}건`
          : `매장 주문 ${p.n}건`
        : p.basis === 'customer'
          ? `${p.customerId}'s ${p.n} orders`
          : `the store's ${p.n} orders`;
      return ko
        ? `합계 ${money(p.total, p.currency, lang)}: 평소(${basis}의 중앙값 ${money(p.median, p.currency, lang)})와 크게 다릅니다 (점수 ${one(p.score)}, 기준 3.5)`
        : `Total ${money(p.total, p.currency, lang)} is far from the usual ${money(p.median, p.currency, lang)} (median of ${basis}; score ${one(p.score)}, flagged beyond 3.5)`;
    }
    case 'quantity-outlier': {
      const p = flag.params;
      if ('cap' in p)
        return ko
          ? `품목 ${p.sku}: 수량 ${p.quantity}개가 상한 ${p.cap}개를 넘습니다`
          : `Quantity ${p.quantity} of ${p.sku} is above its cap of ${p.cap}`;
      return ko
        ? `품목 ${p.sku}: 수량 ${p.quantity}개가 평소(주문 ${p.n}건의 중앙값 ${one(p.median)}개)와 크게 다릅니다 (점수 ${one(p.score)}, 기준 3.5)`
        : `Quantity ${p.quantity} of ${p.sku} is far from the usual ${one(p.median)} (median of ${p.n} orders; score ${one(p.score)}, flagged beyond 3.5)`;
    }
    case 'new-customer-large': {
      const p = flag.params;
      return ko
        ? `새 고객 ${p.customerId}의 첫 주문입니다. 합계 ${money(p.total, p.currency, lang)} (기준 ${money(p.limit, p.currency, lang)} 초과)`
        : `First order from new customer ${p.customerId}, and its total ${money(p.total, p.currency, lang)} is above ${money(p.limit, p.currency, lang)}`;
    }
  }
}

/** The `risk` header's value: the flags' codes, comma-separated, each once. */
export function riskHeaderValue(flags: readonly RiskFlag[]): string {
  return [...new Set(flags.map((f) => f.code))].join(',');
}
