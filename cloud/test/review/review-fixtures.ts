import { randomBytes } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { companyNameKey, normaliseEmail, usernameKey } from '@ucz/shared';
import type { Locale } from '@ucz/shared';
import { Types } from 'mongoose';
import { companyModel } from '../../src/modules/accounts/company.model';
import { accountClaimModel } from '../../src/modules/certification/account-claim.model';
import { applicationModel } from '../../src/modules/certification/application.model';
import type {
  ApplicationDoc,
  ApplicationStatus,
} from '../../src/modules/certification/application.model';
import type { DocumentKind } from '../../src/modules/certification/parts.schema';
import { createFilesService } from '../../src/modules/files/files.service';
import { createReviewer } from '../../src/modules/staff/staff-accounts';
import type { StaffRole } from '../../src/modules/staff/staff.model';
import type { TestApp } from '../support/test-app';

/** Satisfies the password rule. */
export const staffPassword = 'Review@2026';
export const applicantPassword = 'Applicant#2026';

/** The smallest valid PDF header plus some bytes; enough for a download test. */
export const samplePdf = Buffer.from(
  '%PDF-1.4\n% sample document\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n',
);

let sequence = 0;

function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}${sequence}${randomBytes(3).toString('hex')}`;
}

/** Creates a staff account through the same function the CLI uses and logs it in over HTTP. */
export async function loginStaff(
  t: TestApp,
  role: StaffRole = 'reviewer',
): Promise<{ id: string; username: string; token: string; auth: [string, string] }> {
  const username = unique('reviewer');
  const created = await createReviewer(
    { db: t.database.db, hasher: t.services.passwordHasher },
    { username, name: `Reviewer ${username}`, password: staffPassword, role },
  );
  const response = await t.api
    .post('/api/review/login')
    .send({ username, password: staffPassword, tokenTransport: 'bearer' })
    .expect(200);
  const token = response.body.session.accessToken as string;
  return { id: created.id, username, token, auth: ['Authorization', `Bearer ${token}`] };
}

/** Stores a file in the uploads bucket as an upload would, returning its id. */
export async function storeUpload(
  t: TestApp,
  content: Buffer = samplePdf,
): Promise<Types.ObjectId> {
  const files = createFilesService({ db: t.database.db, logger: t.deps.logger });
  const fileId = new Types.ObjectId();
  const upload = files.openUploadStream(fileId, 'upload.pdf', {
    contentType: 'application/pdf',
    owner: {},
  });
  upload.end(content);
  await finished(upload);
  return fileId;
}

export interface ApplicationOptions {
  type?: 'new_company' | 'join_company';
  companyId?: Types.ObjectId;
  companyName?: string;
  applyAdmin?: boolean;
  status?: ApplicationStatus;
  submittedAt?: Date;
  locale?: Locale;
  mobile?: string;
  username?: string;
  email?: string;
  files?: { fileId: Types.ObjectId; kind: DocumentKind; filename: string }[];
  /** Also store the username and email claims that submission makes. */
  withClaims?: boolean;
}

/**
 * Inserts a submitted application as the certification module stores it, with its
 * deadline from the app's working calendar.
 */
export async function insertApplication(
  t: TestApp,
  options: ApplicationOptions = {},
): Promise<ApplicationDoc> {
  const Applications = applicationModel(t.database.db);
  const submittedAt = options.submittedAt ?? t.clock.now();
  const companyName = options.companyName ?? `${unique('Harbour Trading ')} Limited`;
  const username = options.username ?? unique('applicant');
  const email = options.email ?? `${username}@example.com`;
  const passwordHash = await t.services.passwordHasher.hash(applicantPassword);

  const created = await Applications.create({
    number: unique('UCZ20260302-'),
    draftId: new Types.ObjectId(),
    type: options.type ?? 'new_company',
    companyId: options.companyId,
    company: {
      region: 'HK',
      fullName: companyName,
      nameKey: companyNameKey(companyName),
      shortName: 'Harbour',
      address: '1 Harbour Road, Wan Chai, Hong Kong',
      brNumber: '12345678',
    },
    categories: ['szse_trading_settlement', 'blockchain'],
    applyAdmin: options.applyAdmin ?? false,
    adminAgreementAcceptedAt: options.applyAdmin ? submittedAt : undefined,
    agreement: { version: '2026-01', acceptedAt: submittedAt, ip: '127.0.0.1', userAgent: 'jest' },
    files: (options.files ?? []).map((file) => ({
      ...file,
      contentType: 'application/pdf',
      size: samplePdf.length,
      uploadedAt: submittedAt,
    })),
    account: {
      username,
      usernameKey: usernameKey(username),
      name: 'Chan Tai Man',
      department: 'Operations',
      phoneCallingCode: '852',
      phone: '+85221234567',
      title: 'Manager',
      email,
      emailKey: normaliseEmail(email),
      mobile: options.mobile,
    },
    passwordHash,
    locale: options.locale ?? 'zh-CN',
    status: options.status ?? 'pending',
    submittedAt,
    deadline: t.services.review.calendar.deadlineFor(submittedAt),
    history: [{ at: submittedAt, event: 'submitted' }],
    revision: 1,
  });

  if (options.withClaims) {
    const claims = accountClaimModel(t.database.db);
    await claims.create([
      {
        _id: `username:${usernameKey(username)}`,
        applicationId: created._id,
        claimedAt: submittedAt,
      },
      { _id: `email:${normaliseEmail(email)}`, applicationId: created._id, claimedAt: submittedAt },
    ]);
  }
  return created.toObject() as ApplicationDoc;
}

/** Inserts a certified company, as an earlier approval would have created it. */
export async function insertCompany(t: TestApp, fullName = `${unique('Kowloon Partners ')} Ltd`) {
  const company = await companyModel(t.database.db).create({
    fullName,
    nameKey: companyNameKey(fullName),
    region: 'HK',
    address: '2 Nathan Road, Kowloon',
    brNumber: '87654321',
    categories: ['cabinet'],
    certifiedAt: t.clock.now(),
    sourceApplicationId: new Types.ObjectId(),
  });
  return company.toObject();
}
