import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { PasswordHasher } from '../accounts/password-hasher';
import type { PasswordGuard } from '../auth/password-guard';
import type { FilesService } from '../files/files.service';
import type { NotificationOutbox } from '../notifications/notification.types';
import type { OtpService } from '../otp/otp.types';
import { createAccountClaims } from './account-claims';
import { createAccountStep } from './account-step';
import { createApplicationNumbers } from './application-number';
import { createCompanyStep } from './company-step';
import { createDraftFiles } from './draft-files';
import { createDraftService } from './draft.service';
import { createDraftStore } from './draft-store';
import { createProgressService } from './progress.service';
import { createSubmissionService } from './submission.service';

export interface CertificationDeps {
  config: Config;
  logger: Logger;
  db: Connection;
  clock: Clock;
  otp: OtpService;
  outbox: NotificationOutbox;
  hasher: PasswordHasher;
  /** The lockout of account login, shared by the progress query by password. */
  passwordGuard: PasswordGuard;
  files: FilesService;
  /** Review deadline of an application submitted at the given time (working days). */
  deadlineFor: (submittedAt: Date) => Date;
}

/** Builds the services of the certification wizard and the progress query. */
export function createCertificationServices(deps: CertificationDeps) {
  const { config, logger, db, clock } = deps;
  const store = createDraftStore({ db, clock, config });
  const claims = createAccountClaims({ db, clock, logger });
  const accountStep = createAccountStep({ store, claims });

  return {
    store,
    /** Username and email claims; review releases them when it rejects an application. */
    claims,
    companyStep: createCompanyStep({ db, store }),
    drafts: createDraftService({ db, clock, config, store, otp: deps.otp, claims, accountStep }),
    draftFiles: createDraftFiles({
      db,
      clock,
      store,
      files: deps.files,
      maxBytes: config.UPLOAD_MAX_BYTES,
    }),
    submission: createSubmissionService({
      db,
      clock,
      logger,
      store,
      claims,
      accountStep,
      otp: deps.otp,
      outbox: deps.outbox,
      hasher: deps.hasher,
      numbers: createApplicationNumbers({ db, timeZone: config.BUSINESS_TIME_ZONE, logger }),
      files: deps.files,
      deadlineFor: deps.deadlineFor,
    }),
    progress: createProgressService({
      db,
      clock,
      config,
      otp: deps.otp,
      hasher: deps.hasher,
      passwordGuard: deps.passwordGuard,
      store,
    }),
  };
}

export type CertificationServices = ReturnType<typeof createCertificationServices>;
