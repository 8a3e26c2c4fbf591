import { z } from 'zod';
import { ConfigError } from '../../config';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { systemClock } from '../../lib/clock';
import type { Clock } from '../../lib/clock';
import { DeliveryError } from './delivery-error';
import type { SmsMessage, SmsSender } from './notification.types';
import { signTc3Request } from './tc3-signer';

const apiVersion = '2021-01-11';
const action = 'SendSms';
const contentType = 'application/json; charset=utf-8';

/**
 * SendSms error codes that fail the same way on every retry because they concern the
 * message itself (number, content). Configuration and quota errors are retried, so
 * an operator can fix them without losing messages.
 */
const permanentErrorCodes = new Set([
  'InvalidParameterValue.IncorrectPhoneNumber',
  'InvalidParameterValue.ContentLengthLimit',
  'InvalidParameterValue.TemplateParameterFormatError',
  'InvalidParameterValue.TemplateParameterLengthLimit',
  'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter',
  'FailedOperation.PhoneNumberInBlacklist',
  'FailedOperation.ContainSensitiveWord',
  'UnsupportedOperation.UnsupportedRegion',
]);

const errorReplySchema = z.object({
  Response: z.object({
    Error: z.object({ Code: z.string(), Message: z.string() }),
    RequestId: z.string().optional(),
  }),
});

const sendReplySchema = z.object({
  Response: z.object({
    SendStatusSet: z
      .array(
        z.object({
          SerialNo: z.string(),
          PhoneNumber: z.string(),
          Code: z.string(),
          Message: z.string(),
          Fee: z.number().optional(),
          IsoCode: z.string().optional(),
        }),
      )
      .min(1),
    RequestId: z.string(),
  }),
});

export interface TencentSmsOptions {
  /** Source of the X-TC-Timestamp; Tencent rejects signatures more than 5 minutes off. */
  clock?: Clock;
  timeoutMs?: number;
}

function requireSettings(config: Config) {
  const settings = {
    TENCENT_SMS_SECRET_ID: config.TENCENT_SMS_SECRET_ID,
    TENCENT_SMS_SECRET_KEY: config.TENCENT_SMS_SECRET_KEY,
    TENCENT_SMS_SDK_APP_ID: config.TENCENT_SMS_SDK_APP_ID,
    TENCENT_SMS_TEMPLATE_ID: config.TENCENT_SMS_TEMPLATE_ID,
  };
  const missing = Object.entries(settings)
    .filter(([, value]) => !value)
    .map(([name]) => `${name}: required when SMS_PROVIDER=tencent`);
  if (missing.length > 0) throw new ConfigError(missing);
  return settings as { [K in keyof typeof settings]: string };
}

function permanence(code: string): boolean {
  return permanentErrorCodes.has(code);
}

/**
 * Creates an SmsSender for Tencent Cloud SMS (API 3.0, action SendSms, version
 * 2021-01-11), signed with TC3-HMAC-SHA256 and sent to TENCENT_SMS_ENDPOINT. Replies
 * are parsed with zod; every failure becomes a DeliveryError whose `permanent` flag
 * tells the outbox whether a retry can help.
 *
 * NOTE: SendSms sends approved templates, not free text. The message text goes into
 * the single parameter of TENCENT_SMS_TEMPLATE_ID, so that template must be `{1}`, and
 * Tencent limits parameter length (12 characters for Chinese mainland templates), so
 * long notifications need templates of their own per message kind.
 */
export function createTencentSmsSender(
  config: Config,
  logger: Logger,
  options: TencentSmsOptions = {},
): SmsSender {
  const settings = requireSettings(config);
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const endpoint = new URL(config.TENCENT_SMS_ENDPOINT);
  const log = logger.child({ component: 'tencent-sms' });

  return {
    async send(message: SmsMessage): Promise<void> {
      const payload = JSON.stringify({
        PhoneNumberSet: [message.to],
        SmsSdkAppId: settings.TENCENT_SMS_SDK_APP_ID,
        TemplateId: settings.TENCENT_SMS_TEMPLATE_ID,
        ...(config.TENCENT_SMS_SIGN_NAME ? { SignName: config.TENCENT_SMS_SIGN_NAME } : {}),
        TemplateParamSet: [message.text],
      });
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      const { authorization } = signTc3Request({
        secretId: settings.TENCENT_SMS_SECRET_ID,
        secretKey: settings.TENCENT_SMS_SECRET_KEY,
        service: 'sms',
        host: endpoint.host,
        timestamp,
        contentType,
        payload,
        action,
      });

      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            Authorization: authorization,
            'Content-Type': contentType,
            'X-TC-Action': action,
            'X-TC-Version': apiVersion,
            'X-TC-Timestamp': String(timestamp),
            'X-TC-Region': config.TENCENT_SMS_REGION,
          },
          body: payload,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new DeliveryError(`Tencent SMS request failed: ${(error as Error).message}`, {
          permanent: false,
          cause: error,
        });
      }

      const body: unknown = await response.json().catch(() => undefined);
      const failure = errorReplySchema.safeParse(body);
      if (failure.success) {
        const { Code, Message } = failure.data.Response.Error;
        throw new DeliveryError(`Tencent SMS rejected the request: ${Code} ${Message}`, {
          permanent: permanence(Code),
          providerCode: Code,
        });
      }
      const reply = sendReplySchema.safeParse(body);
      if (!response.ok || !reply.success) {
        throw new DeliveryError(
          `Tencent SMS returned an unexpected reply (HTTP ${response.status})`,
          {
            permanent: false,
            providerCode: `HTTP ${response.status}`,
          },
        );
      }

      const [status] = reply.data.Response.SendStatusSet;
      if (!status || status.Code !== 'Ok') {
        const code = status?.Code ?? 'missing SendStatus';
        throw new DeliveryError(
          `Tencent SMS did not send the message: ${code} ${status?.Message ?? ''}`.trim(),
          {
            permanent: permanence(code),
            providerCode: code,
          },
        );
      }
      log.debug(
        { requestId: reply.data.Response.RequestId, serialNo: status.SerialNo },
        'SMS sent',
      );
    },
  };
}
