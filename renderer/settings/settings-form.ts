// The Settings form as typed (strings, a mechanism that may be "none") and the settings it
// stands for. Secrets are not part of it: they are typed into their own write-only fields and
// go to the relay's secret store (secrets.set), never into Settings.
import { issueError } from '../../shared/describe-issues';
import type { AppError } from '../../shared/error-codes';
import { brokerList, settingsSaveSchema, type SaslMechanism, type Settings } from '../../shared/settings-schema';
import type { SecretName } from '../../shared/secret-types';

export interface SettingsForm {
  brokers: string;
  topic: string;
  clientId: string;
  storeId: string;
  terminalId: string;
  clerk: string;
  language: Settings['language'];
  ssl: boolean;
  tlsCaFile: string;
  tlsCertFile: string;
  tlsKeyFile: string;
  tlsCheckServerName: boolean;
  saslMechanism: SaslMechanism | 'none';
  saslUser: string;
  /** Days delivered orders stay in the history, as typed. */
  historyRetentionDays: string;
  uiScale: Settings['uiScale'];
}

/** What the operator typed into the secret fields: a new value, or remove the stored one. */
export interface SecretEdits {
  values: Record<SecretName, string>;
  remove: Record<SecretName, boolean>;
}

export const NO_SECRET_EDITS: SecretEdits = {
  values: { saslPassword: '', tlsKeyPassphrase: '' },
  remove: { saslPassword: false, tlsKeyPassphrase: false },
};

export function toForm(s: Settings): SettingsForm {
  return {
    brokers: s.brokers.join('\n'),
    topic: s.topic,
    clientId: s.clientId,
    storeId: s.storeId,
    terminalId: s.terminalId,
    clerk: s.clerk,
    language: s.language,
    ssl: s.ssl,
    tlsCaFile: s.tls.caFile ?? '',
    tlsCertFile: s.tls.certFile ?? '',
    tlsKeyFile: s.tls.keyFile ?? '',
    tlsCheckServerName: s.tls.checkServerName,
    saslMechanism: s.sasl?.mechanism ?? 'none',
    saslUser: s.sasl?.username ?? '',
    historyRetentionDays: String(s.historyRetentionDays),
    uiScale: s.uiScale,
  };
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

export function fromForm(f: SettingsForm): unknown {
  return {
    brokers: brokerList(f.brokers),
    topic: f.topic,
    clientId: f.clientId,
    storeId: f.storeId,
    terminalId: f.terminalId,
    clerk: f.clerk,
    language: f.language,
    ssl: f.ssl,
    tls: {
      caFile: orNull(f.tlsCaFile),
      certFile: orNull(f.tlsCertFile),
      keyFile: orNull(f.tlsKeyFile),
      checkServerName: f.tlsCheckServerName,
    },
    sasl: f.saslMechanism === 'none' ? null : { mechanism: f.saslMechanism, username: f.saslUser },
    historyRetentionDays: /^\s*\d+\s*$/.test(f.historyRetentionDays)
      ? Number(f.historyRetentionDays)
      : f.historyRetentionDays,
    uiScale: f.uiScale,
  };
}

/** The form field a schema issue belongs to (sasl.username → saslUser, tls.caFile → tlsCaFile). */
export function fieldOfIssue(path: readonly PropertyKey[]): string {
  const [head, sub] = path.map(String);
  if (head === 'sasl') return sub === 'mechanism' ? 'saslMechanism' : 'saslUser';
  if (head === 'tls' && sub) return `tls${sub[0].toUpperCase()}${sub.slice(1)}`;
  return head ?? 'form';
}

export function hasSecretEdits(e: SecretEdits): boolean {
  return Object.values(e.values).some((v) => v !== '') || Object.values(e.remove).some(Boolean);
}

/**
 * What Save checks before sending, as the screen shows it: the settings to send, or each field's
 * first problem as an error code with its limit. The risk section is saved apart, with the
 * supervisor PIN (RiskSettings), and kept as it is.
 */
export function checkedForm(
  form: SettingsForm,
  risk: Settings['risk'] | undefined,
): { ok: true; settings: Settings } | { ok: false; errors: Record<string, AppError> } {
  const parsed = settingsSaveSchema.safeParse({ ...(fromForm(form) as object), risk });
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: Record<string, AppError> = {};
  for (const issue of parsed.error.issues) errors[fieldOfIssue(issue.path)] ??= issueError(issue);
  return { ok: false, errors };
}
