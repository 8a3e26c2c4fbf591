import { AppError } from '../../src/http/app-error';
import { usedLoginCodeModel, wechatIdentityModel } from '../../src/modules/wechat/identity.model';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';

let t: TestApp;
let appid: string;

beforeAll(async () => {
  t = await startTestApp();
  appid = t.wechat.miniProgram.appid;
});

afterAll(async () => {
  await t.close();
});

async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof AppError))
    throw new Error(`expected an AppError, got ${String(outcome)}`);
  return outcome;
}

function rawIdentities(filter: Record<string, unknown>) {
  return t.database.db.collection('wechat_identities').find(filter).toArray();
}

describe('resolveIdentity', () => {
  it('creates the identity on the first login and finds it on the next', async () => {
    const first = await t.services.wechat.identities.resolveIdentity(
      t.wechat.issueLoginCode(appid, 'openid-alice'),
    );
    expect(first.firstLogin).toBe(true);
    expect(first.identity).toMatchObject({ appid, openid: 'openid-alice' });

    t.clock.advance(60_000);
    const second = await t.services.wechat.identities.resolveIdentity(
      t.wechat.issueLoginCode(appid, 'openid-alice'),
    );
    expect(second.firstLogin).toBe(false);
    expect(second.identity.id).toBe(first.identity.id);
    expect(second.identity.lastLoginAt.getTime()).toBeGreaterThan(
      first.identity.lastLoginAt.getTime(),
    );
  });

  it('rejects a code used twice without sending it to WeChat again', async () => {
    const code = t.wechat.issueLoginCode(appid, 'openid-double-tap');
    await t.services.wechat.identities.resolveIdentity(code);
    const before = t.wechat.callCount('/sns/jscode2session');

    const error = await appErrorOf(t.services.wechat.identities.resolveIdentity(code));
    expect(error.code).toBe('wechat.code_used');
    expect(error.status).toBe(400);
    expect(t.wechat.callCount('/sns/jscode2session')).toBe(before);
    expect(await usedLoginCodeModel(t.database.db).countDocuments()).toBeGreaterThan(0);
  });

  it('maps WeChat 40163 and 40029 to their own errors', async () => {
    const usedElsewhere = t.wechat.issueLoginCode(appid, 'openid-elsewhere');
    // Another client of WeChat used this code first.
    await fetch(
      `${t.wechat.baseUrl}/sns/jscode2session?${new URLSearchParams({
        appid,
        secret: t.wechat.miniProgram.secret,
        js_code: usedElsewhere,
        grant_type: 'authorization_code',
      }).toString()}`,
    );
    expect(
      (await appErrorOf(t.services.wechat.identities.resolveIdentity(usedElsewhere))).code,
    ).toBe('wechat.code_used');
    expect(
      (await appErrorOf(t.services.wechat.identities.resolveIdentity('never-issued-code'))).code,
    ).toBe('wechat.code_invalid');
  });

  it('rejects a malformed code naming the field', async () => {
    const error = await appErrorOf(t.services.wechat.identities.resolveIdentity('has space'));
    expect(error.code).toBe('request.invalid');
    expect(error.options.fields).toEqual([{ field: 'code', code: 'invalid' }]);
  });

  it('stores no unionid for two users of an unbound app', async () => {
    const bob = await t.services.wechat.identities.resolveIdentity(
      t.wechat.issueLoginCode(appid, 'openid-bob'),
    );
    const carol = await t.services.wechat.identities.resolveIdentity(
      t.wechat.issueLoginCode(appid, 'openid-carol'),
    );
    expect(bob.identity.id).not.toBe(carol.identity.id);
    expect(bob.identity).not.toHaveProperty('unionid');

    const stored = await rawIdentities({ openid: { $in: ['openid-bob', 'openid-carol'] } });
    expect(stored).toHaveLength(2);
    for (const document of stored) expect(Object.keys(document)).not.toContain('unionid');
    expect(await rawIdentities({ unionid: 'undefined' })).toHaveLength(0);
    expect(
      await rawIdentities({ unionid: null, openid: { $in: ['openid-bob', 'openid-carol'] } }),
    ).toHaveLength(2);
  });

  it('stores the unionid once the app is bound to an Open Platform account', async () => {
    t.wechat.setUnionBound(appid, true);
    try {
      const dave = await t.services.wechat.identities.resolveIdentity(
        t.wechat.issueLoginCode(appid, 'openid-dave'),
      );
      expect(dave.identity.unionid).toMatch(/^o6_/u);
      const [stored] = await rawIdentities({ openid: 'openid-dave' });
      expect(stored?.unionid).toBe(dave.identity.unionid);
    } finally {
      t.wechat.setUnionBound(appid, false);
    }
  });

  it('creates one identity for concurrent first logins of one openid', async () => {
    const codes = Array.from({ length: 6 }, () =>
      t.wechat.issueLoginCode(appid, 'openid-concurrent'),
    );
    const results = await Promise.all(
      codes.map((code) => t.services.wechat.identities.resolveIdentity(code)),
    );

    expect(new Set(results.map((result) => result.identity.id)).size).toBe(1);
    expect(results.filter((result) => result.firstLogin)).toHaveLength(1);
    expect(
      await wechatIdentityModel(t.database.db).countDocuments({
        appid,
        openid: 'openid-concurrent',
      }),
    ).toBe(1);
  });

  it('finds an identity by id and ignores malformed ids', async () => {
    const erin = await t.services.wechat.identities.resolveIdentity(
      t.wechat.issueLoginCode(appid, 'openid-erin'),
    );
    expect((await t.services.wechat.identities.findIdentity(erin.identity.id))?.openid).toBe(
      'openid-erin',
    );
    expect(await t.services.wechat.identities.findIdentity('not-an-id')).toBeUndefined();
  });
});
