// Settings → Security: TLS (the store's CA, a client certificate and key for mutual TLS, the
// server-name check) and SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512). The password and the key's
// passphrase are write-only: the window is told only whether each is set and where secrets are
// kept (the OS keychain, or memory in browser mode), and a typed value goes to secrets.set.
import type { ReactNode } from 'react';
import { SASL_MECHANISMS } from '../../shared/settings-schema';
import type { SecretName, SecretStatus } from '../../shared/secret-types';
import type { AppError } from '../../shared/error-codes';
import { useT } from '../i18n/i18n';
import type { SecretEdits, SettingsForm } from './settings-form';

const MECHANISM_LABEL = { plain: 'PLAIN', 'scram-sha-256': 'SCRAM-SHA-256', 'scram-sha-512': 'SCRAM-SHA-512' } as const;

export function SecurityFields(props: {
  form: SettingsForm;
  set<K extends keyof SettingsForm>(k: K, v: SettingsForm[K]): void;
  errors: Record<string, AppError>;
  secrets: SecretStatus | null;
  edits: SecretEdits;
  setEdits(e: SecretEdits): void;
  textField(key: 'tlsCaFile' | 'tlsCertFile' | 'tlsKeyFile' | 'saslUser', label: string, hint?: string): ReactNode;
}) {
  const { t, err } = useT();
  const { form, set, errors, secrets, edits, setEdits } = props;

  const secretField = (name: SecretName, label: string) => {
    const id = `settings-${name}`;
    const isSet = secrets?.set[name] ?? false;
    const removing = edits.remove[name];
    const state = removing
      ? t('settings.secretWillRemove')
      : secrets?.fromEnvironment[name]
        ? t('settings.secretFromEnv')
        : isSet
          ? t('settings.secretSet')
          : t('settings.secretNotSet');
    return (
      <div className={`field ${errors[name] ? 'has-error' : ''}`}>
        <div className="field-label">
          <label htmlFor={id}>{label}</label>
          <span className="field-hint" data-testid={`${name}-state`}>
            {state}
          </span>
        </div>
        <div className="row">
          <input
            id={id}
            type="password"
            value={edits.values[name]}
            placeholder={isSet && !removing ? '••••••••' : ''}
            onChange={(e) =>
              setEdits({
                values: { ...edits.values, [name]: e.target.value },
                remove: { ...edits.remove, [name]: false },
              })
            }
            aria-invalid={errors[name] ? true : undefined}
            aria-describedby={errors[name] ? `${id}-error` : undefined}
            autoComplete="new-password"
            spellCheck={false}
          />
          {isSet && !removing ? (
            <button
              type="button"
              className="button secondary"
              data-testid={`${name}-remove`}
              onClick={() =>
                setEdits({ values: { ...edits.values, [name]: '' }, remove: { ...edits.remove, [name]: true } })
              }
            >
              {t('settings.secretRemove')}
            </button>
          ) : null}
        </div>
        <div className="field-error" id={`${id}-error`}>
          {err(errors[name])}
        </div>
      </div>
    );
  };

  return (
    <fieldset className="section" data-testid="settings-security">
      <legend>{t('settings.security')}</legend>
      <p className="muted small" data-testid="secrets-storage">
        {secrets?.storage === 'memory' ? t('settings.secretsMemory') : t('settings.secretsKeychain')}
      </p>
      <label className="check">
        <input type="checkbox" checked={form.ssl} onChange={(e) => set('ssl', e.target.checked)} /> {t('settings.ssl')}
      </label>
      {form.ssl ? (
        <>
          {props.textField('tlsCaFile', t('settings.tlsCaFile'), t('settings.tlsCaFileHint'))}
          <div className="grid-2">
            {props.textField('tlsCertFile', t('settings.tlsCertFile'), t('settings.tlsCertHint'))}
            {props.textField('tlsKeyFile', t('settings.tlsKeyFile'))}
          </div>
          {form.tlsKeyFile.trim() ? secretField('tlsKeyPassphrase', t('settings.tlsKeyPassphrase')) : null}
          <label className="check">
            <input
              type="checkbox"
              checked={form.tlsCheckServerName}
              onChange={(e) => set('tlsCheckServerName', e.target.checked)}
            />{' '}
            {t('settings.tlsCheckServerName')}
          </label>
        </>
      ) : null}
      <div className="field narrow">
        <div className="field-label">
          <label htmlFor="settings-saslMechanism">{t('settings.saslMechanism')}</label>
        </div>
        <select
          id="settings-saslMechanism"
          value={form.saslMechanism}
          onChange={(e) => set('saslMechanism', e.target.value as SettingsForm['saslMechanism'])}
        >
          <option value="none">{t('settings.saslNone')}</option>
          {SASL_MECHANISMS.map((m) => (
            <option key={m} value={m}>
              {MECHANISM_LABEL[m]}
            </option>
          ))}
        </select>
      </div>
      {form.saslMechanism !== 'none' ? (
        <div className="grid-2">
          {props.textField('saslUser', t('settings.saslUser'))}
          {secretField('saslPassword', t('settings.saslPassword'))}
        </div>
      ) : null}
    </fieldset>
  );
}
