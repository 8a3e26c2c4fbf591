import { XMLParser } from 'fast-xml-parser';
import { profileMenuKey } from '../../src/modules/wechat/official-menu';
import { pushEventModel } from '../../src/modules/wechat/push-event.model';
import { pushSignature } from '../../src/simulator/fake-wechat';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';

let t: TestApp;
let pushUrl: string;

beforeAll(async () => {
  t = await startTestApp({ env: { PUBLIC_URL: 'https://zone.example.com' } });
  pushUrl = `${t.baseUrl}/api/wechat/official/push`;
});

afterAll(async () => {
  await t.close();
});

let sequence = 0;
function nextOpenid(): string {
  sequence += 1;
  return `oa-openid-${sequence}`;
}

const events = () => pushEventModel(t.database.db);

describe('push URL verification', () => {
  it('echoes echostr when the signature is valid', async () => {
    const result = await t.wechat.verifyPushUrl(pushUrl);
    expect(result.status).toBe(200);
    expect(result.body).toBe(result.echostr);
  });

  it('answers 401 for a wrong signature', async () => {
    const result = await t.wechat.verifyPushUrl(pushUrl, { signWithToken: 'someoneElsesToken' });
    expect(result.status).toBe(401);
    expect(result.body).not.toContain(result.echostr);
  });

  it('answers 401 without signature parameters', async () => {
    const response = await t.api.get('/api/wechat/official/push').query({ echostr: '123' });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('wechat.signature_invalid');
  });
});

describe('push messages', () => {
  it('rejects a push with a wrong signature and records nothing', async () => {
    const openid = nextOpenid();
    const result = await t.wechat.pushEvent(
      pushUrl,
      { FromUserName: openid, Event: 'subscribe' },
      { signWithToken: 'someoneElsesToken' },
    );
    expect(result.status).toBe(401);
    expect(await events().countDocuments({ openid })).toBe(0);
  });

  it('rejects a signed query replayed with another timestamp', async () => {
    const token = t.wechat.officialAccount.pushToken ?? '';
    const signature = pushSignature(token, '1772416800', '42');
    const response = await t.api
      .post('/api/wechat/official/push')
      .query({ signature, timestamp: '1772416801', nonce: '42' })
      .set('content-type', 'text/xml')
      .send('<xml></xml>');
    expect(response.status).toBe(401);
  });

  it('answers a CLICK on 个人信息 with a link into the mini-program profile page', async () => {
    const openid = nextOpenid();
    const result = await t.wechat.pushEvent(pushUrl, {
      FromUserName: openid,
      Event: 'CLICK',
      EventKey: profileMenuKey,
    });

    expect(result.status).toBe(200);
    expect(result.elapsedMs).toBeLessThan(5000);
    expect(result.contentType).toMatch(/xml/u);
    const reply = new XMLParser({ parseTagValue: false }).parse(result.body).xml as Record<
      string,
      string
    >;
    expect(reply.ToUserName).toBe(openid);
    expect(reply.FromUserName).toBe(t.wechat.officialAccount.originalId);
    expect(reply.MsgType).toBe('text');
    expect(reply.Content).toContain(`data-miniprogram-appid="${t.wechat.miniProgram.appid}"`);
    expect(reply.Content).toContain('data-miniprogram-path="pages/profile/index"');
    expect(reply.Content).toContain('href="https://zone.example.com"');
    expect(reply.Content).toContain('>个人信息</a>');
  });

  it('ignores a duplicate of an event', async () => {
    const openid = nextOpenid();
    const message = {
      FromUserName: openid,
      Event: 'CLICK',
      EventKey: profileMenuKey,
      CreateTime: 1772416800,
    };
    const first = await t.wechat.pushEvent(pushUrl, message);
    const retry = await t.wechat.pushEvent(pushUrl, message);

    expect(first.body).toContain('<xml>');
    expect(retry.status).toBe(200);
    expect(retry.body).toBe('success');
    expect(await events().countDocuments({ openid })).toBe(1);
  });

  it('ignores a duplicate of a message by MsgId', async () => {
    const openid = nextOpenid();
    const message = {
      FromUserName: openid,
      MsgType: 'text',
      Content: '你好',
      MsgId: '23456789012345678',
    };
    await t.wechat.pushEvent(pushUrl, message);
    await t.wechat.pushEvent(pushUrl, { ...message, CreateTime: 1772416999 });
    expect(await events().countDocuments({ openid })).toBe(1);
  });

  it('handles two different events of one user in the same second', async () => {
    const openid = nextOpenid();
    await t.wechat.pushEvent(pushUrl, {
      FromUserName: openid,
      Event: 'subscribe',
      CreateTime: 1772416900,
    });
    const click = await t.wechat.pushEvent(pushUrl, {
      FromUserName: openid,
      Event: 'CLICK',
      EventKey: profileMenuKey,
      CreateTime: 1772416900,
    });
    expect(click.body).toContain('个人信息');
    expect(await events().countDocuments({ openid })).toBe(2);
  });

  it('acknowledges other events with success', async () => {
    const openid = nextOpenid();
    const result = await t.wechat.pushEvent(pushUrl, {
      FromUserName: openid,
      Event: 'VIEW',
      EventKey: 'https://x.example',
    });
    expect(result.body).toBe('success');
  });

  it('acknowledges unparsable or DOCTYPE bodies', async () => {
    const token = t.wechat.officialAccount.pushToken ?? '';
    const query = {
      signature: pushSignature(token, '1772416800', '7'),
      timestamp: '1772416800',
      nonce: '7',
    };
    for (const body of [
      'not xml at all',
      '<!DOCTYPE x [<!ENTITY a "b">]><xml><FromUserName>&a;</FromUserName></xml>',
    ]) {
      const response = await t.api
        .post('/api/wechat/official/push')
        .query(query)
        .set('content-type', 'text/xml')
        .send(body);
      expect(response.status).toBe(200);
      expect(response.text).toBe('success');
    }
  });
});
