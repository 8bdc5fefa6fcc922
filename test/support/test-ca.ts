// A certificate authority made at test time with openssl (never a key or certificate in the
// repo): the CA, a server certificate for 127.0.0.1/localhost it signed, a client certificate
// it signed (mutual TLS), optionally an encrypted client key, and a second, unrelated CA (an
// untrusted one) and an already-expired server certificate for the failure cases.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

export interface TestCa {
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** The client key encrypted with `clientKeyPassphrase`. */
  clientKeyEncrypted: string;
  clientKeyPassphrase: string;
  /** A CA that signed nothing here: trusting only it makes the server untrusted. */
  otherCaCert: string;
  /** Signed by the CA for the name "elsewhere.example" only (a name mismatch at 127.0.0.1). */
  wrongNameCert: string;
  wrongNameKey: string;
  /** Signed by the CA and already expired. */
  expiredCert: string;
  expiredKey: string;
  /** The same PEMs as files (for kcat and Kafka's PEM key stores). */
  files: Record<'caCert' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey', string>;
  remove(): void;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

function makeCa(dir: string, name: string): void {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
  ]);
}

function signed(dir: string, ca: string, name: string, san: string, days: string | null, extra: string[] = []): void {
  openssl(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    `/CN=${name}`,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
  ]);
  fs.writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
  if (days !== null) {
    openssl(dir, [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.pem`,
      '-CAkey',
      `${ca}.key`,
      '-CAcreateserial',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.pem`,
      '-days',
      days,
      ...extra,
    ]);
    return;
  }
  // A validity in the past: OpenSSL 3.0's `x509 -req` cannot set one, `ca` can.
  fs.writeFileSync(path.join(dir, 'index.txt'), '');
  fs.writeFileSync(path.join(dir, 'serial'), '1000\n');
  fs.writeFileSync(
    path.join(dir, 'ca.cnf'),
    '[ca]\ndefault_ca=test\n[test]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=any\n[any]\ncommonName=supplied\n',
  );
  openssl(dir, [
    'ca',
    '-batch',
    '-config',
    'ca.cnf',
    '-cert',
    `${ca}.pem`,
    '-keyfile',
    `${ca}.key`,
    '-in',
    `${name}.csr`,
    '-out',
    `${name}.pem`,
    '-startdate',
    '20200101000000Z',
    '-enddate',
    '20200102000000Z',
    '-extfile',
    `${name}.ext`,
    '-notext',
  ]);
}

/**
 * A wrong passphrase that decrypts `encryptedKey` to well-padded garbage, so OpenSSL fails to
 * decode it instead of failing the decryption: about one wrong passphrase in two hundred does.
 */
export function garbageDecryptingPassphrase(encryptedKey: string): string {
  for (let i = 0; i < 20_000; i++) {
    const passphrase = `wrong-${i}`;
    try {
      crypto.createPrivateKey({ key: encryptedKey, passphrase });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_OSSL_UNSUPPORTED') return passphrase;
    }
  }
  throw new Error('no wrong passphrase out of 20,000 decrypted this key to garbage');
}

export function makeTestCa(): TestCa {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-desk-ca-'));
  makeCa(dir, 'ca');
  makeCa(dir, 'other-ca');
  signed(dir, 'ca', 'server', 'IP:127.0.0.1,DNS:localhost', '2');
  signed(dir, 'ca', 'client', 'DNS:order-desk-terminal', '2');
  signed(dir, 'ca', 'wrong-name', 'DNS:elsewhere.example', '2');
  signed(dir, 'ca', 'expired', 'IP:127.0.0.1,DNS:localhost', null);
  const passphrase = 'key-pass-' + Math.random().toString(36).slice(2);
  openssl(dir, ['pkey', '-in', 'client.key', '-aes256', '-passout', `pass:${passphrase}`, '-out', 'client-enc.key']);
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  return {
    dir,
    caCert: read('ca.pem'),
    serverCert: read('server.pem'),
    serverKey: read('server.key'),
    clientCert: read('client.pem'),
    clientKey: read('client.key'),
    clientKeyEncrypted: read('client-enc.key'),
    clientKeyPassphrase: passphrase,
    otherCaCert: read('other-ca.pem'),
    wrongNameCert: read('wrong-name.pem'),
    wrongNameKey: read('wrong-name.key'),
    expiredCert: read('expired.pem'),
    expiredKey: read('expired.key'),
    files: {
      caCert: path.join(dir, 'ca.pem'),
      serverCert: path.join(dir, 'server.pem'),
      serverKey: path.join(dir, 'server.key'),
      clientCert: path.join(dir, 'client.pem'),
      clientKey: path.join(dir, 'client.key'),
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
