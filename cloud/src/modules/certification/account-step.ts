import {
  normaliseEmail,
  tidyText,
  toE164,
  usernameKey,
  usernameMaxLength,
  usernameMinLength,
  usernamePattern,
} from '@ucz/shared';
import type { AccountStepRequest } from '@ucz/shared';
import { z } from 'zod';
import { AppError, invalidFields } from '../../http/app-error';
import type { FieldProblem } from '../../http/app-error';
import type { AccountClaims } from './account-claims';
import { accountConflict } from './account-claims';
import type { DraftDoc } from './draft.model';
import type { DraftStore } from './draft-store';

const emailFormat = z.email();

/** 账号 as stored: full-width characters folded to ASCII, surrounding spaces removed. */
export function tidyUsername(username: string): string {
  return username.normalize('NFKC').trim();
}

/** Checks an email address and returns its normalised form, or undefined when invalid. */
export function parseEmail(email: string): string | undefined {
  const normalised = normaliseEmail(email);
  return emailFormat.safeParse(normalised).success ? normalised : undefined;
}

function checkUsername(username: string, problems: FieldProblem[]): void {
  const length = Array.from(username).length;
  if (length < usernameMinLength) {
    problems.push({ field: 'username', code: 'too_short', params: { min: usernameMinLength } });
  } else if (length > usernameMaxLength) {
    problems.push({ field: 'username', code: 'too_long', params: { max: usernameMaxLength } });
  } else if (!usernamePattern.test(username)) {
    problems.push({ field: 'username', code: 'invalid' });
  }
}

/**
 * Validates 账号信息 and returns it in stored form: phone numbers in E.164, the username
 * and email with their uniqueness keys. Throws account.conflict when the username or email
 * breaks its rule, else request.invalid, in both cases naming every bad field.
 */
export function parseAccount(input: AccountStepRequest): NonNullable<DraftDoc['account']> {
  const problems: FieldProblem[] = [];
  const username = tidyUsername(input.username);
  checkUsername(username, problems);

  const callingCode = (input.phoneCallingCode ?? '852').replace(/\D/gu, '');
  const phone = toE164(input.phone, callingCode);
  if (!phone) problems.push({ field: 'phone', code: 'invalid' });

  const mobileInput = input.mobile?.trim() ?? '';
  const mobile = mobileInput === '' ? undefined : toE164(mobileInput, callingCode);
  if (mobileInput !== '' && !mobile) problems.push({ field: 'mobile', code: 'invalid' });

  const email = input.email.normalize('NFKC').trim();
  const emailKey = parseEmail(email);
  if (!emailKey) problems.push({ field: 'email', code: 'invalid' });

  // The guide answers a 账号 or 企业邮箱 that breaks its rule with the same message as a
  // taken one (账号/邮箱存在冲突, 请重试!); the marked field still says what is wrong.
  const accountFieldBroken = problems.some(
    (problem) => problem.field === 'username' || problem.field === 'email',
  );
  if (accountFieldBroken) throw new AppError('account.conflict', { fields: problems });
  if (problems.length > 0) throw invalidFields(...problems);
  return {
    username,
    usernameKey: usernameKey(username),
    name: tidyText(input.name),
    department: tidyText(input.department),
    phoneCallingCode: callingCode,
    phone,
    title: tidyText(input.title),
    email,
    emailKey,
    mobile,
  };
}

/** Step ③ 账号信息: validates the account fields, rejects names and emails already taken, saves them. */
export function createAccountStep(deps: { store: DraftStore; claims: AccountClaims }) {
  /** Throws account.conflict when the username or email is used by an account or another live application. */
  async function assertAvailable(
    draft: Pick<DraftDoc, 'applicationId'>,
    keys: { usernameKey: string; emailKey: string },
  ): Promise<void> {
    const conflicts = await deps.claims.findConflicts(keys, draft.applicationId);
    if (conflicts.length > 0) throw accountConflict(conflicts);
  }

  async function save(draft: DraftDoc, input: AccountStepRequest): Promise<DraftDoc> {
    const account = parseAccount(input);
    await assertAvailable(draft, {
      usernameKey: account.usernameKey ?? '',
      emailKey: account.emailKey ?? '',
    });
    return deps.store.update(draft, { $set: { account } });
  }

  return { save, assertAvailable };
}

export type AccountStep = ReturnType<typeof createAccountStep>;
