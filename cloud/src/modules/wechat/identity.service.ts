import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { AppError, invalidFields } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import { usedLoginCodeModel, wechatIdentityModel } from './identity.model';
import type { WechatIdentityDoc } from './identity.model';
import { toAppError } from './wechat-app-errors';
import type { WechatClient } from './wechat-client';

/** A mini-program user as the server knows them. */
export interface WechatIdentity {
  id: string;
  appid: string;
  openid: string;
  /** Present only when the mini-program is bound to an Open Platform account. */
  unionid?: string;
  createdAt: Date;
  lastLoginAt: Date;
}

export interface ResolvedIdentity {
  identity: WechatIdentity;
  /** True when this login created the identity. */
  firstLogin: boolean;
}

export interface WechatIdentityService {
  /**
   * Exchanges a wx.login code for the user's identity, creating it on the first login.
   * Throws AppError: `request.invalid` (malformed code), `wechat.code_used` (seen before,
   * here or by WeChat), `wechat.code_invalid`, `wechat.user_blocked`,
   * `request.rate_limited`, `wechat.unavailable`, `wechat.not_configured`.
   */
  resolveIdentity(code: string): Promise<ResolvedIdentity>;
  findIdentity(id: string): Promise<WechatIdentity | undefined>;
}

/** wx.login codes are short printable ASCII strings. */
const loginCodePattern = /^[\x21-\x7e]{1,128}$/u;

function toIdentity(doc: WechatIdentityDoc): WechatIdentity {
  return {
    id: doc._id.toString(),
    appid: doc.appid,
    openid: doc.openid,
    ...(doc.unionid ? { unionid: doc.unionid } : {}),
    createdAt: doc.createdAt,
    lastLoginAt: doc.lastLoginAt,
  };
}

/**
 * Creates the mini-program identity service. `client` is the mini-program's WeChat
 * client, or undefined when no mini-program is configured.
 */
export function createWechatIdentityService(deps: {
  db: Connection;
  client: WechatClient | undefined;
  clock: Clock;
  logger: Logger;
}): WechatIdentityService {
  const identities = wechatIdentityModel(deps.db);
  const usedCodes = usedLoginCodeModel(deps.db);
  const log = deps.logger.child({ component: 'wechat-identity' });

  /** Records the code as used; false when some request used it before. */
  async function claimCode(appid: string, code: string): Promise<boolean> {
    const codeHash = createHash('sha256').update(`${appid}:${code}`).digest('hex');
    try {
      await usedCodes.create({ codeHash, usedAt: deps.clock.now() });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Finds or creates the identity; of two concurrent first logins the unique index lets one create it. */
  async function upsertIdentity(
    appid: string,
    openid: string,
    unionid: string | undefined,
  ): Promise<ResolvedIdentity> {
    const now = deps.clock.now();
    const existing = await identities.findOne({ appid, openid }).lean<WechatIdentityDoc>();
    if (!existing) {
      try {
        const created = await identities.create({
          appid,
          openid,
          ...(unionid ? { unionid } : {}),
          createdAt: now,
          lastLoginAt: now,
        });
        log.info({ identityId: created._id.toString(), appid }, 'WeChat identity created');
        return { identity: toIdentity(created.toObject() as WechatIdentityDoc), firstLogin: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        log.debug({ appid }, 'WeChat identity created by a concurrent login');
      }
    }

    const update: Record<string, unknown> = { lastLoginAt: now };
    // A unionid appears once the app is bound to an Open Platform account.
    if (unionid) update.unionid = unionid;
    const updated = await identities
      .findOneAndUpdate({ appid, openid }, { $set: update }, { returnDocument: 'after' })
      .lean<WechatIdentityDoc>();
    if (!updated)
      throw new Error(`WeChat identity of appid ${appid} not found after it was created or found`);
    return { identity: toIdentity(updated), firstLogin: false };
  }

  return {
    async resolveIdentity(code) {
      if (!loginCodePattern.test(code)) throw invalidFields({ field: 'code', code: 'invalid' });
      const { client } = deps;
      if (!client) throw new AppError('wechat.not_configured');

      if (!(await claimCode(client.appid, code))) {
        log.info({ appid: client.appid }, 'login code rejected: already used');
        throw new AppError('wechat.code_used');
      }
      let session;
      try {
        session = await client.code2Session(code);
      } catch (error) {
        throw toAppError(error, log);
      }
      return upsertIdentity(client.appid, session.openid, session.unionid);
    },

    async findIdentity(id) {
      if (!Types.ObjectId.isValid(id)) return undefined;
      const doc = await identities.findById(id).lean<WechatIdentityDoc>();
      return doc ? toIdentity(doc) : undefined;
    },
  };
}
