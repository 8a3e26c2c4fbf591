import { useEffect } from 'react';
import { readStored, removeStored, storageKeys, writeStored } from '@/platform/storage';

/**
 * Fields of step ③ 账号信息 kept in storage until the step is submitted. 密码, 确认密码 and
 * 验证码 are not among them, so they are never written to storage.
 */
export const unsavedAccountFields = [
  'username',
  'name',
  'department',
  'phoneCallingCode',
  'phone',
  'title',
  'email',
  'mobile',
] as const;
export type UnsavedAccountField = (typeof unsavedAccountFields)[number];
export type UnsavedAccount = Partial<Record<UnsavedAccountField, string>>;

/** Longest value read back, above the server's limit for every kept field (254 for 企业邮箱). */
const maxValueLength = 500;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the stored JSON (`{ draft, fields }`) and keeps only known fields with string
 * values, since storage can hold anything another version of the app wrote.
 */
function parseStored(raw: string): { draft: string; fields: UnsavedAccount } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.draft !== 'string' || !isRecord(value.fields))
    return undefined;
  const fields: UnsavedAccount = {};
  for (const field of unsavedAccountFields) {
    const entry = value.fields[field];
    if (typeof entry === 'string' && entry.length <= maxValueLength) fields[field] = entry;
  }
  return { draft: value.draft, fields };
}

/**
 * Returns a 32-bit FNV-1a hash of the draft token in hex. It marks which draft the stored
 * input belongs to without copying the token itself.
 */
function draftMark(draftToken: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < draftToken.length; index += 1) {
    hash ^= draftToken.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Returns the input stored for the draft, or undefined when there is none or it is of another draft. */
export function readUnsavedAccount(draftToken: string): UnsavedAccount | undefined {
  const raw = readStored(storageKeys.unsavedAccount);
  if (!raw) return undefined;
  const parsed = parseStored(raw);
  if (!parsed) {
    removeStored(storageKeys.unsavedAccount);
    return undefined;
  }
  return parsed.draft === draftMark(draftToken) ? parsed.fields : undefined;
}

/** Stores the non-secret fields of `form` for the draft, replacing the input of any other draft. */
export function writeUnsavedAccount(draftToken: string, form: Record<UnsavedAccountField, string>) {
  const fields: UnsavedAccount = {};
  for (const field of unsavedAccountFields) fields[field] = form[field];
  writeStored(storageKeys.unsavedAccount, JSON.stringify({ draft: draftMark(draftToken), fields }));
}

export function clearUnsavedAccount(): void {
  removeStored(storageKeys.unsavedAccount);
}

/** Writes the non-secret fields of step ③ to storage whenever they change. */
export function useUnsavedAccount(
  draftToken: string,
  form: Record<UnsavedAccountField, string>,
): void {
  const values = unsavedAccountFields.map((field) => form[field]);
  useEffect(() => {
    writeUnsavedAccount(draftToken, form);
    // Only the kept fields matter; a change of the password or code writes nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftToken, ...values]);
}
