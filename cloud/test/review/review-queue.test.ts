import { finished } from 'node:stream/promises';
import type { UploadContentType } from '@ucz/shared';
import { Types } from 'mongoose';
import { createFilesService } from '../../src/modules/files/files.service';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import {
  insertApplication,
  insertCompany,
  loginStaff,
  samplePdf,
  storeUpload,
} from './review-fixtures';

/** Returns the instant of a wall-clock time in Shanghai. */
function shanghai(localDateTime: string): Date {
  return new Date(`${localDateTime}+08:00`);
}

describe('review queue', () => {
  let t: TestApp;
  let auth: [string, string];

  beforeAll(async () => {
    // Wednesday 2026-03-11, 10:00 in Shanghai.
    t = await startTestApp({ now: shanghai('2026-03-11T10:00') });
    ({ auth } = await loginStaff(t));
  });

  afterAll(async () => {
    await t.close();
  });

  it('lists open applications by deadline, earliest first', async () => {
    // Inserted out of order on purpose.
    const friday = await insertApplication(t, { submittedAt: shanghai('2026-03-06T18:00') });
    const monday = await insertApplication(t, { submittedAt: shanghai('2026-03-09T09:00') });
    const lastWeek = await insertApplication(t, { submittedAt: shanghai('2026-03-03T09:00') });
    const approving = await insertApplication(t, {
      submittedAt: shanghai('2026-03-10T09:00'),
      status: 'approving',
    });
    await insertApplication(t, { submittedAt: shanghai('2026-02-20T09:00'), status: 'approved' });
    await insertApplication(t, { submittedAt: shanghai('2026-02-21T09:00'), status: 'rejected' });

    const response = await t.api
      .get('/api/review/applications')
      .set(...auth)
      .expect(200);

    expect(response.body.total).toBe(4);
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual(
      [lastWeek, friday, monday, approving].map((application) => application._id.toString()),
    );
    const [overdue, dueToday, dueTomorrow, dueLater] = response.body.items;
    // Submitted Tuesday 2026-03-03: due end of Friday 2026-03-06.
    expect(overdue).toMatchObject({
      overdue: true,
      remainingWorkingHours: 0,
      remainingWorkingDays: 0,
    });
    expect(overdue.deadline).toBe(shanghai('2026-03-06T23:59:59.999').toISOString());
    // Submitted Friday evening: Monday, Tuesday, Wednesday, so due at the end of today.
    expect(dueToday).toMatchObject({
      overdue: false,
      remainingWorkingHours: 14,
      remainingWorkingDays: 0,
    });
    expect(dueTomorrow).toMatchObject({
      overdue: false,
      remainingWorkingHours: 14 + 24,
      remainingWorkingDays: 1,
    });
    expect(dueLater).toMatchObject({ status: 'approving', remainingWorkingDays: 2 });
    // The review window runs from submission to the end of the third working day after it.
    expect(overdue.reviewWindowWorkingHours).toBe(15 + 3 * 24);
    expect(dueToday.reviewWindowWorkingHours).toBe(6 + 3 * 24);
    expect(dueTomorrow.reviewWindowWorkingHours).toBe(15 + 3 * 24);
    expect(dueToday).toMatchObject({
      number: friday.number,
      type: 'new_company',
      status: 'pending',
      companyFullName: friday.company.fullName,
      applicantName: 'Chan Tai Man',
      applyAdmin: false,
      submittedAt: shanghai('2026-03-06T18:00').toISOString(),
    });
  });

  it('filters by status and pages', async () => {
    const approved = await t.api
      .get('/api/review/applications?status=approved')
      .set(...auth)
      .expect(200);
    expect(approved.body.items.map((item: { status: string }) => item.status)).toEqual([
      'approved',
    ]);

    const both = await t.api
      .get('/api/review/applications?status=approved,rejected')
      .set(...auth)
      .expect(200);
    expect(both.body.total).toBe(2);

    const page = await t.api
      .get('/api/review/applications?limit=2&offset=1')
      .set(...auth)
      .expect(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBe(4);

    const invalid = await t.api
      .get('/api/review/applications?status=archived')
      .set(...auth)
      .expect(400);
    expect(invalid.body.error.code).toBe('request.invalid');
  });

  it('shows every field and the documents but no password hash', async () => {
    const proofId = await storeUpload(t);
    const application = await insertApplication(t, {
      applyAdmin: true,
      mobile: '+85291234567',
      files: [{ fileId: proofId, kind: 'employment_proof', filename: '名片 card.pdf' }],
    });
    const id = application._id.toString();

    const response = await t.api
      .get(`/api/review/applications/${id}`)
      .set(...auth)
      .expect(200);

    expect(JSON.stringify(response.body)).not.toContain('argon2');
    expect(response.body.passwordHash).toBeUndefined();
    expect(response.body).toMatchObject({
      id,
      number: application.number,
      applyAdmin: true,
      revision: 1,
      locale: 'zh-CN',
      company: {
        region: 'HK',
        fullName: application.company.fullName,
        shortName: 'Harbour',
        address: '1 Harbour Road, Wan Chai, Hong Kong',
        brNumber: '12345678',
      },
      categories: ['szse_trading_settlement', 'blockchain'],
      agreement: { version: '2026-01', ip: '127.0.0.1', userAgent: 'jest' },
      account: {
        username: application.account.username,
        name: 'Chan Tai Man',
        department: 'Operations',
        phoneCallingCode: '852',
        phone: '+85221234567',
        title: 'Manager',
        email: application.account.email,
        mobile: '+85291234567',
      },
      history: [{ event: 'submitted', at: application.submittedAt.toISOString() }],
    });
    expect(response.body.files).toEqual([
      {
        fileId: proofId.toString(),
        kind: 'employment_proof',
        filename: '名片 card.pdf',
        contentType: 'application/pdf',
        size: samplePdf.length,
        uploadedAt: application.submittedAt.toISOString(),
        downloadPath: `/api/review/applications/${id}/files/${proofId.toString()}`,
      },
    ]);
    expect(response.body.certifiedCompany).toBeUndefined();
  });

  it('shows the certified company a join application joins', async () => {
    const company = await insertCompany(t);
    const application = await insertApplication(t, {
      type: 'join_company',
      companyId: company._id,
      companyName: company.fullName,
    });

    const response = await t.api
      .get(`/api/review/applications/${application._id.toString()}`)
      .set(...auth)
      .expect(200);

    expect(response.body.companyId).toBe(company._id.toString());
    expect(response.body.certifiedCompany).toMatchObject({
      id: company._id.toString(),
      fullName: company.fullName,
    });
  });

  it('answers 404 for an unknown application', async () => {
    const response = await t.api
      .get(`/api/review/applications/${new Types.ObjectId().toString()}`)
      .set(...auth);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('application.not_found');

    const malformed = await t.api.get('/api/review/applications/not-an-id').set(...auth);
    expect(malformed.status).toBe(400);
  });

  describe('document download', () => {
    it('sends the file as an attachment that browsers do not sniff', async () => {
      const fileId = await storeUpload(t);
      const application = await insertApplication(t, {
        files: [{ fileId, kind: 'business_registration', filename: '商业登记证.pdf' }],
      });

      const response = await t.api
        .get(`/api/review/applications/${application._id.toString()}/files/${fileId.toString()}`)
        .set(...auth)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);

      expect(Buffer.compare(response.body as Buffer, samplePdf)).toBe(0);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(/^attachment;/);
      expect(response.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('商业登记证.pdf')}`,
      );
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['cache-control']).toContain('no-store');
    });

    it('serves inline only known types', async () => {
      const fileId = await storeUpload(t);
      const application = await insertApplication(t, {
        files: [{ fileId, kind: 'business_registration', filename: '商业登记证.pdf' }],
      });
      const path = `/api/review/applications/${application._id.toString()}/files/${fileId.toString()}`;

      const inline = await t.api
        .get(`${path}?disposition=inline`)
        .set(...auth)
        .expect(200);
      expect(inline.headers['content-type']).toBe('application/pdf');
      expect(inline.headers['content-disposition']).toMatch(/^inline;/u);
      expect(inline.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('商业登记证.pdf')}`,
      );
      expect(inline.headers['x-content-type-options']).toBe('nosniff');
      expect(inline.headers['content-security-policy']).toContain("default-src 'none'");

      // Uploads accept only PDF, JPEG and PNG. A stored file of any other type goes out
      // as an attachment even when inline is asked for.
      const files = createFilesService({ db: t.database.db, logger: t.deps.logger });
      const htmlId = new Types.ObjectId();
      const upload = files.openUploadStream(htmlId, 'page.html', {
        // Uploads never store this type; the cast puts one in storage to test the fallback.
        contentType: 'text/html' as UploadContentType,
        owner: {},
      });
      upload.end(Buffer.from('<script>alert(1)</script>'));
      await finished(upload);
      const withHtml = await insertApplication(t, {
        files: [{ fileId: htmlId, kind: 'business_registration', filename: 'page.html' }],
      });
      const html = await t.api
        .get(
          `/api/review/applications/${withHtml._id.toString()}/files/${htmlId.toString()}?disposition=inline`,
        )
        .set(...auth)
        .expect(200);
      expect(html.headers['content-disposition']).toMatch(/^attachment;/u);
      expect(html.headers['content-security-policy']).toMatch(/; sandbox$/u);
      expect(html.headers['x-content-type-options']).toBe('nosniff');
    });

    it('refuses a file of another application', async () => {
      const ownFile = await storeUpload(t);
      const otherFile = await storeUpload(t);
      const application = await insertApplication(t, {
        files: [{ fileId: ownFile, kind: 'employment_proof', filename: 'own.pdf' }],
      });
      await insertApplication(t, {
        files: [{ fileId: otherFile, kind: 'employment_proof', filename: 'other.pdf' }],
      });

      const response = await t.api
        .get(`/api/review/applications/${application._id.toString()}/files/${otherFile.toString()}`)
        .set(...auth);

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('file.not_found');
    });
  });
});
