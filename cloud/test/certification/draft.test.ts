import { createHash } from 'node:crypto';
import { draftModel } from '../../src/modules/certification/draft.model';
import type { TestApp } from '../support/test-app';
import {
  accountInput,
  companyInput,
  draftHeader,
  putAccount,
  putCompany,
  startDraft,
  startWizardApp,
  uploadFile,
} from './wizard';

describe('certification agreement and drafts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startWizardApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('serves the agreement in each locale with the configured version', async () => {
    const zh = await t.api.get('/api/certification/agreement').expect(200);
    const hk = await t.api
      .get('/api/certification/agreement')
      .set('Accept-Language', 'zh-HK')
      .expect(200);
    const en = await t.api.get('/api/certification/agreement?lang=en').expect(200);

    expect(zh.body.version).toBe(t.config.AGREEMENT_VERSION);
    expect(zh.body.locale).toBe('zh-CN');
    expect(zh.body.agreement.title).toBe('统一客户专区用户使用协议');
    expect(zh.body.adminAgreement.text).toContain('管理员');
    expect(hk.body.agreement.title).toBe('統一客戶專區用戶使用協議');
    expect(en.body.agreement.title).toBe('Unified Customer Zone User Agreement');
  });

  it('starts a draft and records the accepted agreement', async () => {
    const response = await t.api
      .post('/api/certification/drafts')
      .set('User-Agent', 'agreement-test/2.0')
      .send({ agreementVersion: t.config.AGREEMENT_VERSION, accepted: true })
      .expect(201);

    const token = response.body.draftToken as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(response.body.draft).toMatchObject({
      status: 'open',
      mode: 'new_company',
      categories: [],
      files: [],
      applyAdmin: false,
      steps: { company: false, documents: false, account: false },
      requiredDocuments: ['business_registration', 'employment_proof'],
      uploadMaxBytes: t.config.UPLOAD_MAX_BYTES,
    });

    const stored = await draftModel(t.database.db)
      .findOne({ tokenHash: createHash('sha256').update(token).digest('hex') })
      .lean();
    expect(stored?.agreement).toMatchObject({
      version: t.config.AGREEMENT_VERSION,
      ip: '127.0.0.1',
      userAgent: 'agreement-test/2.0',
    });
    expect(stored?.agreement?.acceptedAt?.getTime()).toBe(t.clock.now().getTime());
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('rejects an old agreement version', async () => {
    const response = await t.api
      .post('/api/certification/drafts')
      .send({ agreementVersion: '2001-01', accepted: true })
      .expect(409);
    expect(response.body.error.code).toBe('agreement.version_mismatch');
    expect(response.body.error.details.currentVersion).toBe(t.config.AGREEMENT_VERSION);
  });

  it('rejects a draft without acceptance', async () => {
    const response = await t.api
      .post('/api/certification/drafts')
      .send({ agreementVersion: t.config.AGREEMENT_VERSION, accepted: false })
      .expect(400);
    expect(response.body.error.code).toBe('agreement.not_accepted');
  });

  it('returns the draft as left after a reload', async () => {
    const token = await startDraft(t);
    const company = companyInput({ categories: ['other'], otherDescription: '跨境数据服务' });
    await putCompany(t, token, company).expect(200);
    const upload = await uploadFile(t, token, 'employment_proof').expect(201);
    await putAccount(
      t,
      token,
      accountInput({ username: 'reload.user', email: 'Reload.User@Example.com ' }),
    ).expect(200);

    // A later visit: nothing but the token is kept by the client.
    t.clock.advance(3 * 24 * 60 * 60 * 1000);
    const response = await t.api
      .get('/api/certification/drafts/current')
      .set(...draftHeader(token))
      .expect(200);

    expect(response.body.company).toEqual({
      region: 'HK',
      fullName: company.fullName,
      shortName: 'Harbour',
      address: company.address,
      brNumber: '12345678',
    });
    expect(response.body.categories).toEqual(['other']);
    expect(response.body.otherDescription).toBe('跨境数据服务');
    expect(response.body.files).toEqual([
      {
        id: upload.body.file.id,
        kind: 'employment_proof',
        filename: 'document.pdf',
        contentType: 'application/pdf',
        size: upload.body.file.size,
        uploadedAt: expect.any(String),
      },
    ]);
    expect(response.body.account).toEqual({
      username: 'reload.user',
      name: '陈大文',
      department: 'Operations',
      phoneCallingCode: '852',
      phone: '+85221234567',
      title: 'Manager',
      email: 'Reload.User@Example.com',
    });
    expect(response.body.steps).toEqual({ company: true, documents: false, account: true });
    expect(JSON.stringify(response.body)).not.toMatch(/Key|Hash|token/u);
  });

  it('rejects a missing or unknown draft token', async () => {
    const missing = await t.api.get('/api/certification/drafts/current').expect(404);
    const unknown = await t.api
      .get('/api/certification/drafts/current')
      .set(...draftHeader('nope'))
      .expect(404);
    expect(missing.body.error.code).toBe('draft.not_found');
    expect(unknown.body.error.code).toBe('draft.not_found');
  });

  it('expires a draft unused for the configured days', async () => {
    const token = await startDraft(t);
    t.clock.advance((t.config.DRAFT_TTL_DAYS + 1) * 24 * 60 * 60 * 1000);
    const response = await t.api
      .get('/api/certification/drafts/current')
      .set(...draftHeader(token))
      .expect(404);
    expect(response.body.error.code).toBe('draft.not_found');
  });

  it('saves the administrator choice only with the agreement', async () => {
    const token = await startDraft(t);
    const refused = await t.api
      .put('/api/certification/drafts/current/documents')
      .set(...draftHeader(token))
      .send({ applyAdmin: true })
      .expect(400);
    expect(refused.body.error.code).toBe('agreement.admin_not_accepted');
    expect(refused.body.error.fields).toEqual([
      expect.objectContaining({ field: 'adminAgreement', code: 'required' }),
    ]);

    const accepted = await t.api
      .put('/api/certification/drafts/current/documents')
      .set(...draftHeader(token))
      .send({ applyAdmin: true, adminAgreementAccepted: true })
      .expect(200);
    expect(accepted.body.applyAdmin).toBe(true);
    expect(accepted.body.adminAgreementAccepted).toBe(true);
    expect(accepted.body.requiredDocuments).toEqual([
      'business_registration',
      'employment_proof',
      'admin_authorisation',
    ]);

    const withdrawn = await t.api
      .put('/api/certification/drafts/current/documents')
      .set(...draftHeader(token))
      .send({ applyAdmin: false })
      .expect(200);
    expect(withdrawn.body.applyAdmin).toBe(false);
    expect(withdrawn.body.adminAgreementAccepted).toBe(false);
  });

  it('lists every certification route in the OpenAPI document', async () => {
    const response = await t.api.get('/api/openapi.json').expect(200);
    const paths = Object.keys(response.body.paths as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/certification/agreement',
        '/api/certification/drafts',
        '/api/certification/drafts/current',
        '/api/certification/companies/lookup',
        '/api/certification/drafts/current/company',
        '/api/certification/drafts/current/documents',
        '/api/certification/drafts/current/files',
        '/api/certification/drafts/current/files/{fileId}',
        '/api/certification/templates/admin-authorisation',
        '/api/certification/drafts/current/account',
        '/api/certification/drafts/current/email-code',
        '/api/certification/drafts/current/submit',
        '/api/certification/progress/by-password',
        '/api/certification/progress/email-code',
        '/api/certification/progress/by-email',
        '/api/certification/progress/applications',
        '/api/certification/applications/{number}/reopen',
      ]),
    );
    const upload = response.body.paths['/api/certification/drafts/current/files'].post;
    expect(upload.requestBody.content['multipart/form-data']).toBeDefined();
    expect(upload.security).toEqual([{ draftToken: [] }]);
  });
});
