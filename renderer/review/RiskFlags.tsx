// An order's risk flags as the clerk reads them: severity, the check's name (Review's search finds
// it) and the one-sentence reason with its numbers, in the clerk's language (shared/risk-flags.ts
// holds the names and the sentences).
import { RISK_CHECK_NAMES, riskReason, type RiskFlag } from '../../shared/risk-flags';
import { useT } from '../i18n/i18n';
import { formatMoney } from '../outbox/format';

export function RiskFlagList({ flags, testId }: { flags: readonly RiskFlag[]; testId?: string }) {
  const { t, lang } = useT();
  return (
    <ul className="risk-flags" data-testid={testId}>
      {flags.map((f, i) => (
        <li key={`${f.code}-${i}`} data-code={f.code} className={`risk-flag risk-${f.severity}`}>
          <span className={`badge ${f.severity === 'high' ? 'state-failed' : 'state-retrying'}`}>
            {t(`risk.severity.${f.severity}`)}
          </span>{' '}
          <strong className="risk-check">{RISK_CHECK_NAMES[f.code][lang]}</strong> — {riskReason(f, lang, formatMoney)}
        </li>
      ))}
    </ul>
  );
}
