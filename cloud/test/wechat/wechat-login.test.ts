import { bindTicketModel } from '../../src/modules/wechat/binding.model';
import { wechatIdentityModel } from '../../src/modules/wechat/identity.model';
import { sessionModel } from '../../src/modules/auth/session.model';
import { insertAccount, loginBearer, roomyLimits } from '../support/accounts';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import {
  boundWechatUser,
  knownWechatUser,
  loginCode,
  newOpenid,
  wechatLogin,
} from './wechat-users';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ env: roomyLimits });
});

afterAll(async () => {
  await t.close();
});

describe('mini-program login', () => {
  it('gives an unbound user a bind ticket', async () => {
    const openid = newOpenid();
    const response = await wechatLogin(t, openid).expect(200);

    expect(response.body).toEqual({
      bound: false,
      bindTicket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/u),
      bindTicketExpiresAt: new Date(t.clock.now().getTime() + 10 * 60_000).toISOString(),
    });
    expect(response.headers['cache-control']).toBe('no-store');
    const identity = await wechatIdentityModel(t.database.db).findOne({ openid }).lean();
    const ticket = await bindTicketModel(t.database.db)
      .findOne({ identityId: identity?._id })
      .lean();
    // Only the hash is stored.
    expect(ticket?._id).toMatch(/^[0-9a-f]{64}$/u);
    expect(ticket?._id).not.toBe(response.body.bindTicket);
  });

  it('gives a bound user a marked session', async () => {
    const user = await boundWechatUser(t);

    const me = await t.api
      .get('/api/auth/me')
      .set(...user.auth)
      .expect(200);
    expect(me.body.account.username).toBe(user.account.username);
    const sessions = await sessionModel(t.database.db)
      .find({ wechatIdentityId: user.identityId })
      .lean();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.transport).toBe('bearer');
  });

  it('rejects a code used twice', async () => {
    const code = loginCode(t, newOpenid());
    await t.api.post('/api/wechat/login').send({ code }).expect(200);
    const callsBefore = t.wechat.callCount('/sns/jscode2session');

    const again = await t.api.post('/api/wechat/login').send({ code }).expect(400);

    expect(again.body.error.code).toBe('wechat.code_used');
    expect(t.wechat.callCount('/sns/jscode2session')).toBe(callsBefore);
  });

  it('rejects a code WeChat does not know', async () => {
    const response = await t.api
      .post('/api/wechat/login')
      .send({ code: 'never-issued-code-0001' })
      .expect(400);
    expect(response.body.error.code).toBe('wechat.code_invalid');
  });

  it('stores no unionid for two users', async () => {
    const first = await knownWechatUser(t);
    const second = await knownWechatUser(t);

    const identities = await wechatIdentityModel(t.database.db)
      .find({ openid: { $in: [first.openid, second.openid] } })
      .lean();
    expect(identities).toHaveLength(2);
    for (const identity of identities) expect(identity).not.toHaveProperty('unionid');
    const withUnionid = await t.database.db.collection('wechat_identities').countDocuments({
      openid: { $in: [first.openid, second.openid] },
      unionid: { $exists: true },
    });
    expect(withUnionid).toBe(0);
  });

  it('creates one identity for concurrent first logins', async () => {
    const openid = newOpenid('openid-race-');
    const codes = Array.from({ length: 6 }, () => loginCode(t, openid));

    const responses = await Promise.all(
      codes.map((code) => t.api.post('/api/wechat/login').send({ code })),
    );

    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body.bound).toBe(false);
    }
    expect(await wechatIdentityModel(t.database.db).countDocuments({ openid })).toBe(1);
    const identity = await wechatIdentityModel(t.database.db).findOne({ openid }).lean();
    expect(await bindTicketModel(t.database.db).countDocuments({ identityId: identity?._id })).toBe(
      6,
    );
  });

  it('refuses a bound user whose account is disabled', async () => {
    const user = await boundWechatUser(t);
    await t.database.db
      .collection('accounts')
      .updateOne({ username: user.account.username }, { $set: { status: 'disabled' } });

    const response = await wechatLogin(t, user.openid).expect(403);
    expect(response.body.error.code).toBe('wechat.account_inactive');
  });

  it('accepts a code from the simulator endpoint', async () => {
    const issued = await t.api
      .post('/simulator/wechat/login-code')
      .send({ openid: newOpenid() })
      .expect(200);
    expect(issued.body.appid).toBe(t.wechat.miniProgram.appid);

    const response = await t.api
      .post('/api/wechat/login')
      .send({ code: issued.body.code })
      .expect(200);
    expect(response.body.bound).toBe(false);
  });

  it('answers 400 naming a malformed code', async () => {
    const response = await t.api.post('/api/wechat/login').send({ code: 'has spaces' }).expect(400);
    expect(response.body.error.fields).toEqual([
      expect.objectContaining({ field: 'code', code: 'invalid' }),
    ]);
  });

  it('shows the bound account for 个人信息', async () => {
    const user = await boundWechatUser(t);

    const bound = await t.api
      .get('/api/wechat/binding')
      .set(...user.auth)
      .expect(200);

    expect(bound.body).toEqual({
      bound: true,
      boundAt: expect.any(String),
      account: {
        username: user.account.username,
        name: 'Chan Tai Man',
        companyName: expect.stringContaining('Harbour Trading'),
      },
    });
  });

  it('shows no binding for an account that has none', async () => {
    const session = await loginBearer(t, await insertAccount(t));
    const response = await t.api
      .get('/api/wechat/binding')
      .set(...session.auth)
      .expect(200);
    expect(response.body).toEqual({ bound: false });
  });
});
