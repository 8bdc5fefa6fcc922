// Edits the terminal's settings. Main saves them under the data dir and reconnects when the
// brokers change; a saved language applies at once, with no restart. Edits not yet saved are reported to the
// store (settingsDirty), so leaving the screen or the page asks first. Every error is an error
// code said in the operator's language, with its limit. The catalogue is imported here too.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { UI_SCALES, type Settings } from '../../shared/settings-schema';
import { SECRET_NAMES, type SecretStatus } from '../../shared/secret-types';
import {
  checkedForm,
  hasSecretEdits,
  NO_SECRET_EDITS,
  toForm,
  type SecretEdits,
  type SettingsForm,
} from './settings-form';
import { SecurityFields } from './SecurityFields';
import { CatalogueEditor } from '../catalogue/CatalogueEditor';
import { catalogueImportHint } from '../catalogue/import-hint';
import { catalogueProblemsLead, catalogueProblemText } from '../catalogue/import-problem';
import { appError, type AppError } from '../../shared/error-codes';
import { CATALOGUE_LIMITS, csvTooLarge, type CatalogueImportResult } from '../../shared/counter-types';
import { useCatalogue } from '../catalogue/catalogue-store';
import { csvFileText, type CsvEncoding } from '../../shared/csv-file-text';
import { useT } from '../i18n/i18n';
import { api } from '../transport/api';
import { onTheirWay, setPasswordOnItsWay, useAppStore } from '../store/app-store';
import { busyButton, useOneAtATime } from '../shell/one-at-a-time';
import { FileButton } from '../shell/FileButton';
import { storeOrdersMove } from './store-orders-move';

type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; passwordCleared?: boolean }
  | { kind: 'error'; error: AppError };

export function SettingsScreen() {
  const { t, err } = useT();
  const settings = useAppStore((s) => s.settings);
  const info = useAppStore((s) => s.info);
  const fromEnvironment = info?.brokersFromEnvironment === true;
  const setSettings = useAppStore((s) => s.setSettings);
  const connection = useAppStore((s) => s.connection);
  // Orders on their way are sent with the settings in force: asked before they go somewhere else.
  // `inDoubt`: of those, the ones sent with no answer yet, which stay set aside (outbox sentElsewhere).
  // `cancellations`: the voids' cancellations on their way that go there too (the service's count);
  // `cancellationsBehind`: those that stay for the brokers and topic their orders went to.
  const [switching, setSwitching] = useState<{
    count: number;
    inDoubt: number;
    cancellations: number;
    cancellationsBehind: number;
    topic: string;
  } | null>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const [form, setForm] = useState<SettingsForm | null>(settings ? toForm(settings) : null);
  const [errors, setErrors] = useState<Record<string, AppError>>({});
  // A Save refused at a field takes the cursor there, where its words are read with the field's
  // name; it stayed on Save settings, and nothing was announced.
  const focusFirstError = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!focusFirstError.current) return;
    focusFirstError.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [secrets, setSecrets] = useState<SecretStatus | null>(null);
  const [edits, setEdits] = useState<SecretEdits>(NO_SECRET_EDITS);
  // One save at a time, and the focus back on Save settings after it (shell/one-at-a-time.ts).
  const [busy, oneAtATime] = useOneAtATime();
  const dirty = Boolean(
    settings && form && (JSON.stringify(toForm(settings)) !== JSON.stringify(form) || hasSecretEdits(edits)),
  );

  // The newest form and secret edits, for a save that answers after the operator changed more
  // (a reconnect to new brokers can take seconds): those changes stay, unsaved.
  const latest = useRef({ form, edits });
  latest.current = { form, edits };

  useEffect(() => {
    void api.secrets.status().then((r) => r.ok && setSecrets(r.value));
  }, []);

  useEffect(() => {
    if (settings && !form) setForm(toForm(settings));
  }, [settings, form]);
  // Settings saved in another window (settings.changed): a form still showing the ones it was
  // made from shows the new ones, rather than offering to save the old ones back over them; a
  // form with edits keeps them.
  const shownFrom = useRef(settings);
  useEffect(() => {
    const before = shownFrom.current;
    shownFrom.current = settings;
    if (!settings || !before || before === settings) return;
    setForm((f) => (f && JSON.stringify(f) === JSON.stringify(toForm(before)) ? toForm(settings) : f));
  }, [settings]);
  useEffect(() => {
    useAppStore.setState({ settingsDirty: dirty });
  }, [dirty]);
  useEffect(() => () => useAppStore.setState({ settingsDirty: false }), []);
  if (!form) return <p className="muted">{t('common.loading')}</p>;

  const set = <K extends keyof SettingsForm>(k: K, v: SettingsForm[K]) => setForm({ ...form, [k]: v });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void oneAtATime(() => save(false));
  };
  const stayWithTarget = () => {
    setSwitching(null);
    saveRef.current?.focus();
  };
  const save = async (sendThere: boolean) => {
    setSwitching(null);
    const parsed = checkedForm(form, settings?.risk);
    if (!parsed.ok) {
      focusFirstError.current = true;
      setErrors(parsed.errors);
      setStatus({ kind: 'idle' });
      return;
    }
    setErrors({});
    const waiting = connection ? onTheirWay(connection) : 0;
    // Cancellations waiting move too, or stay for their orders' cluster and topic: with none of
    // them said, the operator did not know where the voids would be announced, or that some wait.
    const cancellations = connection?.cancellations ?? 0;
    const move =
      !sendThere && waiting + cancellations > 0 && settings
        ? storeOrdersMove(settings, parsed.settings, fromEnvironment)
        : null;
    const elsewhere = move ? await api.orders.sentElsewhere(move) : null;
    if (move && elsewhere) {
      const inDoubt = elsewhere.ok ? Math.min(elsewhere.value.count, waiting) : 0;
      // Unanswered, every one waiting is said to go: more said than goes, never less.
      const there = elsewhere.ok ? elsewhere.value.cancellations : cancellations;
      const behind = elsewhere.ok ? elsewhere.value.cancellationsBehind : 0;
      if (waiting + there + behind > 0) {
        setStatus({ kind: 'idle' });
        return setSwitching({
          count: waiting - inDoubt,
          inDoubt,
          cancellations: there,
          cancellationsBehind: behind,
          topic: move.topic,
        });
      }
    }
    setStatus({ kind: 'saving' });
    const sent = { form, edits };
    const hadPassword = secrets?.set.saslPassword ?? false;
    // Settings first, then the secrets typed with them: a save that sends the password elsewhere
    // (other brokers, TLS, user) clears it (electron/secrets/password-destination.ts), and a
    // password typed for the new place must come after that. The reconnect in between lasts
    // until the password arrives, which reconnects again.
    const passwordSent = !edits.remove.saslPassword && Boolean(edits.values.saslPassword);
    setPasswordOnItsWay(passwordSent && parsed.settings.sasl !== null);
    try {
      await saveThen(sent, hadPassword, parsed.settings);
    } finally {
      setPasswordOnItsWay(false);
    }
  };
  const saveThen = async (sent: { form: SettingsForm; edits: SecretEdits }, hadPassword: boolean, next: Settings) => {
    const r = await api.settings.save(next);
    if (!r.ok) return setStatus({ kind: 'error', error: r.error });
    setSettings(r.value);
    if (latest.current.form === sent.form) setForm(toForm(r.value));
    for (const name of SECRET_NAMES) {
      const value = edits.remove[name] ? null : edits.values[name] || undefined;
      if (value === undefined) continue;
      const s = await api.secrets.set({ name, value });
      if (!s.ok) {
        setErrors({ [name]: s.error });
        return setStatus({ kind: 'error', error: s.error });
      }
    }
    if (latest.current.edits === sent.edits) setEdits(NO_SECRET_EDITS);
    const now = await api.secrets.status();
    if (now.ok) setSecrets(now.value);
    const cleared = hadPassword && now.ok && !now.value.set.saslPassword && !edits.remove.saslPassword;
    setStatus({ kind: 'saved', passwordCleared: cleared });
    // Whether the app now runs on the sandbox may have changed with the brokers.
    const info = await api.app.info();
    if (info.ok) useAppStore.setState({ info: info.value });
  };

  const text = (
    key: Exclude<
      keyof SettingsForm,
      'language' | 'ssl' | 'brokers' | 'uiScale' | 'tlsCheckServerName' | 'saslMechanism'
    >,
    label: string,
    type = 'text',
    hint?: string,
  ) => (
    <div className={`field ${errors[key] ? 'has-error' : ''}`} key={key}>
      <div className="field-label">
        <label htmlFor={`settings-${key}`}>{label}</label>
        {hint ? <span className="field-hint">{hint}</span> : null}
      </div>
      <input
        id={`settings-${key}`}
        type={type}
        value={form[key]}
        onChange={(e) => set(key, e.target.value)}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `settings-${key}-error` : undefined}
        autoComplete="off"
        spellCheck={false}
      />
      <div className="field-error" id={`settings-${key}-error`}>
        {err(errors[key])}
      </div>
    </div>
  );

  return (
    <form ref={formRef} className="card settings" onSubmit={submit} noValidate aria-labelledby="settings-title">
      <div className="card-head">
        <h1 id="settings-title">{t('settings.title')}</h1>
        {dirty ? (
          <span className="badge state-retrying" data-testid="settings-dirty">
            {t('settings.unsavedBadge')}
          </span>
        ) : null}
      </div>
      <fieldset className="section">
        <legend>{t('settings.connection')}</legend>
        <div className={`field ${errors.brokers ? 'has-error' : ''}`}>
          <div className="field-label">
            <label htmlFor="settings-brokers">{t('settings.brokers')}</label>
            <span className="field-hint" id="settings-brokers-hint">
              {t(fromEnvironment ? 'settings.brokersFromEnvironment' : 'settings.brokersHint')}
            </span>
          </div>
          <textarea
            id="settings-brokers"
            rows={3}
            value={form.brokers}
            onChange={(e) => set('brokers', e.target.value)}
            placeholder="10.0.0.11:9092"
            spellCheck={false}
            readOnly={fromEnvironment}
            aria-invalid={errors.brokers ? true : undefined}
            aria-describedby={errors.brokers ? 'settings-brokers-error' : 'settings-brokers-hint'}
          />
          <div className="field-error" id="settings-brokers-error">
            {err(errors.brokers)}
          </div>
        </div>
        <div className="grid-2">
          {text('topic', t('settings.topic'))}
          {text('clientId', t('settings.clientId'))}
        </div>
      </fieldset>
      <SecurityFields
        form={form}
        set={set}
        errors={errors}
        secrets={secrets}
        edits={edits}
        setEdits={setEdits}
        textField={(key, label, hint) => text(key, label, 'text', hint)}
      />
      <fieldset className="section">
        <legend>{t('settings.terminal')}</legend>
        <div className="grid-3">
          {text('storeId', t('settings.storeId'))}
          {text('terminalId', t('settings.terminalId'))}
          {text('clerk', t('settings.clerk'))}
        </div>
        <div className="narrow">{text('historyRetentionDays', t('settings.historyRetentionDays'), 'number')}</div>
        <div className="field narrow">
          <div className="field-label">
            <label htmlFor="settings-language">{t('settings.language')}</label>
          </div>
          <select
            id="settings-language"
            value={form.language}
            onChange={(e) => set('language', e.target.value as Settings['language'])}
          >
            <option value="en">English</option>
            <option value="ko">한국어</option>
          </select>
        </div>
      </fieldset>
      <fieldset className="section">
        <legend>{t('settings.display')}</legend>
        <div className="field narrow">
          <div className="field-label">
            <label htmlFor="settings-uiScale">{t('settings.scale')}</label>
          </div>
          <select
            id="settings-uiScale"
            value={form.uiScale}
            onChange={(e) => set('uiScale', Number(e.target.value) as Settings['uiScale'])}
          >
            {UI_SCALES.map((s) => (
              <option key={s} value={s}>
                {s} %
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <CatalogueImport />
      <div className="form-foot">
        <div className="muted small">
          {info ? (
            <>
              {t('settings.dataDir')}: <span className="mono">{info.dataDir}</span> · {t('settings.version')}{' '}
              {info.version}
            </>
          ) : null}
        </div>
        <button type="submit" className="button primary" {...busyButton(busy)} ref={saveRef}>
          {t('settings.save')}
        </button>
      </div>
      {switching ? (
        <div
          className="confirm-bar"
          role="alertdialog"
          aria-labelledby="settings-switch-text"
          data-testid="settings-switch"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              stayWithTarget();
            }
          }}
        >
          <span id="settings-switch-text">
            {[
              switching.count > 0 ? t('settings.switchWaiting', switching) : '',
              switching.cancellations > 0
                ? t('settings.switchCancellations', { ...switching, count: switching.cancellations })
                : '',
              switching.inDoubt > 0 ? t('settings.switchInDoubt', { ...switching, count: switching.inDoubt }) : '',
              switching.cancellationsBehind > 0
                ? t('settings.switchCancellationsBehind', { count: switching.cancellationsBehind })
                : '',
            ]
              .filter(Boolean)
              .join(' ')}
          </span>
          <button
            type="button"
            className="button danger"
            onClick={() => {
              // The question goes once answered: the focus waits on Save settings, not on the page.
              saveRef.current?.focus();
              void oneAtATime(() => save(true));
            }}
          >
            {switching.count + switching.cancellations > 0 ? t('settings.switchSend') : t('settings.save')}
          </button>
          <button type="button" className="button secondary" autoFocus onClick={stayWithTarget}>
            {t('settings.switchBack')}
          </button>
        </div>
      ) : null}
      <div className="form-status" role="status" aria-live="polite">
        {status.kind === 'saved' ? <span className="ok">✓ {t('settings.saved')}</span> : null}
        {status.kind === 'saved' && status.passwordCleared ? (
          <span className="bad" data-testid="password-cleared">
            {' '}
            {t('settings.passwordCleared')}
          </span>
        ) : null}
        {status.kind === 'error' ? <span className="bad">{err(status.error)}</span> : null}
      </div>
    </form>
  );
}

/** Settings → Catalogue: the product count and a CSV import, all or nothing, bad rows listed. */
function CatalogueImport() {
  const { t } = useT();
  const count = useCatalogue((s) => s.products.length);
  const [result, setResult] = useState<(CatalogueImportResult & { encoding: CsvEncoding }) | { tooBig: true } | null>(
    null,
  );
  const [problem, setProblem] = useState<AppError | null>(null);
  const { err, lang } = useT();
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    // A UTF-16 file can shrink by half once read and a CP949 one grows, so the limit is the
    // text's (csvTooLarge); this only spares reading a file no text within it comes from.
    if (file.size > 2 * CATALOGUE_LIMITS.csvBytes) return setResult({ tooBig: true });
    // The page's "euc-kr" decoder is WHATWG's: code page 949 whole.
    const read = csvFileText(new Uint8Array(await file.arrayBuffer()), (b) => new TextDecoder('euc-kr').decode(b));
    if (!read) {
      setResult(null);
      return setProblem(appError('catalogue.notText'));
    }
    const { text, encoding } = read;
    if (csvTooLarge(text)) return setResult({ tooBig: true });
    const r = await api.catalogue.importCsv({ csv: text });
    if (!r.ok) return setProblem(r.error);
    setResult({ ...r.value, encoding });
    if (r.value.problems.length === 0) await useCatalogue.getState().load();
  };
  return (
    <fieldset className="section">
      <legend>{t('settings.catalogue')}</legend>
      <p className="muted small">{catalogueImportHint(t)}</p>
      <div className="row">
        <span data-testid="catalogue-count">{t('settings.catalogueCount', { n: count })}</span>
        <FileButton
          label={t('settings.catalogueImport')}
          accept=".csv,text/csv"
          testId="catalogue-file"
          onFile={(file) => void onFile(file)}
        />
      </div>
      <div role="status" aria-live="polite" className="small">
        {problem ? <span className="bad">{err(problem)}</span> : null}
        {result && 'tooBig' in result ? (
          <span className="bad">
            {t('settings.catalogueTooBig', { max: CATALOGUE_LIMITS.csvBytes.toLocaleString(lang) })}
          </span>
        ) : null}
        {result && 'imported' in result && result.problems.length === 0 ? (
          <span className="ok">✓ {t('settings.catalogueImported', { count: result.imported })}</span>
        ) : null}
        {result && 'encoding' in result && result.encoding === 'cp949' ? (
          <span data-testid="catalogue-encoding"> {t('settings.catalogueReadAsCp949')}</span>
        ) : null}
        {result && 'imported' in result && result.problems.length > 0 ? (
          <div className="bad">
            {catalogueProblemsLead(result.problems, t)}
            <ul>
              {result.problems.slice(0, 10).map((p, i) => (
                <li key={i}>{catalogueProblemText(p, t, err, lang)}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <CatalogueEditor />
    </fieldset>
  );
}
