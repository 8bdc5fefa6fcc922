// Settings → Risk checks → Limits: the windows and limits the checks use, typed as numbers (an
// empty box switches a limit off where it can be off). Saved with the policies, under the PIN.
import type { RiskLimits } from '../../shared/risk-types';
import { parseNumberText } from '../../shared/number-text';
import { useT } from '../i18n/i18n';

/** The limits as typed: every number a string, '' for "off". */
export type LimitsForm = Record<string, string>;

type PerWindow = 'customerMaxOrders' | 'customerMaxAmount' | 'terminalMaxOrders' | 'terminalMaxAmount';
const PER_WINDOW: PerWindow[] = ['customerMaxOrders', 'customerMaxAmount', 'terminalMaxOrders', 'terminalMaxAmount'];
const SINGLE = ['duplicateWindowMinutes', 'newCustomerLargeTotal', 'minHistory', 'minCustomerHistory'] as const;

const text = (v: number | null) => (v === null ? '' : String(v));

export function toLimitsForm(l: RiskLimits): LimitsForm {
  const f: LimitsForm = {
    window0: text(l.velocityWindowsHours[0]),
    window1: text(l.velocityWindowsHours[1]),
  };
  for (const k of SINGLE) f[k] = text(l[k]);
  for (const k of PER_WINDOW) [0, 1].forEach((w) => (f[`${k}${w}`] = text(l[k][w])));
  return f;
}

/** What the contract checks (riskLimitsSchema); a box that is not a number stays NaN and is refused there. */
export function fromLimitsForm(f: LimitsForm): RiskLimits {
  const num = (k: string) => (f[k].trim() === '' ? null : parseNumberText(f[k]));
  const pair = (k: PerWindow) => [num(`${k}0`), num(`${k}1`)] as [number | null, number | null];
  return {
    duplicateWindowMinutes: num('duplicateWindowMinutes') ?? Number.NaN,
    velocityWindowsHours: [num('window0') ?? Number.NaN, num('window1') ?? Number.NaN],
    customerMaxOrders: pair('customerMaxOrders'),
    customerMaxAmount: pair('customerMaxAmount'),
    terminalMaxOrders: pair('terminalMaxOrders'),
    terminalMaxAmount: pair('terminalMaxAmount'),
    minHistory: num('minHistory') ?? Number.NaN,
    minCustomerHistory: num('minCustomerHistory') ?? Number.NaN,
    newCustomerLargeTotal: num('newCustomerLargeTotal'),
  };
}

export function RiskLimitsFields({ form, set }: { form: LimitsForm; set(next: LimitsForm): void }) {
  const { t } = useT();
  const box = (k: string, label: string) => (
    <div className="field" key={k}>
      <label htmlFor={`risk-limit-${k}`}>{label}</label>
      <input
        id={`risk-limit-${k}`}
        inputMode="numeric"
        value={form[k]}
        onChange={(e) => set({ ...form, [k]: e.target.value })}
        onFocus={(e) => e.target.select()}
        autoComplete="off"
      />
    </div>
  );
  const hours = [form.window0 || '?', form.window1 || '?'];
  return (
    <fieldset className="section" data-testid="risk-limits">
      <legend>{t('settings.riskLimits')}</legend>
      <p className="muted small">{t('settings.riskLimitsHint')}</p>
      <div className="grid-3">
        {box('duplicateWindowMinutes', t('settings.limit.duplicateWindowMinutes'))}
        {box('window0', t('settings.limit.window', { n: 1 }))}
        {box('window1', t('settings.limit.window', { n: 2 }))}
        {PER_WINDOW.flatMap((k) => [0, 1].map((w) => box(`${k}${w}`, t(`settings.limit.${k}`, { hours: hours[w] }))))}
        {box('newCustomerLargeTotal', t('settings.limit.newCustomerLargeTotal'))}
        {box('minHistory', t('settings.limit.minHistory'))}
        {box('minCustomerHistory', t('settings.limit.minCustomerHistory'))}
      </div>
    </fieldset>
  );
}
