import {
  accountStepRequestSchema,
  agreementResponseSchema,
  companyLookupQuerySchema,
  companyLookupResponseSchema,
  companyStepRequestSchema,
  createDraftRequestSchema,
  createDraftResponseSchema,
  documentsStepRequestSchema,
  draftViewSchema,
  emailCodeRequestSchema,
  emailCodeResponseSchema,
  submitRequestSchema,
  submitResponseSchema,
} from '@ucz/shared';
import type { Config } from '../../config';
import type { ApiRouter } from '../../http/api-router';
import type { AppContext } from '../../http/context';
import { adminAgreement, userAgreement } from './agreement-text';
import type { CertificationServices } from './certification.services';
import { requestInfoOf } from './request-info';

const tags = ['certification'];
const draftSecurity = ['draftToken'];

export function draftTokenOf(ctx: AppContext): string | undefined {
  return ctx.get('x-draft-token') || undefined;
}

/** Routes of the wizard steps ⓪ to ④ except file uploads. */
export function registerDraftRoutes(
  api: ApiRouter,
  services: CertificationServices,
  config: Config,
): void {
  const { store, drafts, companyStep, submission } = services;

  api.route(
    {
      method: 'get',
      path: '/api/certification/agreement',
      summary: 'Current user agreement and administrator agreement in the request language',
      tags,
      responses: {
        200: { description: 'Agreement texts and version', schema: agreementResponseSchema },
      },
    },
    async (ctx) => {
      const locale = ctx.state.locale;
      ctx.body = {
        version: config.AGREEMENT_VERSION,
        locale,
        agreement: userAgreement[locale],
        adminAgreement: adminAgreement[locale],
      };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/certification/drafts',
      summary: 'Accept the agreement and start a certification draft',
      tags,
      body: createDraftRequestSchema,
      responses: {
        201: {
          description: 'Draft token (shown once) and the empty draft',
          schema: createDraftResponseSchema,
        },
      },
    },
    async (ctx, { body }) => {
      ctx.status = 201;
      ctx.body = await drafts.create(body, requestInfoOf(ctx));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/certification/drafts/current',
      summary: 'The draft as the applicant left it',
      tags,
      security: draftSecurity,
      responses: { 200: { description: 'Draft', schema: draftViewSchema } },
    },
    async (ctx) => {
      ctx.body = await drafts.view(await store.load(draftTokenOf(ctx)));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/certification/companies/lookup',
      summary: 'Find a certified company by 公司全称 (case, width and spaces ignored)',
      tags,
      query: companyLookupQuerySchema,
      responses: {
        200: {
          description: 'The public company fields, or found: false',
          schema: companyLookupResponseSchema,
        },
      },
    },
    async (ctx, { query }) => {
      ctx.body = await companyStep.lookup(query.fullName);
    },
  );

  api.route(
    {
      method: 'put',
      path: '/api/certification/drafts/current/company',
      summary: 'Save step ① 公司信息; a certified company name switches to join_company',
      tags,
      security: draftSecurity,
      body: companyStepRequestSchema,
      responses: { 200: { description: 'Updated draft', schema: draftViewSchema } },
    },
    async (ctx, { body }) => {
      const draft = await store.loadEditable(draftTokenOf(ctx));
      ctx.body = await drafts.view(await companyStep.save(draft, body));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/api/certification/drafts/current/documents',
      summary: 'Save 申请管理员 and the administrator agreement of step ②',
      tags,
      security: draftSecurity,
      body: documentsStepRequestSchema,
      responses: { 200: { description: 'Updated draft', schema: draftViewSchema } },
    },
    async (ctx, { body }) => {
      const draft = await store.loadEditable(draftTokenOf(ctx));
      ctx.body = await drafts.view(await drafts.saveDocuments(draft, body));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/api/certification/drafts/current/account',
      summary: 'Save step ③ 账号信息 (no password); rejects a username or email already taken',
      tags,
      security: draftSecurity,
      body: accountStepRequestSchema,
      responses: { 200: { description: 'Updated draft', schema: draftViewSchema } },
    },
    async (ctx, { body }) => {
      const draft = await store.loadEditable(draftTokenOf(ctx));
      ctx.body = await drafts.view(await drafts.saveAccount(draft, body));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/certification/drafts/current/email-code',
      summary: 'Send the 企业邮箱 verification code (获取验证码)',
      tags,
      security: draftSecurity,
      body: emailCodeRequestSchema,
      responses: { 200: { description: 'Code sent', schema: emailCodeResponseSchema } },
    },
    async (ctx, { body }) => {
      const draft = await store.loadEditable(draftTokenOf(ctx));
      ctx.body = await drafts.sendEmailCode(draft, body.email, requestInfoOf(ctx));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/certification/drafts/current/submit',
      summary: 'Submit the application (step ④); repeating it returns the same application',
      tags,
      security: draftSecurity,
      body: submitRequestSchema,
      responses: {
        200: {
          description: 'Application number, status and review deadline',
          schema: submitResponseSchema,
        },
      },
    },
    async (ctx, { body }) => {
      ctx.body = await submission.submit(draftTokenOf(ctx), body, requestInfoOf(ctx));
    },
  );
}
