import { companyNameKey } from '@ucz/shared';
import { Types } from 'mongoose';
import { companyModel } from '../../src/modules/accounts/company.model';
import type { TestApp } from '../support/test-app';
import { companyInput, putCompany, startDraft, startWizardApp, uniqueSuffix } from './wizard';

describe('certification company step', () => {
  let t: TestApp;
  const certifiedName = 'Kowloon Bay Securities Limited';
  let certifiedId: Types.ObjectId;

  beforeAll(async () => {
    t = await startWizardApp();
    const company = await companyModel(t.database.db).create({
      fullName: certifiedName,
      nameKey: companyNameKey(certifiedName),
      shortName: 'KBS',
      region: 'HK',
      address: '8 Sheung Yuet Road, Kowloon Bay',
      brNumber: '31234567',
      categories: ['cabinet'],
      certifiedAt: t.clock.now(),
      sourceApplicationId: new Types.ObjectId(),
      customerManager: { name: 'Manager Lee', email: 'lee@operator.example.com' },
    });
    certifiedId = company._id;
  });

  afterAll(async () => {
    await t.close();
  });

  const certifiedFields = {
    fullName: certifiedName,
    shortName: 'KBS',
    region: 'HK',
    address: '8 Sheung Yuet Road, Kowloon Bay',
    brNumber: '31234567',
  };

  it.each([
    ['the exact name', certifiedName],
    ['another case', 'KOWLOON bay securities limited'],
    ['full-width letters', 'Ｋｏｗｌｏｏｎ Ｂａｙ Ｓｅｃｕｒｉｔｉｅｓ Ｌｉｍｉｔｅｄ'],
    ['repeated and surrounding spaces', '  Kowloon   Bay\u3000Securities Limited  '],
  ])('lookup matches %s', async (_case, fullName) => {
    const response = await t.api
      .get('/api/certification/companies/lookup')
      .query({ fullName })
      .expect(200);
    expect(response.body).toEqual({ found: true, company: certifiedFields });
  });

  it('lookup reveals nothing for an unknown name', async () => {
    const response = await t.api
      .get('/api/certification/companies/lookup')
      .query({ fullName: 'Kowloon Bay Securities' })
      .expect(200);
    expect(response.body).toEqual({ found: false });
  });

  it('lookup requires a name', async () => {
    const response = await t.api
      .get('/api/certification/companies/lookup')
      .query({ fullName: ' ' })
      .expect(400);
    expect(response.body.error.fields[0].field).toBe('fullName');
  });

  it('saving a certified name joins that company and ignores typed fields', async () => {
    const token = await startDraft(t);
    const response = await putCompany(
      t,
      token,
      companyInput({
        fullName: 'kowloon bay SECURITIES limited',
        region: 'OTHER',
        address: 'typed address',
        brNumber: 'not checked',
        shortName: 'typed',
      }),
    ).expect(200);

    expect(response.body.mode).toBe('join_company');
    expect(response.body.company).toEqual(certifiedFields);
    expect(response.body.requiredDocuments).toEqual(['employment_proof']);
    expect(response.body.steps.company).toBe(true);
    expect(JSON.stringify(response.body)).not.toContain(certifiedId.toString());
  });

  it('a name that no longer matches switches back to a new company', async () => {
    const token = await startDraft(t);
    await putCompany(t, token, companyInput({ fullName: certifiedName })).expect(200);
    const input = companyInput({
      fullName: 'Kowloon Bay Securities (Asia) Limited',
      address: '1 Queen’s Road',
    });
    const response = await putCompany(t, token, input).expect(200);

    expect(response.body.mode).toBe('new_company');
    expect(response.body.company.fullName).toBe('Kowloon Bay Securities (Asia) Limited');
    expect(response.body.company.address).toBe('1 Queen’s Road');
    expect(response.body.requiredDocuments).toEqual(['business_registration', 'employment_proof']);
  });

  it('a new company needs full name, address and BR number', async () => {
    const token = await startDraft(t);
    const response = await putCompany(t, token, {
      region: 'HK',
      fullName: '',
      address: ' ',
      categories: ['blockchain'],
    }).expect(400);
    expect(response.body.error.code).toBe('request.invalid');
    expect(response.body.error.fields).toEqual([
      { field: 'fullName', code: 'required', message: '请填写公司全称。' },
    ]);

    const second = await putCompany(t, token, {
      region: 'HK',
      fullName: `New Co ${uniqueSuffix()}`,
      address: ' ',
      categories: ['blockchain'],
    }).expect(400);
    expect(second.body.error.fields).toEqual([
      { field: 'address', code: 'required', message: '请填写公司注册地址。' },
      { field: 'brNumber', code: 'required', message: '请填写商业登记证编号。' },
    ]);
  });

  it.each([
    ['HK', '12345678', 200],
    ['HK', '1234 5678', 200],
    ['HK', '12345678-000-07-25-A', 200],
    ['HK', '１２３４５６７８', 200],
    ['HK', '1234567', 400],
    ['HK', 'AB345678', 400],
    ['OTHER', 'C-2024-889901', 200],
    ['OTHER', 'abc_123', 400],
    ['OTHER', 'x'.repeat(51), 400],
  ] as const)('BR number for %s: %s answers %d', async (region, brNumber, status) => {
    const token = await startDraft(t);
    const response = await putCompany(t, token, companyInput({ region, brNumber })).expect(status);
    if (status === 400) {
      expect(response.body.error.fields).toEqual([expect.objectContaining({ field: 'brNumber' })]);
    }
  });

  it('categories must come from the catalogue', async () => {
    const token = await startDraft(t);
    const none = await putCompany(t, token, companyInput({ categories: [] })).expect(400);
    expect(none.body.error.fields).toEqual([
      expect.objectContaining({ field: 'categories', code: 'required' }),
    ]);

    const unknown = await putCompany(t, token, {
      ...companyInput(),
      categories: ['blockchain', 'space_travel' as 'blockchain'],
    }).expect(400);
    expect(unknown.body.error.fields).toEqual([
      expect.objectContaining({ field: 'categories.1', code: 'not_in_catalogue' }),
    ]);
  });

  it('其他 requires a description of 1 to 100 characters', async () => {
    const token = await startDraft(t);
    const missing = await putCompany(t, token, companyInput({ categories: ['other'] })).expect(400);
    expect(missing.body.error.fields).toEqual([
      { field: 'otherDescription', code: 'required', message: '请填写其他。' },
    ]);

    const tooLong = await putCompany(
      t,
      token,
      companyInput({ categories: ['other'], otherDescription: '长'.repeat(101) }),
    ).expect(400);
    expect(tooLong.body.error.fields).toEqual([
      expect.objectContaining({ field: 'otherDescription', code: 'too_long' }),
    ]);

    const saved = await putCompany(
      t,
      token,
      companyInput({ categories: ['other', 'other', 'cabinet'], otherDescription: ' 托管服务 ' }),
    ).expect(200);
    expect(saved.body.categories).toEqual(['other', 'cabinet']);
    expect(saved.body.otherDescription).toBe('托管服务');
  });

  it('drops the description when 其他 is no longer chosen', async () => {
    const token = await startDraft(t);
    await putCompany(
      t,
      token,
      companyInput({ categories: ['other'], otherDescription: '托管服务' }),
    ).expect(200);
    const response = await putCompany(
      t,
      token,
      companyInput({ categories: ['cabinet'], otherDescription: '托管服务' }),
    ).expect(200);
    expect(response.body.otherDescription).toBeUndefined();
  });

  it('field messages follow the request language', async () => {
    const token = await startDraft(t);
    const response = await putCompany(t, token, companyInput({ brNumber: 'bad' }))
      .set('Accept-Language', 'en')
      .expect(400);
    expect(response.body.error.fields).toEqual([
      { field: 'brNumber', code: 'invalid', message: 'Business registration number is invalid.' },
    ]);
  });
});
