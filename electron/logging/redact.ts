// What never reaches a log file or the terminal: secrets (SASL passwords, key passphrases,
// access tokens) and customers' phone numbers. Orders carry phones and a log is read by
// whoever looks after the terminal; a log is also what gets attached to a support ticket.
// Every line both processes log passes through redactLogText (an electron-log hook).

const SECRET_KEYS = 'password|passphrase|passwd|secret|token|sasl[._-]?password|api[._-]?key';
// key=value, key: value, "key":"value", 'key': 'value' (JSON, query strings, config dumps).
const SECRET_FIELD = new RegExp(`((?:${SECRET_KEYS})["']?\\s*[:=]\\s*["']?)([^"'\\s,&;}\\]]+)`, 'gi');
// Credentials in a URL: scheme://user:secret@host
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+._-]*:\/\/[^/\s:@]+:)([^@\s/]+)(@)/gi;
// A phone field in a record dump, whatever its format.
const PHONE_FIELD = /((?:phone|tel|mobile)["']?\s*[:=]\s*["']?)([^"',}\]\n]*\d[^"',}\]\n]*)/gi;
// Phone numbers as they are written in Korea and abroad: 010-1234-5678, 01012345678,
// 02-123-4567, (031) 123 4567, +82 10-1234-5678. They start with 0 or +, which keeps offsets,
// counts and timestamps (never a leading 0 after a boundary) out of it.
const PHONE_NUMBER =
  /(?<![\w.:+/-])(?:\+\d{1,3}[\s.-]?\(?0?\d{1,2}\)?|\(?0\d{1,2}\)?)[\s.-]?\d{3,4}[\s.-]?\d{4}(?![\w])/g;

function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `[phone …${digits.slice(-2)}]`;
}

// The secrets this process holds, by value: a password can reach a log in a form no pattern
// knows (an error message quoting a config, a stack trace). Short ones are left out: masking
// every "1234" in a log would hide offsets and counts, and such a password is no secret anyway.
let settingsSecrets: string[] = [];
// Values that stay masked whatever Settings holds: browser mode's token, for its server's life
// (in a path, a header, an error quoting a URL, the `token=` rule misses it). One entry a holder.
const heldSecrets: string[] = [];
let knownSecrets: string[] = [];
const MIN_SECRET_LENGTH = 4;

function updateKnownSecrets(): void {
  knownSecrets = [...new Set([...settingsSecrets, ...heldSecrets])].sort((a, b) => b.length - a.length);
}

/** The secret values to mask in every line this process logs from now on (replaces the previous list). */
export function setRedactedSecrets(values: ReadonlyArray<string | undefined>): void {
  settingsSecrets = values.filter((v): v is string => !!v && v.length >= MIN_SECRET_LENGTH);
  updateKnownSecrets();
}

/**
 * Masks `value` in every line from now on, beside the Settings' secrets (a short one is left
 * alone, as there); the function returned stops it.
 */
export function holdRedactedSecret(value: string): () => void {
  if (value.length < MIN_SECRET_LENGTH) return () => {};
  heldSecrets.push(value);
  updateKnownSecrets();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    heldSecrets.splice(heldSecrets.indexOf(value), 1);
    updateKnownSecrets();
  };
}

export function redactLogText(text: string): string {
  for (const secret of knownSecrets) if (text.includes(secret)) text = text.split(secret).join('***');
  return text
    .replace(URL_CREDENTIALS, '$1***$3')
    .replace(SECRET_FIELD, '$1***')
    .replace(PHONE_FIELD, (_, key: string, value: string) => `${key}${maskPhone(value)}`)
    .replace(PHONE_NUMBER, (m) => maskPhone(m));
}
