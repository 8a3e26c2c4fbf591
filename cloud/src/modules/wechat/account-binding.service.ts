import { maskEmail, maskPhone, normaliseEmail, toE164 } from '@ucz/shared';
import type {
  BindCodeResponse,
  BindingView,
  Locale,
  LoginCodeChannel,
  ScanTicketView,
} from '@ucz/shared';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { AppError, invalidFields } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { AccountDoc } from '../accounts/account.model';
import type { CompanyDoc } from '../accounts/company.model';
import type { AuditLog, RequestMeta } from '../audit/audit.service';
import type { AuthRateLimits } from '../auth/rate-limits';
import type { IssuedSession, SessionService } from '../auth/session.service';
import type { OtpService } from '../otp/otp.types';
import type { BindTickets } from './bind-tickets';
import type { WechatBinding, WechatBindings } from './bindings';
import type { ScanTicketService } from './scan-tickets.service';
import { viewOf } from './scan-tickets.service';
import type { WechatSecurityNotices } from './security-notices';
import type { WechatLoginService } from './wechat-login.service';

/** 用户名, 密码 and 手机号/邮箱 of 微信绑定账号, with the bind ticket that names the WeChat user. */
export interface BindCredentials {
  bindTicket: string;
  username: string;
  password: string;
  contact: string;
}

type ClientRequest = RequestMeta & { ip: string };

export interface AccountBindingService {
  /** Checks the credentials, then sends a `bind` code to the account's mobile or email that `contact` names. */
  requestCode(
    input: BindCredentials,
    request: ClientRequest,
    locale: Locale,
  ): Promise<BindCodeResponse>;
  /**
   * Checks the credentials and the code, binds the WeChat user to the account, and
   * returns a bearer session made through WeChat. A binding started from a scan
   * completes that website login.
   */
  bind(
    input: BindCredentials & { code: string; scanTicketId?: string },
    request: ClientRequest,
  ): Promise<{
    session: IssuedSession;
    account: AccountDoc;
    company: CompanyDoc;
    scanTicket?: ScanTicketView;
  }>;
  /**
   * Unbinds the account's WeChat user, ends every session made through it and sends a
   * security notice. Throws wechat.binding_not_found when the account is not bound.
   */
  unbind(
    account: { id: string; username: string; companyId: string },
    request: RequestMeta,
  ): Promise<void>;
  bindingOf(accountId: string): Promise<BindingView>;
}

/** Returns where a `bind` code goes when `contact` is the account's mobile or email. */
function destinationFor(
  account: AccountDoc,
  contact: string,
): { channel: LoginCodeChannel; destination: string } | undefined {
  if (contact.includes('@')) {
    return normaliseEmail(contact) === account.emailKey
      ? { channel: 'email', destination: account.emailKey }
      : undefined;
  }
  if (!account.mobile) return undefined;
  // A number typed without a country code is read with the mobile's own country code.
  const ownCallingCode = parsePhoneNumberFromString(account.mobile)?.countryCallingCode;
  const candidates = [
    toE164(contact),
    ownCallingCode ? toE164(contact, ownCallingCode) : undefined,
  ];
  return candidates.includes(account.mobile)
    ? { channel: 'sms', destination: account.mobile }
    : undefined;
}

/** Creates 微信绑定账号 and unbinding (个人信息, account centre). */
export function createAccountBindingService(deps: {
  clock: Clock;
  logger: Logger;
  checkCredentials: (
    username: string,
    password: string,
    request: RequestMeta,
  ) => Promise<{ account: AccountDoc; company: CompanyDoc }>;
  rateLimits: AuthRateLimits;
  otp: OtpService;
  bindings: WechatBindings;
  bindTickets: BindTickets;
  login: WechatLoginService;
  scanTickets: ScanTicketService;
  sessions: SessionService;
  notices: WechatSecurityNotices;
  audit: AuditLog;
}): AccountBindingService {
  const log = deps.logger.child({ component: 'wechat-binding' });

  /** Checks everything a bind needs before a code is sent or used. */
  async function checkBindRequest(input: BindCredentials, request: ClientRequest) {
    await deps.rateLimits.loginAttempt(request.ip);
    const claims = await deps.bindTickets.resolve(input.bindTicket);
    const { account, company } = await deps.checkCredentials(
      input.username,
      input.password,
      request,
    );
    const destination = destinationFor(account, input.contact);
    if (!destination) {
      log.info(
        { accountId: account._id.toString() },
        'bind rejected: the contact is not the account’s mobile or email',
      );
      throw new AppError('wechat.contact_mismatch', {
        fields: [{ field: 'contact', code: 'account_mismatch' }],
      });
    }
    await assertBindable(claims.identityId, account._id.toString());
    return { claims, account, company, destination };
  }

  /** Refuses a binding that would move an identity or replace an account's binding. */
  async function assertBindable(identityId: string, accountId: string): Promise<void> {
    const ofIdentity = await deps.bindings.ofIdentity(identityId);
    if (ofIdentity && ofIdentity.accountId !== accountId) {
      log.info(
        { identityId, accountId },
        'bind rejected: the WeChat user is bound to another account',
      );
      throw new AppError('wechat.identity_already_bound');
    }
    const ofAccount = await deps.bindings.ofAccount(accountId);
    if (ofAccount && ofAccount.identityId !== identityId) {
      log.info(
        { identityId, accountId },
        'bind rejected: the account is bound to another WeChat user',
      );
      throw new AppError('wechat.account_already_bound');
    }
  }

  /** Completes the website login of a scan ticket for the new binding; returns the ticket's state. */
  async function completeScanLogin(
    scanTicketId: string,
    binding: WechatBinding,
  ): Promise<ScanTicketView> {
    try {
      return viewOf(
        await deps.scanTickets.confirm(scanTicketId, binding.identityId, binding.accountId),
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // The binding is kept, and the website shows the ticket's state and offers a new code.
      log.info(
        { scanTicketId, identityId: binding.identityId, code: error.code },
        'binding done, but its scan ticket can no longer be confirmed',
      );
      const snapshot = await deps.scanTickets.read(scanTicketId);
      if (!snapshot) throw error;
      return viewOf(snapshot);
    }
  }

  return {
    async requestCode(input, request, locale) {
      const { account, destination } = await checkBindRequest(input, request);
      const sent = await deps.otp.send({
        purpose: 'bind',
        channel: destination.channel,
        destination: destination.destination,
        locale,
        clientIp: request.ip,
      });
      await deps.audit.record({
        action: 'auth.code_sent',
        actor: { type: 'account', id: account._id.toString(), label: account.username },
        companyId: account.companyId,
        request,
        details: { purpose: 'bind', channel: destination.channel },
      });
      return {
        channel: destination.channel,
        destination:
          destination.channel === 'sms'
            ? maskPhone(destination.destination)
            : maskEmail(destination.destination),
        expiresInSeconds: sent.expiresInSeconds,
        resendAfterSeconds: sent.resendAfterSeconds,
      };
    },

    async bind(input, request) {
      const { claims, account, destination } = await checkBindRequest(input, request);
      if (claims.scanTicketId && input.scanTicketId && claims.scanTicketId !== input.scanTicketId)
        throw invalidFields({ field: 'scanTicketId', code: 'invalid' });
      await deps.otp.verify({
        purpose: 'bind',
        destination: destination.destination,
        code: input.code,
      });

      const scanTicketId = claims.scanTicketId ?? input.scanTicketId;
      const accountId = account._id.toString();
      const { binding, created } = await deps.bindings.bind({
        identityId: claims.identityId,
        accountId,
        via: scanTicketId ? 'scan' : 'mini_program',
      });
      await deps.bindTickets.consume(input.bindTicket);
      if (created) {
        log.info({ identityId: binding.identityId, accountId }, 'WeChat bound to account');
        await deps.audit.record({
          action: 'wechat.bound',
          actor: { type: 'account', id: accountId, label: account.username },
          target: { type: 'account', id: accountId, label: account.username },
          companyId: account.companyId,
          request,
          details: { wechatIdentityId: binding.identityId, via: binding.via },
        });
        await deps.notices.send({
          event: 'wechat_bound',
          identityId: binding.identityId,
          account,
          occurredAt: binding.boundAt,
          dedupeKey: `wechat_bound:${binding.id}`,
        });
      }

      const scanTicket = scanTicketId ? await completeScanLogin(scanTicketId, binding) : undefined;
      const started = await deps.login.startSession({
        binding,
        transport: 'bearer',
        method: 'wechat_bind',
        request,
      });
      return { ...started, ...(scanTicket ? { scanTicket } : {}) };
    },

    async unbind(account, request) {
      const binding = await deps.bindings.ofAccount(account.id);
      if (!binding) throw new AppError('wechat.binding_not_found');

      // Every step may run again: a retry after a crash finds the binding and repeats them.
      let ended = await deps.sessions.endAllForWechatIdentity(binding.identityId);
      const stored = await deps.login.findAccount(account.id);
      if (stored) {
        await deps.notices.send({
          event: 'wechat_unbound',
          identityId: binding.identityId,
          account: stored,
          occurredAt: deps.clock.now(),
          dedupeKey: `wechat_unbound:${binding.id}`,
        });
      }
      const removed = await deps.bindings.remove(binding.id);
      // Sessions that a concurrent WeChat login started before the binding went.
      ended += await deps.sessions.endAllForWechatIdentity(binding.identityId);
      if (!removed) return;

      log.info(
        { identityId: binding.identityId, accountId: account.id, sessionsEnded: ended },
        'WeChat unbound from account',
      );
      await deps.audit.record({
        action: 'wechat.unbound',
        actor: { type: 'account', id: account.id, label: account.username },
        target: { type: 'account', id: account.id, label: account.username },
        companyId: account.companyId,
        request,
        details: { wechatIdentityId: binding.identityId, sessionsEnded: ended },
      });
    },

    async bindingOf(accountId) {
      const binding = await deps.bindings.ofAccount(accountId);
      if (!binding) return { bound: false };
      return {
        bound: true,
        boundAt: binding.boundAt.toISOString(),
        account: await deps.login.summaryOf(accountId),
      };
    },
  };
}
