// The `risk` request group: plain async functions over the risk service, each answering with a Result.
import type { RequestHandlers } from '../../shared/contract';
import type { RiskService } from './risk-service';

export function createRiskHandlers(risk: RiskService): RequestHandlers['risk'] {
  return {
    async check(draft) {
      return { ok: true, value: risk.check(draft) };
    },
    async status() {
      return { ok: true, value: { pinSet: risk.pin.isSet(), history: risk.historyState(), held: risk.store.held } };
    },
    async review({ query, since }) {
      return { ok: true, value: risk.review(query, since) };
    },
    async decide(input) {
      return risk.decide(input);
    },
    async setPin({ currentPin, newPin }) {
      return risk.setPin(currentPin, newPin);
    },
    async setPolicies({ pin, policies, reviewTopic, limits }) {
      return risk.setPolicies(pin, policies, reviewTopic, limits);
    },
  };
}
