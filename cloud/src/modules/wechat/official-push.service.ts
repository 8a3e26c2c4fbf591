import type { Connection } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import { profileMenuKey } from './official-menu';
import { pushEventModel } from './push-event.model';
import {
  escapeAttribute,
  isValidPushSignature,
  parsePushXml,
  pushDedupeKey,
  textReplyXml,
} from './push-protocol';
import type { PushMessage, PushSignatureParams } from './push-protocol';
import type { WechatSettings } from './wechat-settings';

/** Response of the push endpoint to WeChat. */
export interface PushAnswer {
  contentType: string;
  body: string;
}

export interface OfficialPushService {
  /** Returns `echostr` when the signature is valid; throws `wechat.signature_invalid` otherwise. */
  verifyUrl(params: PushSignatureParams & { echostr?: string }): string;
  /** Checks the signature, then handles the pushed XML; throws `wechat.signature_invalid` first. */
  handlePush(params: PushSignatureParams, xml: string): Promise<PushAnswer>;
}

/** The plain acknowledgement: WeChat sends nothing to the user and does not retry. */
const acknowledge: PushAnswer = { contentType: 'text/plain; charset=utf-8', body: 'success' };

/** WeChat waits 5 s for a response, so after 4 s the endpoint acknowledges and stops waiting. */
const answerDeadlineMs = 4000;

/**
 * Creates the handler of the official account's message push (plaintext mode). Every
 * request's signature is checked, duplicates of a push are acknowledged without being
 * handled again, and a CLICK on the 个人信息 key gets a text reply that links into the
 * mini-program's profile page.
 */
export function createOfficialPushService(deps: {
  db: Connection;
  settings: WechatSettings;
  clock: Clock;
  logger: Logger;
}): OfficialPushService {
  const events = pushEventModel(deps.db);
  const log = deps.logger.child({ component: 'wechat-push' });
  const { settings } = deps;

  function checkSignature(params: PushSignatureParams): void {
    const account = settings.officialAccount;
    if (!account) throw new AppError('wechat.not_configured');
    if (!isValidPushSignature(account.pushToken, params)) {
      log.warn({ timestamp: params.timestamp }, 'push rejected: invalid signature');
      throw new AppError('wechat.signature_invalid');
    }
  }

  function profileLinkText(): string {
    const href = escapeAttribute(settings.websiteUrl);
    if (!settings.miniProgram) return `请在<a href="${href}">统一客户专区</a>查看个人信息。`;
    const appid = escapeAttribute(settings.miniProgram.appid);
    const path = escapeAttribute(settings.profilePage);
    return `点击打开<a href="${href}" data-miniprogram-appid="${appid}" data-miniprogram-path="${path}">个人信息</a>，查看绑定的账号或解除绑定。`;
  }

  /** Records the push; false when a copy of it was handled before. */
  async function recordOnce(message: PushMessage): Promise<boolean> {
    try {
      await events.create({
        dedupeKey: pushDedupeKey(message),
        msgType: message.MsgType,
        ...(message.Event ? { event: message.Event } : {}),
        ...(message.EventKey ? { eventKey: message.EventKey } : {}),
        openid: message.FromUserName,
        createdAt: new Date(Number(message.CreateTime) * 1000),
        receivedAt: deps.clock.now(),
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async function answer(message: PushMessage): Promise<PushAnswer> {
    if (!(await recordOnce(message))) {
      log.info({ msgType: message.MsgType, event: message.Event }, 'duplicate push ignored');
      return acknowledge;
    }
    log.info(
      { msgType: message.MsgType, event: message.Event, eventKey: message.EventKey },
      'push received',
    );
    if (
      message.MsgType === 'event' &&
      message.Event === 'CLICK' &&
      message.EventKey === profileMenuKey
    ) {
      return {
        contentType: 'text/xml; charset=utf-8',
        body: textReplyXml(message, profileLinkText(), deps.clock.now()),
      };
    }
    return acknowledge;
  }

  return {
    verifyUrl(params) {
      checkSignature(params);
      if (!params.echostr) throw new AppError('wechat.signature_invalid');
      log.info('push URL verified');
      return params.echostr;
    },

    async handlePush(params, xml) {
      checkSignature(params);
      const message = parsePushXml(xml);
      if (!message) {
        // NOTE: safe mode (encrypt_type=aes) is not supported: its <Encrypt> body lands here.
        log.warn({ bytes: xml.length }, 'push not understood; acknowledged without handling');
        return acknowledge;
      }

      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<PushAnswer>((resolve) => {
        timer = setTimeout(() => {
          log.warn(
            { msgType: message.MsgType, event: message.Event },
            'push handling passed its deadline; acknowledged',
          );
          resolve(acknowledge);
        }, answerDeadlineMs);
      });
      try {
        return await Promise.race([answer(message), deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
