import type { BoundAccount, TokenTransport } from '@ucz/shared';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import { accountModel } from '../accounts/account.model';
import type { AccountDoc } from '../accounts/account.model';
import { companyModel } from '../accounts/company.model';
import type { CompanyDoc } from '../accounts/company.model';
import type { AuditLog, RequestMeta } from '../audit/audit.service';
import type { IssuedSession, SessionService } from '../auth/session.service';
import type { BindTickets } from './bind-tickets';
import type { WechatBinding, WechatBindings } from './bindings';
import type { WechatIdentity, WechatIdentityService } from './identity.service';

/** A bound account that may log in, with its company. */
export interface ActiveAccount {
  account: AccountDoc;
  company: CompanyDoc;
}

/** The outcome of a WeChat login: a session for a bound user, a bind ticket otherwise. */
export type WechatLoginResult =
  | {
      bound: true;
      identity: WechatIdentity;
      binding: WechatBinding;
      session: IssuedSession;
      account: AccountDoc;
      company: CompanyDoc;
    }
  | { bound: false; identity: WechatIdentity; bindTicket: string; bindTicketExpiresAt: Date };

export interface WechatLoginService {
  /**
   * Logs a mini-program user in with a wx.login code. A bound user gets a bearer session
   * marked with the WeChat identity, so that unbinding ends it. An unbound user gets a
   * bind ticket, which names `scanTicketId` when the login came from a scan.
   */
  login(
    code: string,
    request: RequestMeta,
    options?: { scanTicketId?: string },
  ): Promise<WechatLoginResult>;
  /** Issues a bind ticket for an identity that is not bound. */
  issueBindTicket(
    identity: WechatIdentity,
    scanTicketId?: string,
  ): Promise<{ bindTicket: string; bindTicketExpiresAt: Date }>;
  /** Returns the account and company when the account may log in; throws wechat.account_inactive. */
  activeAccount(accountId: string): Promise<ActiveAccount>;
  /** Starts a session of the bound account, marked with the identity it was made through. */
  startSession(input: {
    binding: WechatBinding;
    transport: TokenTransport;
    method: 'wechat' | 'wechat_scan' | 'wechat_bind';
    request: RequestMeta;
  }): Promise<{ session: IssuedSession } & ActiveAccount>;
  findAccount(accountId: string): Promise<AccountDoc | undefined>;
  /** The bound account as 个人信息 and the scan confirm page show it. */
  summaryOf(accountId: string): Promise<BoundAccount>;
}

/** Creates the mini-program login: wx.login code → identity → session or bind ticket. */
export function createWechatLoginService(deps: {
  db: Connection;
  clock: Clock;
  logger: Logger;
  identities: WechatIdentityService;
  bindings: WechatBindings;
  bindTickets: BindTickets;
  sessions: SessionService;
  audit: AuditLog;
}): WechatLoginService {
  const Accounts = accountModel(deps.db);
  const Companies = companyModel(deps.db);
  const log = deps.logger.child({ component: 'wechat-login' });

  async function findAccount(accountId: string): Promise<AccountDoc | undefined> {
    if (!Types.ObjectId.isValid(accountId)) return undefined;
    return (await Accounts.findById(accountId).lean<AccountDoc>()) ?? undefined;
  }

  async function activeAccount(accountId: string): Promise<ActiveAccount> {
    const account = await findAccount(accountId);
    const company = account ? await Companies.findById(account.companyId).lean<CompanyDoc>() : null;
    if (
      !account ||
      !company ||
      account.status !== 'active' ||
      !account.passwordHash ||
      company.status !== 'certified'
    ) {
      log.info({ accountId }, 'WeChat login rejected: the bound account is not active');
      throw new AppError('wechat.account_inactive');
    }
    return { account, company };
  }

  async function startSession(input: Parameters<WechatLoginService['startSession']>[0]) {
    const { account, company } = await activeAccount(input.binding.accountId);
    const session = await deps.sessions.start({
      subjectType: 'account',
      subjectId: account._id.toString(),
      sessionVersion: account.sessionVersion,
      transport: input.transport,
      request: input.request,
      wechatIdentityId: input.binding.identityId,
    });
    await Accounts.updateOne({ _id: account._id }, { $set: { lastLoginAt: deps.clock.now() } });
    await deps.audit.record({
      action: 'auth.login_succeeded',
      actor: { type: 'account', id: account._id.toString(), label: account.username },
      companyId: account.companyId,
      request: input.request,
      details: {
        method: input.method,
        transport: input.transport,
        wechatIdentityId: input.binding.identityId,
      },
    });
    log.info(
      {
        accountId: account._id.toString(),
        identityId: input.binding.identityId,
        method: input.method,
      },
      'account logged in through WeChat',
    );
    return { session, account, company };
  }

  async function issueBindTicket(identity: WechatIdentity, scanTicketId?: string) {
    const issued = await deps.bindTickets.issue({
      identityId: identity.id,
      ...(scanTicketId ? { scanTicketId } : {}),
    });
    log.info({ identityId: identity.id, fromScan: Boolean(scanTicketId) }, 'bind ticket issued');
    return { bindTicket: issued.bindTicket, bindTicketExpiresAt: issued.expiresAt };
  }

  return {
    async login(code, request, options = {}) {
      const { identity } = await deps.identities.resolveIdentity(code);
      const binding = await deps.bindings.ofIdentity(identity.id);
      if (!binding) {
        return {
          bound: false,
          identity,
          ...(await issueBindTicket(identity, options.scanTicketId)),
        };
      }
      const started = await startSession({
        binding,
        transport: 'bearer',
        method: 'wechat',
        request,
      });
      return { bound: true, identity, binding, ...started };
    },

    issueBindTicket,
    activeAccount,
    startSession,

    findAccount,

    async summaryOf(accountId) {
      const account = await findAccount(accountId);
      const company = account
        ? await Companies.findById(account.companyId).lean<CompanyDoc>()
        : null;
      return {
        username: account?.username ?? '',
        name: account?.name ?? '',
        companyName: company?.fullName ?? '',
      };
    },
  };
}
