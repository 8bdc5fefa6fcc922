// The connection secrets, by name, and what the renderer may learn about them: whether each is
// set and where secrets are kept, never a value. The relay owns the values (electron/secrets).
import { z } from 'zod';

export const SECRET_NAMES = ['saslPassword', 'tlsKeyPassphrase'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
export type Secrets = Partial<Record<SecretName, string>>;

/** Where secrets live, as Settings tells the operator: the OS keychain (Electron) or memory (browser mode). */
export const secretStorageKindSchema = z.enum(['keychain', 'memory']);
export type SecretStorageKind = z.infer<typeof secretStorageKindSchema>;

const perSecret = z.strictObject({ saslPassword: z.boolean(), tlsKeyPassphrase: z.boolean() });

export const secretStatusSchema = z.object({
  storage: secretStorageKindSchema,
  /** Which secrets are set; never their values. */
  set: perSecret,
  /** Which came from the environment (browser mode). */
  fromEnvironment: perSecret,
});
export type SecretStatus = z.infer<typeof secretStatusSchema>;

/** A new value replaces the old one; null clears it. A secret is never read back. */
export const secretSetInputSchema = z.strictObject({
  name: z.enum(SECRET_NAMES),
  value: z.string().min(1, { error: 'field.required' }).max(4096, { error: 'field.tooLong' }).nullable(),
});

/** The environment variables browser mode reads its secrets from. */
export const SECRET_ENV: Record<SecretName, string> = {
  saslPassword: 'ORDER_DESK_SASL_PASSWORD',
  tlsKeyPassphrase: 'ORDER_DESK_TLS_KEY_PASSPHRASE',
};
