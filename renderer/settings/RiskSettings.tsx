// Settings → Risk checks: the policy per check (warn, hold, route) and the review topic, saved
// only with the supervisor PIN; and the PIN itself (the current one is needed to change it).
// Its own form: the rest of Settings saves without a PIN and never changes these.
import { useEffect, useState, type FormEvent } from 'react';
import type { AppError } from '../../shared/error-codes';
import { RISK_CODES } from '../../shared/risk-flags';
import { RISK_POLICIES, riskSetPinInputSchema, type RiskPolicies } from '../../shared/risk-types';
import { schemaProblem } from '../../shared/describe-issues';
import { useT } from '../i18n/i18n';
import { useAppStore } from '../store/app-store';
import { api } from '../transport/api';
import { busyButton, useOneAtATime } from '../shell/one-at-a-time';
import { fromLimitsForm, RiskLimitsFields, toLimitsForm, type LimitsForm } from './RiskLimitsFields';

export function RiskSettings() {
  const { t, err } = useT();
  const settings = useAppStore((s) => s.settings);
  const setSettings = useAppStore((s) => s.setSettings);
  const [policies, setPolicies] = useState<RiskPolicies | null>(settings?.risk.policies ?? null);
  const [reviewTopic, setReviewTopic] = useState(settings?.risk.reviewTopic ?? '');
  const [limits, setLimits] = useState<LimitsForm | null>(settings ? toLimitsForm(settings.risk.limits) : null);
  const [pin, setPin] = useState('');
  const [pinSet, setPinSet] = useState<boolean | null>(null);
  const [currentPin, setCurrentPin] = useState('');
  const [newPin, setNewPin] = useState('');
  const [status, setStatus] = useState<
    { ok: 'policies' | 'pin' } | { error: AppError; where: 'policies' | 'pin' } | null
  >(null);
  // Both forms check the PIN: one request at a time across them.
  const [busy, oneAtATime] = useOneAtATime();

  useEffect(() => {
    void api.risk.status().then((r) => r.ok && setPinSet(r.value.pinSet));
  }, []);
  useEffect(() => {
    if (settings && !policies) {
      setPolicies(settings.risk.policies);
      setReviewTopic(settings.risk.reviewTopic);
      setLimits(toLimitsForm(settings.risk.limits));
    }
  }, [settings, policies]);
  if (!policies || !limits) return null;

  const savePolicies = (e: FormEvent) => {
    e.preventDefault();
    void oneAtATime(async () => {
      const r = await api.risk.setPolicies({
        pin,
        policies,
        reviewTopic: reviewTopic.trim(),
        limits: fromLimitsForm(limits),
      });
      if (!r.ok) return setStatus({ error: r.error, where: 'policies' });
      setSettings(r.value);
      setPin('');
      setStatus({ ok: 'policies' });
    });
  };
  const savePin = (e: FormEvent) => {
    e.preventDefault();
    // Checked with the request's own rule first, as Settings' other fields are, in the screen's language.
    const refused = schemaProblem(riskSetPinInputSchema.shape.newPin, newPin);
    if (refused) return setStatus({ error: refused, where: 'pin' });
    void oneAtATime(async () => {
      const r = await api.risk.setPin({ currentPin: pinSet ? currentPin : null, newPin });
      if (!r.ok) return setStatus({ error: r.error, where: 'pin' });
      setPinSet(true);
      setCurrentPin('');
      setNewPin('');
      setStatus({ ok: 'pin' });
    });
  };
  const say = (where: 'policies' | 'pin') =>
    status && 'ok' in status && status.ok === where ? (
      <span className="ok">✓ {t(where === 'pin' ? 'settings.pinSaved' : 'settings.riskSaved')}</span>
    ) : status && 'error' in status && status.where === where ? (
      <span className="bad">{err(status.error)}</span>
    ) : null;

  return (
    <section className="card settings risk-settings" aria-labelledby="risk-settings-title">
      <h2 id="risk-settings-title">{t('settings.risk')}</h2>
      <p className="muted small">{t('settings.riskHint')}</p>
      <form onSubmit={savePolicies} noValidate>
        {RISK_CODES.map((code) => (
          <div className="field" key={code}>
            <label htmlFor={`risk-policy-${code}`}>{t(`settings.risk.${code}`)}</label>
            <select
              id={`risk-policy-${code}`}
              value={policies[code]}
              onChange={(e) => setPolicies({ ...policies, [code]: e.target.value as RiskPolicies[typeof code] })}
            >
              {RISK_POLICIES.map((p) => (
                <option key={p} value={p}>
                  {t(`settings.policy.${p}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
        <RiskLimitsFields form={limits} set={setLimits} />
        <div className="field">
          <label htmlFor="risk-review-topic">{t('settings.reviewTopic')}</label>
          <input
            id="risk-review-topic"
            value={reviewTopic}
            onChange={(e) => setReviewTopic(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="field">
          <label htmlFor="risk-policy-pin">{t('review.pin')}</label>
          <input
            id="risk-policy-pin"
            type="password"
            inputMode="numeric"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            autoComplete="off"
          />
        </div>
        <button type="submit" className="button primary" {...busyButton(busy)}>
          {t('settings.riskSave')}
        </button>
        <div className="risk-status" role="status" aria-live="polite">
          {say('policies')}
        </div>
      </form>
      <form onSubmit={savePin} noValidate>
        {/* Until the service answers, neither sentence is known to be true (it read "not set"). */}
        <p
          className="small"
          data-testid="pin-state"
          data-state={pinSet === null ? 'loading' : pinSet ? 'set' : 'unset'}
        >
          {pinSet === null ? '' : pinSet ? t('settings.pinIsSet') : t('settings.pinNotSet')}
        </p>
        {pinSet ? (
          <div className="field">
            <label htmlFor="risk-pin-current">{t('settings.pinCurrent')}</label>
            <input
              id="risk-pin-current"
              type="password"
              inputMode="numeric"
              value={currentPin}
              onChange={(e) => setCurrentPin(e.target.value)}
              autoComplete="off"
            />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="risk-pin-new">{t('settings.pinNew')}</label>
          <input
            id="risk-pin-new"
            type="password"
            inputMode="numeric"
            value={newPin}
            onChange={(e) => setNewPin(e.target.value)}
            autoComplete="new-password"
          />
        </div>
        <button type="submit" className="button secondary" {...busyButton(busy)}>
          {t('settings.pinSet')}
        </button>
        <div className="risk-status" role="status" aria-live="polite">
          {say('pin')}
        </div>
      </form>
    </section>
  );
}
