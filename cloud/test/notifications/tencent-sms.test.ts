import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '../../src/config';
import type { Config } from '../../src/config';
import { ManualClock } from '../../src/lib/clock';
import { createLogger } from '../../src/logger';
import { DeliveryError } from '../../src/modules/notifications/delivery-error';
import { signTc3Request } from '../../src/modules/notifications/tc3-signer';
import { createTencentSmsSender } from '../../src/modules/notifications/tencent-sms';

const logger = createLogger('silent');
const secretId = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const secretKey = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';

describe('TC3-HMAC-SHA256 signer', () => {
  it('reproduces the worked example of the Tencent Cloud documentation', () => {
    // Example of the "Signature v3" page: CVM DescribeInstances at 1551113065.
    const signed = signTc3Request({
      secretId,
      secretKey,
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      timestamp: 1551113065,
      contentType: 'application/json; charset=utf-8',
      payload:
        '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    });

    expect(signed.canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n' +
        'content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(signed.stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n' +
        '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    expect(signed.signature).toBe(
      '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
    expect(signed.authorization).toBe(
      `TC3-HMAC-SHA256 Credential=${secretId}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, ` +
        'Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('signs the X-TC-Action header when an action is given', () => {
    const base = {
      secretId,
      secretKey,
      service: 'sms',
      host: 'sms.tencentcloudapi.com',
      timestamp: 1551113065,
      contentType: 'application/json; charset=utf-8',
      payload: '{}',
    };
    const withAction = signTc3Request({ ...base, action: 'SendSms' });
    expect(withAction.signedHeaders).toBe('content-type;host;x-tc-action');
    expect(withAction.canonicalRequest).toContain('x-tc-action:sendsms\n');
    expect(withAction.signature).not.toBe(signTc3Request(base).signature);
  });
});

interface Captured {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Starts a stand-in for sms.tencentcloudapi.com on 127.0.0.1 that records each request and sends the reply that `reply` builds. */
async function startFakeTencent(reply: (request: Captured) => { status: number; body: string }) {
  const captured: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      captured.push(request);
      const answer = reply(request);
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    captured,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Builds a config with Tencent settings. The sender reads only the TENCENT_SMS_*
 * settings, so they are set over the simulator defaults instead of a full production
 * config, whose other required settings do not concern it.
 */
function tencentConfig(endpoint: string): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', SIMULATOR: 'true' }),
    TENCENT_SMS_SECRET_ID: secretId,
    TENCENT_SMS_SECRET_KEY: secretKey,
    TENCENT_SMS_SDK_APP_ID: '1400006666',
    TENCENT_SMS_SIGN_NAME: '统一客户专区',
    TENCENT_SMS_TEMPLATE_ID: '1110',
    TENCENT_SMS_REGION: 'ap-guangzhou',
    TENCENT_SMS_ENDPOINT: endpoint,
  };
}

const okReply = JSON.stringify({
  Response: {
    SendStatusSet: [
      {
        SerialNo: '5000:1045710669157053657849499619',
        PhoneNumber: '+85291234567',
        Fee: 1,
        SessionContext: '',
        Code: 'Ok',
        Message: 'send success',
        IsoCode: 'HK',
      },
    ],
    RequestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279',
  },
});

describe('Tencent Cloud SMS sender', () => {
  const clock = new ManualClock(new Date('2026-03-02T01:02:03Z'));

  it('sends a signed SendSms request that the server can verify', async () => {
    const fake = await startFakeTencent(() => ({ status: 200, body: okReply }));
    try {
      const sender = createTencentSmsSender(tencentConfig(fake.endpoint), logger, { clock });
      await sender.send({ to: '+85291234567', text: '验证码 123456' });

      expect(fake.captured).toHaveLength(1);
      const [request] = fake.captured;
      const headers = request?.headers ?? {};
      expect(headers['content-type']).toBe('application/json; charset=utf-8');
      expect(headers['x-tc-action']).toBe('SendSms');
      expect(headers['x-tc-version']).toBe('2021-01-11');
      expect(headers['x-tc-region']).toBe('ap-guangzhou');
      expect(headers['x-tc-timestamp']).toBe(String(Date.parse('2026-03-02T01:02:03Z') / 1000));
      expect(headers.authorization).toMatch(
        new RegExp(
          `^TC3-HMAC-SHA256 Credential=${secretId}/2026-03-02/sms/tc3_request, ` +
            'SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$',
        ),
      );

      expect(JSON.parse(request?.body ?? '')).toEqual({
        PhoneNumberSet: ['+85291234567'],
        SmsSdkAppId: '1400006666',
        TemplateId: '1110',
        SignName: '统一客户专区',
        TemplateParamSet: ['验证码 123456'],
      });

      // Recompute the signature from what arrived, as Tencent's server does.
      const expected = signTc3Request({
        secretId,
        secretKey,
        service: 'sms',
        host: headers.host ?? '',
        timestamp: Number(headers['x-tc-timestamp']),
        contentType: headers['content-type'] ?? '',
        payload: request?.body ?? '',
        action: headers['x-tc-action'] as string,
      });
      expect(headers.authorization).toBe(expected.authorization);
    } finally {
      await fake.close();
    }
  });

  it('maps an API error reply to a DeliveryError with its code', async () => {
    const fake = await startFakeTencent(() => ({
      status: 200,
      body: JSON.stringify({
        Response: {
          Error: {
            Code: 'AuthFailure.SignatureFailure',
            Message: 'The provided credentials could not be validated.',
          },
          RequestId: 'ed93f3cb-f35e-473f-b9f3-0d451b8b79c6',
        },
      }),
    }));
    try {
      const sender = createTencentSmsSender(tencentConfig(fake.endpoint), logger, { clock });
      const failure = await sender.send({ to: '+85291234567', text: 'x' }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(DeliveryError);
      expect((failure as DeliveryError).providerCode).toBe('AuthFailure.SignatureFailure');
      // A configuration problem: retried so that no message is lost while it is fixed.
      expect((failure as DeliveryError).permanent).toBe(false);
    } finally {
      await fake.close();
    }
  });

  it('treats a rejected phone number as permanent', async () => {
    const fake = await startFakeTencent(() => ({
      status: 200,
      body: JSON.stringify({
        Response: {
          SendStatusSet: [
            {
              SerialNo: '',
              PhoneNumber: '+85200000000',
              Fee: 0,
              Code: 'InvalidParameterValue.IncorrectPhoneNumber',
              Message: 'incorrect number',
            },
          ],
          RequestId: 'r-1',
        },
      }),
    }));
    try {
      const sender = createTencentSmsSender(tencentConfig(fake.endpoint), logger, { clock });
      const failure = await sender.send({ to: '+85200000000', text: 'x' }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(DeliveryError);
      expect((failure as DeliveryError).providerCode).toBe(
        'InvalidParameterValue.IncorrectPhoneNumber',
      );
      expect((failure as DeliveryError).permanent).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('treats an unparseable server error as temporary', async () => {
    const fake = await startFakeTencent(() => ({ status: 502, body: '<html>bad gateway</html>' }));
    try {
      const sender = createTencentSmsSender(tencentConfig(fake.endpoint), logger, { clock });
      const failure = await sender.send({ to: '+85291234567', text: 'x' }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(DeliveryError);
      expect((failure as DeliveryError).permanent).toBe(false);
      expect((failure as DeliveryError).providerCode).toBe('HTTP 502');
    } finally {
      await fake.close();
    }
  });

  it('treats a refused connection as temporary', async () => {
    const fake = await startFakeTencent(() => ({ status: 200, body: okReply }));
    await fake.close();
    const sender = createTencentSmsSender(tencentConfig(fake.endpoint), logger, {
      clock,
      timeoutMs: 2000,
    });
    const failure = await sender.send({ to: '+85291234567', text: 'x' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect((failure as DeliveryError).permanent).toBe(false);
  });

  it('names missing credentials in a ConfigError', () => {
    const config = { ...tencentConfig('http://127.0.0.1:9'), TENCENT_SMS_SECRET_KEY: undefined };
    expect(() => createTencentSmsSender(config, logger)).toThrow(ConfigError);
    expect(() => createTencentSmsSender(config, logger)).toThrow('TENCENT_SMS_SECRET_KEY');
  });
});
