import jwt from 'jsonwebtoken';
import { ConfigError } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createAccessTokens } from '../../src/modules/auth/access-token';
import { loadSigningKeys } from '../../src/modules/auth/signing-keys';
import { startTestApp } from '../support/test-app';
import { insertAccount, loginBearer, roomyLimits } from '../support/accounts';

const logger = createLogger('silent');
const secretA = 'a'.repeat(40);
const secretB = 'b'.repeat(40);
const claims = {
  subjectType: 'account' as const,
  subjectId: '64b000000000000000000001',
  sessionVersion: 3,
  familyId: 'fam',
};

function keys(value: string | undefined, active?: string, simulator = true) {
  return loadSigningKeys(
    { SESSION_SIGNING_KEYS: value, SESSION_ACTIVE_KEY_ID: active, SIMULATOR: simulator },
    logger,
  );
}

describe('session signing keys', () => {
  it('read a JSON list and a kid=secret list', () => {
    const json = keys(
      JSON.stringify([
        { kid: 'k1', secret: secretA },
        { kid: 'k2', secret: secretB },
      ]),
      'k2',
    );
    expect(json.active.kid).toBe('k2');
    expect([...json.byKid.keys()]).toEqual(['k1', 'k2']);

    const list = keys(`k1=${secretA}, k2=${secretB}`, 'k1');
    expect(list.active).toEqual({ kid: 'k1', secret: secretA });

    expect(keys(`only=${secretA}`).active.kid).toBe('only');
  });

  it.each([
    ['a short secret', `k1=short`, undefined],
    ['a repeated kid', `k1=${secretA},k1=${secretB}`, 'k1'],
    ['no active kid among several', `k1=${secretA},k2=${secretB}`, undefined],
    ['an unknown active kid', `k1=${secretA}`, 'k9'],
    ['broken JSON', '[{"kid":', undefined],
    ['a bad kid', `bad kid=${secretA}`, undefined],
  ])('reject %s', (_case, value, active) => {
    expect(() => keys(value, active)).toThrow(ConfigError);
  });

  it('generate a random key in simulator mode and are required otherwise', () => {
    const first = keys(undefined);
    const second = keys(undefined);
    expect(first.active.kid).toMatch(/^dev-/);
    expect(first.active.secret).not.toBe(second.active.secret);
    expect(() => keys(undefined, undefined, false)).toThrow(ConfigError);
  });

  it('rotate without ending sessions', () => {
    const now = new Date('2026-03-02T02:00:00Z');
    const before = createAccessTokens(keys(`k1=${secretA}`), 600);
    const token = before.sign(claims, now).token;

    const during = createAccessTokens(keys(`k1=${secretA},k2=${secretB}`, 'k2'), 600);
    expect(during.verify(token, now)).toEqual(claims);
    const fresh = during.sign(claims, now).token;
    expect(jwt.decode(fresh, { complete: true })?.header.kid).toBe('k2');

    const after = createAccessTokens(keys(`k2=${secretB}`), 600);
    expect(after.verify(fresh, now)).toEqual(claims);
    expect(after.verify(token, now)).toBeUndefined();
  });

  it('refuse a token whose kid names another key', () => {
    const now = new Date('2026-03-02T02:00:00Z');
    const signer = createAccessTokens(keys(`k1=${secretA}`), 600);
    const token = signer.sign(claims, now).token;
    const [, payload, signature] = token.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'k2' })).toString(
      'base64url',
    );

    const verifier = createAccessTokens(keys(`k1=${secretA},k2=${secretB}`, 'k1'), 600);
    expect(verifier.verify(`${header}.${payload}.${signature}`, now)).toBeUndefined();
  });

  it('refuse the none algorithm', () => {
    const now = new Date('2026-03-02T02:00:00Z');
    const verifier = createAccessTokens(keys(`k1=${secretA}`), 600);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'k1' })).toString(
      'base64url',
    );
    const payload = Buffer.from(
      JSON.stringify({
        sub: claims.subjectId,
        st: 'account',
        sv: 3,
        fam: 'fam',
        iat: 1,
        exp: 4_000_000_000,
        iss: 'ucz',
        aud: 'ucz-api',
      }),
    ).toString('base64url');
    expect(verifier.verify(`${header}.${payload}.`, now)).toBeUndefined();
  });

  it('sign the sessions of the app with the configured active key', async () => {
    const t = await startTestApp({
      env: {
        ...roomyLimits,
        SESSION_SIGNING_KEYS: `2026-01=${secretA},2026-02=${secretB}`,
        SESSION_ACTIVE_KEY_ID: '2026-02',
      },
    });
    try {
      const who = await insertAccount(t);
      const session = await loginBearer(t, who);
      expect(jwt.decode(session.accessToken, { complete: true })?.header.kid).toBe('2026-02');

      const oldKeyToken = jwt.sign(
        {
          sub: who.id,
          st: 'account',
          sv: 0,
          fam: 'none',
          iat: Math.floor(t.clock.now().getTime() / 1000),
        },
        secretA,
        {
          algorithm: 'HS256',
          keyid: '2026-01',
          issuer: 'ucz',
          audience: 'ucz-api',
          expiresIn: 600,
        },
      );
      // Signed by a listed key, but names no session: refused by the session check, not the signature.
      await t.api.get('/api/auth/me').set('Authorization', `Bearer ${oldKeyToken}`).expect(401);
      await t.api
        .get('/api/auth/me')
        .set(...session.auth)
        .expect(200);
    } finally {
      await t.close();
    }
  });
});
