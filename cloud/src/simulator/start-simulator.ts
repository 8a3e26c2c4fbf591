import type { Config } from '../config';
import type { Logger } from '../logger';
import { createSmtpMailer } from '../modules/notifications/smtp-mailer';
import type { Mailer, SmsSender } from '../modules/notifications/notification.types';
import { createTencentSmsSender } from '../modules/notifications/tencent-sms';
import { startSimulatorWechat } from './fake-wechat/simulator-wechat';
import type { SimulatorWechat } from './fake-wechat/simulator-wechat';
import { createSmsSink } from './sms-sink';
import type { SmsSink } from './sms-sink';
import { startSmtpSink } from './smtp-sink';
import type { SmtpSink } from './smtp-sink';

export interface OutsideServices {
  mailer: Mailer;
  sms: SmsSender;
  simulator?: { smtp: SmtpSink; sms: SmsSink; wechat: SimulatorWechat };
  stoppers: { name: string; stop: () => Promise<void> | void }[];
}

/**
 * Connects the mailer and SMS sender: to the local SMTP and SMS sinks in simulator
 * mode, otherwise to the configured SMTP server and SMS provider. Simulator mode also
 * starts the fake WeChat API server that the WeChat module then talks to.
 */
export async function startSimulatorServices(
  config: Config,
  logger: Logger,
): Promise<OutsideServices> {
  if (config.SIMULATOR) {
    const smtp = await startSmtpSink({ port: config.SIMULATOR_SMTP_PORT, logger });
    const sms = createSmsSink(logger);
    const mailer = createSmtpMailer({ url: smtp.url, from: config.MAIL_FROM, logger });
    const wechat = await startSimulatorWechat({ logger });
    logger.info(
      { smtpPort: smtp.port, wechatUrl: wechat.baseUrl },
      'simulator started: SMTP sink, SMS sink and fake WeChat',
    );
    return {
      mailer,
      sms,
      simulator: { smtp, sms, wechat },
      stoppers: [
        { name: 'smtp sink', stop: () => smtp.stop() },
        { name: 'mailer', stop: () => mailer.close() },
        { name: 'fake WeChat', stop: () => wechat.stop() },
      ],
    };
  }

  const mailer = createSmtpMailer({
    url: config.SMTP_URL as string,
    from: config.MAIL_FROM,
    logger,
  });
  const sms = createTencentSmsSender(config, logger);
  return { mailer, sms, stoppers: [{ name: 'mailer', stop: () => mailer.close() }] };
}
