import { normaliseEmail } from '@ucz/shared';
import { companyModel } from '../../src/modules/accounts/company.model';
import { auditEntryModel } from '../../src/modules/audit/audit.model';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import {
  insertAccount,
  insertCompany,
  insertStaff,
  loginBearer,
  loginStaffBearer,
  mailMark,
  roomyLimits,
} from '../support/accounts';
import type { BearerSession } from '../support/accounts';

describe('operator admin', () => {
  let t: TestApp;
  let operator: BearerSession;
  let reviewer: BearerSession;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-03-02T02:00:00Z'), env: roomyLimits });
    operator = await loginStaffBearer(t, await insertStaff(t, 'operator_admin'));
    reviewer = await loginStaffBearer(t, await insertStaff(t, 'reviewer'));
  });

  afterAll(async () => {
    await t.close();
  });

  describe('creating staff', () => {
    it('creates a reviewer who can log in', async () => {
      const response = await t.api
        .post('/api/operator/staff')
        .set(...operator.auth)
        .send({ username: 'Bob.Reviewer', name: 'Bob Chan', password: 'Review#2026' })
        .expect(201);

      expect(response.body.staff).toMatchObject({
        username: 'Bob.Reviewer',
        name: 'Bob Chan',
        role: 'reviewer',
      });
      const session = await loginStaffBearer(t, {
        username: 'bob.reviewer',
        password: 'Review#2026',
      });
      await t.api
        .get('/api/review/applications')
        .set(...session.auth)
        .expect(200);

      const audit = await auditEntryModel(t.database.db)
        .findOne({ action: 'staff.created', 'target.id': response.body.staff.id })
        .lean();
      expect(audit?.actor).toMatchObject({ type: 'staff' });
      expect(JSON.stringify(audit)).not.toContain('Review#2026');
    });

    it('refuses a taken username and a weak password', async () => {
      await t.api
        .post('/api/operator/staff')
        .set(...operator.auth)
        .send({ username: 'Carol', name: 'Carol', password: 'Review#2026' })
        .expect(201);
      const taken = await t.api
        .post('/api/operator/staff')
        .set(...operator.auth)
        .send({ username: 'CAROL', name: 'Carol Two', password: 'Review#2026' })
        .expect(409);
      expect(taken.body.error.code).toBe('staff.username_taken');

      const weak = await t.api
        .post('/api/operator/staff')
        .set(...operator.auth)
        .send({ username: 'dave', name: 'Dave', password: 'weak' })
        .expect(400);
      expect(weak.body.error.code).toBe('password.weak');
    });

    it('is for operator admins only', async () => {
      const response = await t.api
        .post('/api/operator/staff')
        .set(...reviewer.auth)
        .send({ username: 'eve', name: 'Eve', password: 'Review#2026' })
        .expect(403);
      expect(response.body.error.code).toBe('auth.forbidden');

      const who = await insertAccount(t, { role: 'admin' });
      const account = await loginBearer(t, who);
      await t.api
        .post('/api/operator/staff')
        .set(...account.auth)
        .send({ username: 'eve', name: 'Eve', password: 'Review#2026' })
        .expect(401);
    });
  });

  describe('assigning a customer manager', () => {
    it('stores the manager, who then receives copies of login codes', async () => {
      const company = await insertCompany(t);
      const who = await insertAccount(t, { companyId: company._id });

      const response = await t.api
        .put(`/api/operator/companies/${company._id.toString()}/customer-manager`)
        .set(...operator.auth)
        .send({ name: ' Mary  Lee ', email: 'Mary.Lee@Operator.example' })
        .expect(200);

      expect(response.body).toEqual({
        companyId: company._id.toString(),
        customerManager: { name: 'Mary Lee', email: 'mary.lee@operator.example' },
      });
      const stored = await companyModel(t.database.db).findById(company._id).lean();
      expect(stored?.customerManager).toMatchObject({
        name: 'Mary Lee',
        email: 'mary.lee@operator.example',
      });

      const next = mailMark(t);
      await t.api
        .post('/api/auth/login/code')
        .send({
          username: who.username,
          password: who.password,
          channel: 'email',
          copyToManager: true,
        })
        .expect(200);
      const mail = await next((message) => message.to.includes('mary.lee@operator.example'));
      expect(mail.to).toEqual([normaliseEmail(who.email), 'mary.lee@operator.example']);

      const audit = await auditEntryModel(t.database.db)
        .findOne({ action: 'company.customer_manager_assigned' })
        .lean();
      expect(audit?.companyId?.toString()).toBe(company._id.toString());
    });

    it('answers 404 for an unknown company and 400 for a bad address', async () => {
      const unknown = await t.api
        .put('/api/operator/companies/64b000000000000000000009/customer-manager')
        .set(...operator.auth)
        .send({ name: 'Mary Lee', email: 'mary@example.com' })
        .expect(404);
      expect(unknown.body.error.code).toBe('company.not_found');

      const company = await insertCompany(t);
      const bad = await t.api
        .put(`/api/operator/companies/${company._id.toString()}/customer-manager`)
        .set(...operator.auth)
        .send({ name: 'Mary Lee', email: 'not-an-address' })
        .expect(400);
      expect(bad.body.error.fields).toEqual([
        expect.objectContaining({ field: 'email', code: 'invalid' }),
      ]);
    });

    it('is for operator admins only', async () => {
      const company = await insertCompany(t);
      await t.api
        .put(`/api/operator/companies/${company._id.toString()}/customer-manager`)
        .set(...reviewer.auth)
        .send({ name: 'Mary Lee', email: 'mary@example.com' })
        .expect(403);
    });
  });
});
