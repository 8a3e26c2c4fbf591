import { companyNameKey, isValidBrNumber, tidyBrNumber, tidyText } from '@ucz/shared';
import type { CompanyLookupResponse, CompanyStepRequest } from '@ucz/shared';
import type { Connection } from 'mongoose';
import { invalidFields } from '../../http/app-error';
import type { FieldProblem } from '../../http/app-error';
import { companyModel } from '../accounts/company.model';
import type { CompanyDoc } from '../accounts/company.model';
import type { DraftDoc } from './draft.model';
import type { DraftStore } from './draft-store';

/** Company fields that the lookup may reveal: what the guide's form shows, no ids or people. */
function publicCompanyFields(company: CompanyDoc) {
  return {
    fullName: company.fullName,
    ...(company.shortName ? { shortName: company.shortName } : {}),
    region: company.region,
    address: company.address,
    brNumber: company.brNumber,
  };
}

/** Step ① 公司信息: the certified-company lookup and saving the company fields of a draft. */
export function createCompanyStep(deps: { db: Connection; store: DraftStore }) {
  const Company = companyModel(deps.db);

  /** Finds the certified company whose 公司全称 matches regardless of case, width and spaces. */
  async function findCertified(fullName: string): Promise<CompanyDoc | null> {
    const nameKey = companyNameKey(fullName);
    if (nameKey === '') return null;
    return Company.findOne({ nameKey, status: 'certified' }).lean<CompanyDoc>();
  }

  async function lookup(fullName: string): Promise<CompanyLookupResponse> {
    const company = await findCertified(fullName);
    return company ? { found: true, company: publicCompanyFields(company) } : { found: false };
  }

  /** Checks 选择业务分类 and 其他; returns the categories without repeats. */
  function checkCategories(input: CompanyStepRequest, problems: FieldProblem[]) {
    const categories = [...new Set(input.categories)];
    const wantsOther = categories.includes('other');
    const otherDescription = input.otherDescription ? tidyText(input.otherDescription) : '';
    if (wantsOther && otherDescription === '')
      problems.push({ field: 'otherDescription', code: 'required' });
    return { categories, otherDescription: wantsOther ? otherDescription : undefined };
  }

  /**
   * Saves 公司信息. A 公司全称 that matches a certified company turns the draft into a
   * join_company application with that company's fields (typed values are ignored);
   * any other name makes it a new_company application whose address and BR number are
   * required, the BR number checked by the rule of the registration region.
   * Throws request.invalid naming every field that breaks a rule.
   */
  async function save(draft: DraftDoc, input: CompanyStepRequest): Promise<DraftDoc> {
    const problems: FieldProblem[] = [];
    const { categories, otherDescription } = checkCategories(input, problems);
    const certified = await findCertified(input.fullName);

    let company: DraftDoc['company'];
    if (certified) {
      company = {
        region: certified.region,
        fullName: certified.fullName,
        nameKey: certified.nameKey,
        shortName: certified.shortName ?? undefined,
        address: certified.address,
        brNumber: certified.brNumber,
      };
    } else {
      const fullName = tidyText(input.fullName);
      const address = tidyText(input.address ?? '');
      const brNumber = tidyBrNumber(input.brNumber ?? '');
      if (address === '') problems.push({ field: 'address', code: 'required' });
      if (brNumber === '') problems.push({ field: 'brNumber', code: 'required' });
      else if (!isValidBrNumber(brNumber, input.region))
        problems.push({ field: 'brNumber', code: 'invalid' });
      const shortName = input.shortName ? tidyText(input.shortName) : '';
      company = {
        region: input.region,
        fullName,
        nameKey: companyNameKey(fullName),
        shortName: shortName === '' ? undefined : shortName,
        address,
        brNumber,
      };
    }
    if (problems.length > 0) throw invalidFields(...problems);

    const unset: Record<string, 1> = {};
    if (!certified) unset.companyId = 1;
    if (!otherDescription) unset.otherDescription = 1;
    return deps.store.update(draft, {
      $set: {
        mode: certified ? 'join_company' : 'new_company',
        company,
        categories,
        ...(certified ? { companyId: certified._id } : {}),
        ...(otherDescription ? { otherDescription } : {}),
      },
      ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
    });
  }

  return { lookup, save };
}

export type CompanyStep = ReturnType<typeof createCompanyStep>;
