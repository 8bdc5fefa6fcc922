// What a supervisor's policies make of an order's flags, and the Kafka headers that say so.
// Pure. The strictest policy among the flagged checks wins: hold (nothing leaves until a
// supervisor decides) over route (leaves, but to the review topic) over warn (leaves with the
// `risk` header). A confirmed hold goes to the order topic: the supervisor has looked at it.
import { KAFKA_HEADER_NAMES } from '../../shared/order-schema';
import { riskHeaderValue, type RiskFlag } from '../../shared/risk-flags';
import type { RiskDecision, RiskOutcome, RiskPolicies, RiskPolicy } from '../../shared/risk-types';

const STRICTNESS: Record<RiskPolicy, number> = { warn: 0, route: 1, hold: 2 };

/** The policy for these flags, or null when there are none. */
export function policyFor(flags: readonly RiskFlag[], policies: RiskPolicies): RiskPolicy | null {
  let chosen: RiskPolicy | null = null;
  for (const f of flags) {
    const p = policies[f.code];
    if (chosen === null || STRICTNESS[p] > STRICTNESS[chosen]) chosen = p;
  }
  return chosen;
}

export function outcomeOf(policy: RiskPolicy): RiskOutcome {
  return policy === 'warn' ? 'sent' : policy === 'hold' ? 'held' : 'routed';
}

/** The headers a flagged order's message carries besides order-id, schema-version and terminal-id. */
export function riskHeaders(flags: readonly RiskFlag[], decision: RiskDecision | null = null): Record<string, string> {
  const headers: Record<string, string> = { [KAFKA_HEADER_NAMES.risk]: riskHeaderValue(flags) };
  if (decision) headers[KAFKA_HEADER_NAMES.riskDecision] = riskDecisionHeaderValue(decision);
  return headers;
}

/** `{"decision":"confirm","by":"Lee","at":"2026-…Z"}`: who decided, when, and what. */
export function riskDecisionHeaderValue(d: RiskDecision): string {
  return JSON.stringify({ decision: d.decision, by: d.by, at: d.at });
}
