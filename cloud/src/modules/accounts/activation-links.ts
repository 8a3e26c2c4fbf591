import { createHash, randomBytes } from 'node:crypto';
import { maskEmail } from '@ucz/shared';
import type { Locale } from '@ucz/shared';
import type { Connection, Types } from 'mongoose';
import type { Config } from '../../config';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { Mailer } from '../notifications/notification.types';
import { activationMail } from './activation-mail';
import { activationTokenModel } from './activation-token.model';
import type { ActivationPurpose } from './activation-token.model';

/** Maximum length of a token that is looked up; issued tokens have 43 characters. */
const maxTokenLength = 200;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LinkRecipient {
  _id: Types.ObjectId;
  email: string;
  name: string;
  username: string;
  locale: Locale;
}

/**
 * Creates the emailed links that set an account's password. The mail goes out directly
 * through the mailer rather than the notification outbox, so that the token exists in
 * clear only in the email, never in the database.
 */
export function createActivationLinks(deps: {
  db: Connection;
  clock: Clock;
  config: Config;
  mailer: Mailer;
  logger: Logger;
}) {
  const { clock, config, mailer } = deps;
  const Tokens = activationTokenModel(deps.db);
  const log = deps.logger.child({ component: 'activation-links' });
  const validMs = config.ACTIVATION_LINK_HOURS * 3_600_000;
  const baseUrl = (config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`).replace(
    /\/+$/u,
    '',
  );

  /**
   * Replaces the account's earlier links with a new one and emails it. Returns whether
   * the mail went out; after a failed send the new link is withdrawn as well.
   */
  async function issue(
    account: LinkRecipient,
    purpose: ActivationPurpose,
  ): Promise<{ sent: boolean; sentTo: string }> {
    const now = clock.now();
    const token = randomBytes(32).toString('base64url');
    const tokenHash = hashToken(token);
    await Tokens.deleteMany({ accountId: account._id });
    await Tokens.create({
      _id: tokenHash,
      accountId: account._id,
      purpose,
      createdAt: now,
      expiresAt: new Date(now.getTime() + validMs),
    });

    const sentTo = maskEmail(account.email);
    try {
      await mailer.send({
        to: account.email,
        ...activationMail({
          locale: account.locale,
          purpose,
          name: account.name,
          username: account.username,
          link: `${baseUrl}/activate?token=${token}`,
          validHours: config.ACTIVATION_LINK_HOURS,
        }),
      });
    } catch (error) {
      await Tokens.deleteOne({ _id: tokenHash });
      log.warn(
        { accountId: account._id.toString(), purpose, err: error },
        'password link not delivered; link withdrawn',
      );
      return { sent: false, sentTo };
    }
    log.info({ accountId: account._id.toString(), purpose, to: sentTo }, 'password link sent');
    return { sent: true, sentTo };
  }

  /** Uses a link token once; returns its account and purpose, or undefined when unknown, expired or used. */
  async function consume(
    token: string,
  ): Promise<{ accountId: Types.ObjectId; purpose: ActivationPurpose } | undefined> {
    if (token.length === 0 || token.length > maxTokenLength) return undefined;
    const tokenHash = hashToken(token);
    const stored = await Tokens.findById(tokenHash).lean();
    if (!stored || stored.expiresAt.getTime() <= clock.now().getTime()) return undefined;
    const { deletedCount } = await Tokens.deleteOne({ _id: tokenHash });
    if (deletedCount !== 1) return undefined;
    return { accountId: stored.accountId, purpose: stored.purpose };
  }

  /** Withdraws every open link of an account, after its password was set another way. */
  async function withdrawAll(accountId: Types.ObjectId): Promise<void> {
    await Tokens.deleteMany({ accountId });
  }

  async function sweep(): Promise<number> {
    return (await Tokens.deleteMany({ expiresAt: { $lte: clock.now() } })).deletedCount;
  }

  return { issue, consume, withdrawAll, sweep };
}

export type ActivationLinks = ReturnType<typeof createActivationLinks>;
