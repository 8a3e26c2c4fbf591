import { tidyText, toE164 } from '@ucz/shared';
import type {
  BusinessCategoryCode,
  CompanyAccountView,
  CreateCompanyAccountRequest,
  Locale,
  UpdateCompanyAccountRequest,
} from '@ucz/shared';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { AppError, invalidFields } from '../../http/app-error';
import type { FieldProblem } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import type { AuditLog, RequestMeta } from '../audit/audit.service';
import type { PasswordNotices } from '../auth/password-notices';
import type { SessionService } from '../auth/session.service';
import type { NotificationOutbox } from '../notifications/notification.types';
import { accountConflict } from '../certification/account-claims';
import type { AccountClaims } from '../certification/account-claims';
import { parseAccount, parseEmail } from '../certification/account-step';
import { accountModel } from './account.model';
import type { AccountDoc } from './account.model';
import { companyAccountViewOf } from './account-views';
import type { AccountSendLimits, AccountSendRule } from './account-send-limits';
import type { ActivationLinks } from './activation-links';
import type { WithCompanyLock } from './company-lock';

/** The company admin making a request, from ctx.state.account. */
export interface CompanyAdmin {
  id: string;
  username: string;
  companyId: string;
}

export interface CompanyAccountsDeps {
  db: Connection;
  clock: Clock;
  logger: Logger;
  sessions: SessionService;
  audit: AuditLog;
  activationLinks: ActivationLinks;
  sendLimits: AccountSendLimits;
  claims: AccountClaims;
  withCompanyLock: WithCompanyLock;
  outbox: NotificationOutbox;
  passwordNotices: PasswordNotices;
}

/**
 * Password links that an admin's resend or password reset may email to one account.
 * Both actions share the limit, so that alternating them sends no more mail.
 */
export const passwordLinkRule: AccountSendRule = { intervalSeconds: 60, dailyLimit: 5 };

/** Result of the actions that email a password link. */
export interface LinkResult {
  account: CompanyAccountView;
  linkSent: boolean;
  sentTo: string;
}

/**
 * Creates the company admin's management of their own company's accounts (管理员账号): list,
 * add (the person sets a password through an emailed link), edit, disable and enable,
 * permissions and password reset. Any account of another company gives auth.forbidden;
 * disabling the company's last active admin gives account.last_admin.
 */
export function createCompanyAccountsService(deps: CompanyAccountsDeps) {
  const { clock, sessions, audit, activationLinks, claims, withCompanyLock, outbox } = deps;
  const log = deps.logger.child({ component: 'company-accounts' });
  const Accounts = accountModel(deps.db);

  const actorOf = (admin: CompanyAdmin) => ({
    type: 'account' as const,
    id: admin.id,
    label: admin.username,
  });
  const targetOf = (account: AccountDoc) => ({
    type: 'account' as const,
    id: account._id.toString(),
    label: account.username,
  });

  /** Loads an account of the admin's company; another company's account is forbidden. */
  async function loadOwn(admin: CompanyAdmin, accountId: string): Promise<AccountDoc> {
    const account = Types.ObjectId.isValid(accountId)
      ? await Accounts.findById(accountId).lean<AccountDoc>()
      : null;
    if (!account) throw new AppError('account.not_found');
    if (account.companyId.toString() !== admin.companyId) {
      log.warn(
        { adminId: admin.id, accountId, accountCompanyId: account.companyId.toString() },
        'admin tried to act on another company',
      );
      throw new AppError('auth.forbidden');
    }
    return account;
  }

  /**
   * Lists the account's creation in its notifications once an activation mail went out.
   * That mail is the notice. Because it carries the link, the event records it only as
   * a sent email.
   */
  async function recordAccountCreated(account: AccountDoc, linkSent: boolean): Promise<void> {
    if (!linkSent) return;
    await outbox.recordEvent({
      eventKey: `account_created:${account._id.toString()}`,
      kind: 'account_created',
      accountId: account._id.toString(),
      directDeliveries: [{ channel: 'email', status: 'sent' }],
    });
  }

  /**
   * Claims one password-link mail to the account under `passwordLinkRule`. Throws
   * account.link_too_soon or account.link_daily_limit, with the seconds until a send is
   * allowed, before anything changes.
   */
  async function claimLinkSend(admin: CompanyAdmin, account: AccountDoc) {
    const claim = await deps.sendLimits.claim('password_link', account._id, passwordLinkRule);
    if (claim.granted) return claim.entryId;

    const seconds = claim.retryAfterSeconds;
    log.warn(
      { adminId: admin.id, accountId: account._id.toString(), reason: claim.reason, seconds },
      'password link rejected: send limit of the account reached',
    );
    throw new AppError(
      claim.reason === 'too_soon' ? 'account.link_too_soon' : 'account.link_daily_limit',
      {
        details: { retryAfterSeconds: seconds },
        headers: { 'Retry-After': String(seconds) },
        params: { seconds },
      },
    );
  }

  /** Emails the link. A claim whose mail failed is given back, so the admin can retry at once. */
  async function issueLink(
    account: AccountDoc,
    purpose: 'activate' | 'reset',
    claimId: Types.ObjectId,
  ) {
    const link = await activationLinks.issue(account, purpose);
    if (!link.sent) await deps.sendLimits.release(claimId);
    return link;
  }

  async function reload(accountId: Types.ObjectId): Promise<AccountDoc> {
    const account = await Accounts.findById(accountId).lean<AccountDoc>();
    if (!account) throw new AppError('account.not_found');
    return account;
  }

  async function list(
    admin: CompanyAdmin,
    query: { status?: 'active' | 'disabled'; limit: number; offset: number },
  ) {
    const filter = {
      companyId: new Types.ObjectId(admin.companyId),
      ...(query.status ? { status: query.status } : {}),
    };
    const [accounts, total] = await Promise.all([
      Accounts.find(filter)
        .sort({ createdAt: 1, _id: 1 })
        .skip(query.offset)
        .limit(query.limit)
        .lean<AccountDoc[]>(),
      Accounts.countDocuments(filter),
    ]);
    return { accounts: accounts.map(companyAccountViewOf), total };
  }

  /** Names the fields whose key another account already uses; the unique index does not say which (FerretDB 1.24). */
  async function takenFields(keys: {
    usernameKey: string;
    emailKey: string;
  }): Promise<('username' | 'email')[]> {
    const fields: ('username' | 'email')[] = [];
    if (await Accounts.exists({ usernameKey: keys.usernameKey })) fields.push('username');
    if (await Accounts.exists({ emailKey: keys.emailKey })) fields.push('email');
    return fields.length > 0 ? fields : ['username', 'email'];
  }

  /**
   * Adds an ordinary account to the admin's company and emails the person a link to set
   * a password. Username and email must be free among accounts and live applications.
   */
  async function create(
    admin: CompanyAdmin,
    input: CreateCompanyAccountRequest & { permissions: BusinessCategoryCode[] },
    locale: Locale,
    request: RequestMeta,
  ): Promise<LinkResult> {
    const parsed = parseAccount(input);
    const keys = { usernameKey: parsed.usernameKey ?? '', emailKey: parsed.emailKey ?? '' };
    const conflicts = await claims.findConflicts(keys);
    if (conflicts.length > 0) throw accountConflict(conflicts);

    let account: AccountDoc;
    try {
      const created = await Accounts.create({
        // parseAccount sets every field it returns except the optional mobile.
        username: parsed.username ?? '',
        usernameKey: keys.usernameKey,
        email: parsed.email ?? '',
        emailKey: keys.emailKey,
        name: parsed.name ?? '',
        department: parsed.department ?? '',
        phone: parsed.phone ?? '',
        title: parsed.title ?? '',
        mobile: parsed.mobile ?? undefined,
        companyId: new Types.ObjectId(admin.companyId),
        role: 'user',
        status: 'active',
        permissions: [...new Set(input.permissions)],
        locale,
        createdBy: new Types.ObjectId(admin.id),
      });
      account = created.toObject() as AccountDoc;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      throw accountConflict(await takenFields(keys));
    }

    await audit.record({
      action: 'account.created',
      actor: actorOf(admin),
      target: targetOf(account),
      companyId: admin.companyId,
      request,
      details: { role: 'user', permissions: account.permissions.join(',') },
    });
    const link = await activationLinks.issue(account, 'activate');
    await recordAccountCreated(account, link.sent);
    log.info(
      { adminId: admin.id, accountId: account._id.toString(), linkSent: link.sent },
      'account added by company admin',
    );
    return { account: companyAccountViewOf(account), linkSent: link.sent, sentTo: link.sentTo };
  }

  /** Validates the changed fields and returns the $set and $unset parts of the update. */
  async function changesOf(account: AccountDoc, input: UpdateCompanyAccountRequest) {
    const problems: FieldProblem[] = [];
    const set: Record<string, string> = {};
    const unset: Record<string, 1> = {};
    const callingCode = (input.phoneCallingCode ?? '852').replace(/\D/gu, '');

    for (const field of ['name', 'department', 'title'] as const) {
      const value = input[field];
      if (value !== undefined && tidyText(value) !== account[field]) set[field] = tidyText(value);
    }
    if (input.phone !== undefined) {
      const phone = toE164(input.phone, callingCode);
      if (!phone) problems.push({ field: 'phone', code: 'invalid' });
      else if (phone !== account.phone) set.phone = phone;
    }
    if (input.mobile !== undefined) {
      const trimmed = input.mobile.trim();
      const mobile = trimmed === '' ? undefined : toE164(trimmed, callingCode);
      if (trimmed !== '' && !mobile) problems.push({ field: 'mobile', code: 'invalid' });
      else if (!mobile && account.mobile) unset.mobile = 1;
      else if (mobile && mobile !== account.mobile) set.mobile = mobile;
    }
    if (input.email !== undefined) {
      const email = input.email.normalize('NFKC').trim();
      const emailKey = parseEmail(email);
      if (!emailKey) problems.push({ field: 'email', code: 'invalid' });
      else if (emailKey !== account.emailKey) {
        const conflicts = await claims.findConflicts({ emailKey });
        if (conflicts.length > 0) throw accountConflict(conflicts);
        set.email = email;
        set.emailKey = emailKey;
      } else if (email !== account.email) set.email = email;
    }
    if (problems.length > 0) throw invalidFields(...problems);
    return { set, unset };
  }

  /** Edits an account's person fields; the username stays. */
  async function update(
    admin: CompanyAdmin,
    accountId: string,
    input: UpdateCompanyAccountRequest,
    request: RequestMeta,
  ) {
    const account = await loadOwn(admin, accountId);
    const { set, unset } = await changesOf(account, input);
    const changed = [
      ...Object.keys(set).filter((field) => field !== 'emailKey'),
      ...Object.keys(unset),
    ];
    if (changed.length === 0) return companyAccountViewOf(account);

    try {
      await Accounts.updateOne(
        { _id: account._id },
        {
          ...(Object.keys(set).length ? { $set: set } : {}),
          ...(Object.keys(unset).length ? { $unset: unset } : {}),
        },
      );
    } catch (error) {
      if (isDuplicateKeyError(error)) throw accountConflict(['email']);
      throw error;
    }
    await audit.record({
      action: 'account.updated',
      actor: actorOf(admin),
      target: targetOf(account),
      companyId: admin.companyId,
      request,
      details: { fields: changed.sort().join(',') },
    });
    return companyAccountViewOf(await reload(account._id));
  }

  /**
   * Disables or enables an account. Disabling ends its sessions at once and is rejected
   * for the company's last active admin. The company lock keeps two admins from
   * disabling each other at the same moment.
   */
  async function setStatus(
    admin: CompanyAdmin,
    accountId: string,
    status: 'active' | 'disabled',
    request: RequestMeta,
  ) {
    return withCompanyLock(admin.companyId, async () => {
      const account = await loadOwn(admin, accountId);
      if (account.status === status) return companyAccountViewOf(account);

      if (status === 'disabled' && account.role === 'admin') {
        const otherAdmins = await Accounts.countDocuments({
          companyId: account.companyId,
          role: 'admin',
          status: 'active',
          _id: { $ne: account._id },
        });
        if (otherAdmins === 0) throw new AppError('account.last_admin');
      }

      await Accounts.updateOne({ _id: account._id }, { $set: { status } });
      if (status === 'disabled') await sessions.endAllFor('account', accountId, 'session_version');
      else sessions.forgetSubject('account', accountId);

      await audit.record({
        action: status === 'disabled' ? 'account.disabled' : 'account.enabled',
        actor: actorOf(admin),
        target: targetOf(account),
        companyId: admin.companyId,
        request,
      });
      log.info({ adminId: admin.id, accountId, status }, 'account status changed');
      return companyAccountViewOf(await reload(account._id));
    });
  }

  /** Sets which business categories the account may handle. */
  async function setPermissions(
    admin: CompanyAdmin,
    accountId: string,
    permissions: BusinessCategoryCode[],
    request: RequestMeta,
  ) {
    const account = await loadOwn(admin, accountId);
    const next = [...new Set(permissions)];
    await Accounts.updateOne({ _id: account._id }, { $set: { permissions: next } });
    await audit.record({
      action: 'account.permissions_changed',
      actor: actorOf(admin),
      target: targetOf(account),
      companyId: admin.companyId,
      request,
      details: { before: account.permissions.join(','), after: next.join(',') },
    });
    return companyAccountViewOf(await reload(account._id));
  }

  /**
   * Resets an account's password: the old password stops working, every session ends,
   * and the person gets an emailed link to set a new one. When the account had a
   * password, the person also gets a security notice. Its key names the password that
   * was removed, so a repeated reset before a new password is set sends no second one.
   * Resets are limited per account by `passwordLinkRule`.
   */
  async function resetPassword(
    admin: CompanyAdmin,
    accountId: string,
    request: RequestMeta,
  ): Promise<LinkResult> {
    const account = await loadOwn(admin, accountId);
    const claimId = await claimLinkSend(admin, account);
    await Accounts.updateOne({ _id: account._id }, { $unset: { passwordHash: 1 } });
    await sessions.endAllFor('account', accountId, 'session_version');
    await audit.record({
      action: 'account.password_reset_by_admin',
      actor: actorOf(admin),
      target: targetOf(account),
      companyId: admin.companyId,
      request,
    });
    if (account.passwordHash) {
      const removed = account.passwordSetId?.toString() ?? `${account._id.toString()}:initial`;
      await deps.passwordNotices.send({
        event: 'password_reset_by_admin',
        account,
        occurredAt: clock.now(),
        eventKey: `password_reset_by_admin:${removed}`,
      });
    }
    const link = await issueLink(account, 'reset', claimId);
    return {
      account: companyAccountViewOf(await reload(account._id)),
      linkSent: link.sent,
      sentTo: link.sentTo,
    };
  }

  /**
   * Emails a new link to an account that has not set its first password yet, at most
   * as often as `passwordLinkRule` allows.
   */
  async function resendActivation(admin: CompanyAdmin, accountId: string): Promise<LinkResult> {
    const account = await loadOwn(admin, accountId);
    if (account.passwordHash) throw new AppError('account.already_activated');
    const claimId = await claimLinkSend(admin, account);
    const link = await issueLink(account, 'activate', claimId);
    // Records the creation now when the first activation mail failed.
    await recordAccountCreated(account, link.sent);
    return { account: companyAccountViewOf(account), linkSent: link.sent, sentTo: link.sentTo };
  }

  return { list, create, update, setStatus, setPermissions, resetPassword, resendActivation };
}

export type CompanyAccountsService = ReturnType<typeof createCompanyAccountsService>;
