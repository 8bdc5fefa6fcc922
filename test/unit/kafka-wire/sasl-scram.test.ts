// SCRAM against RFC 7677's published SCRAM-SHA-256 exchange, and our client against our
// server (the sandbox's) for both hashes, including the ways a login fails.
import { describe, expect, it } from 'vitest';
import {
  ScramClient,
  ScramError,
  ScramServer,
  escapeSaslName,
  scramCredential,
} from '../../../electron/kafka-wire/sasl-scram';

describe('SCRAM', () => {
  it('reproduces RFC 7677’s SCRAM-SHA-256 example byte for byte', () => {
    const client = new ScramClient('sha256', 'user', 'pencil', 'rOprNGfwEbeRWgbNEkqO');
    expect(client.first().toString()).toBe('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const final = client.final(
      Buffer.from('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'),
    );
    expect(final.toString()).toBe(
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    );
    expect(() => client.verify(Buffer.from('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='))).not.toThrow();
    expect(() => client.verify(Buffer.from('v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='))).toThrow(ScramError);
  });

  it.each(['sha256', 'sha512'] as const)('logs in with %s, and the server can tell a wrong password', (hash) => {
    const users = new Map([['clerk,1', scramCredential(hash, '비밀 pw')]]);
    const login = (password: string) => {
      const client = new ScramClient(hash, 'clerk,1', password);
      const server = new ScramServer(hash, (u) => users.get(u));
      const serverFinal = server.final(client.final(server.first(client.first())));
      client.verify(serverFinal);
      return server.user;
    };
    expect(login('비밀 pw')).toBe('clerk,1');
    expect(() => login('wrong')).toThrow('Authentication failed: Invalid user credentials');
  });

  it('refuses an unknown user at the first message, and escapes names with , and =', () => {
    const server = new ScramServer('sha256', () => undefined);
    expect(() => server.first(new ScramClient('sha256', 'nobody', 'x').first())).toThrow(ScramError);
    expect(escapeSaslName('a,b=c')).toBe('a=2Cb=3Dc');
  });

  it('refuses a server that asks for too few iterations or changes the nonce', () => {
    const client = new ScramClient('sha256', 'u', 'p', 'abc');
    expect(() => client.final(Buffer.from('r=abcdef,s=c2FsdA==,i=1'))).toThrow(/iterations/);
    const other = new ScramClient('sha256', 'u', 'p', 'abc');
    expect(() => other.final(Buffer.from('r=zzz,s=c2FsdA==,i=4096'))).toThrow(/nonce/);
  });
});
