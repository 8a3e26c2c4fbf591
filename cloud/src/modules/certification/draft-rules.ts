import type { DocumentKind } from '@ucz/shared';
import type { FieldProblem } from '../../http/app-error';
import type { DraftDoc } from './draft.model';

type DraftMode = 'new_company' | 'join_company';

/**
 * Lists the documents an application needs: proof of employment always, the business
 * registration copy for a new company, and the authorisation letter when 申请管理员 is ticked.
 */
export function requiredDocuments(mode: DraftMode, applyAdmin: boolean): DocumentKind[] {
  const kinds: DocumentKind[] = [];
  if (mode === 'new_company') kinds.push('business_registration');
  kinds.push('employment_proof');
  if (applyAdmin) kinds.push('admin_authorisation');
  return kinds;
}

/** The draft fields that the completeness checks read. */
export type DraftContent = Pick<
  DraftDoc,
  | 'mode'
  | 'company'
  | 'categories'
  | 'otherDescription'
  | 'applyAdmin'
  | 'adminAgreementAcceptedAt'
  | 'files'
  | 'account'
>;

function companyProblems(draft: DraftContent): FieldProblem[] {
  const company = draft.company ?? {};
  const problems: FieldProblem[] = [];
  if (!company.fullName) problems.push({ field: 'fullName', code: 'required' });
  if (draft.mode === 'new_company') {
    if (!company.region) problems.push({ field: 'region', code: 'required' });
    if (!company.address) problems.push({ field: 'address', code: 'required' });
    if (!company.brNumber) problems.push({ field: 'brNumber', code: 'required' });
  }
  if (draft.categories.length === 0) problems.push({ field: 'categories', code: 'required' });
  if (draft.categories.includes('other') && !draft.otherDescription) {
    problems.push({ field: 'otherDescription', code: 'required' });
  }
  return problems;
}

function documentProblems(draft: DraftContent): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (draft.applyAdmin && !draft.adminAgreementAcceptedAt) {
    problems.push({ field: 'adminAgreement', code: 'required' });
  }
  for (const kind of requiredDocuments(draft.mode, draft.applyAdmin)) {
    if (!draft.files.some((file) => file.kind === kind))
      problems.push({ field: kind, code: 'missing_file' });
  }
  return problems;
}

const accountFields = ['username', 'name', 'department', 'phone', 'title', 'email'] as const;

function accountProblems(draft: DraftContent): FieldProblem[] {
  const account = draft.account ?? {};
  return accountFields
    .filter((field) => !account[field])
    .map((field) => ({ field, code: 'required' }));
}

/** Returns, per wizard step, whether it contains everything that submission needs. */
export function stepCompletion(draft: DraftContent): {
  company: boolean;
  documents: boolean;
  account: boolean;
} {
  return {
    company: companyProblems(draft).length === 0,
    documents: documentProblems(draft).length === 0,
    account: accountProblems(draft).length === 0,
  };
}

/** Lists every missing item of the draft, in wizard order; empty when it can be submitted. */
export function missingItems(draft: DraftContent): FieldProblem[] {
  return [...companyProblems(draft), ...documentProblems(draft), ...accountProblems(draft)];
}

/** Files that go into the application: the kinds the final mode needs, nothing left over. */
export function filesToSubmit(draft: DraftContent): DraftContent['files'][number][] {
  const kinds = new Set<string>(requiredDocuments(draft.mode, draft.applyAdmin));
  return draft.files.filter((file) => kinds.has(file.kind));
}
