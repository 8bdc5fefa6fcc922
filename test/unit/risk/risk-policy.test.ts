// Which policy an order's flags get, and the headers its message carries.
import { describe, expect, it } from 'vitest';
import { outcomeOf, policyFor, riskDecisionHeaderValue, riskHeaders } from '../../../electron/risk/risk-policy';
import type { RiskFlag } from '../../../shared/risk-flags';
import { DEFAULT_RISK_POLICIES } from '../../../shared/settings-schema';

const dup: RiskFlag = {
  code: 'duplicate',
  severity: 'warning',
  params: { customerId: 'C-1', minutesAgo: 2, terminalId: 'T-1', windowMinutes: 10 },
};
const big: RiskFlag = {
  code: 'amount-outlier',
  severity: 'high',
  params: { customerId: 'C-1', total: 900_000, median: 9_000, score: 40, basis: 'customer', n: 8, currency: 'KRW' },
};

describe('risk policies', () => {
  it('gives no policy to an order without flags, and warn to every check on a fresh install', () => {
    expect(policyFor([], DEFAULT_RISK_POLICIES)).toBeNull();
    expect(policyFor([dup, big], DEFAULT_RISK_POLICIES)).toBe('warn');
    expect(outcomeOf('warn')).toBe('sent');
  });

  it('picks the strictest policy among the flagged checks: hold over route over warn', () => {
    const p = { ...DEFAULT_RISK_POLICIES, duplicate: 'route' as const };
    expect(policyFor([dup, big], p)).toBe('route');
    expect(policyFor([big], p)).toBe('warn');
    expect(policyFor([dup, big], { ...p, 'amount-outlier': 'hold' })).toBe('hold');
    expect(outcomeOf('hold')).toBe('held');
    expect(outcomeOf('route')).toBe('routed');
  });

  it('puts the codes in the risk header once each, and the decision with who and when in risk-decision', () => {
    expect(riskHeaders([dup, big, dup])).toEqual({ risk: 'duplicate,amount-outlier' });
    const decision = { decision: 'confirm' as const, by: '이수진', at: '2026-12-02T09:00:00.000Z' };
    const h = riskHeaders([dup], decision);
    expect(h.risk).toBe('duplicate');
    expect(JSON.parse(h['risk-decision'])).toEqual(decision);
    expect(riskDecisionHeaderValue({ ...decision, decision: 'void' })).toContain('"void"');
  });
});
