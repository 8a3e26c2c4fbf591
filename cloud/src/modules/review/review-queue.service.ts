import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { companyModel } from '../accounts/company.model';
import type { CompanyDoc } from '../accounts/company.model';
import { applicationModel } from '../certification/application.model';
import type { ApplicationDoc, ApplicationStatus } from '../certification/application.model';
import type { FileDownload, FilesService } from '../files/files.service';
import { toApplicationDetail, toQueueItem } from './review.dto';
import type { ApplicationDetail, DeadlineTiming, QueueItem } from './review.dto';
import type { WorkingCalendar } from './working-calendar';

/** Statuses listed when the reviewer asks for none: what still needs a decision. */
export const openStatuses: readonly ApplicationStatus[] = ['pending', 'approving'];

export interface ReviewQueueDeps {
  db: Connection;
  clock: Clock;
  calendar: WorkingCalendar;
  files: Pick<FilesService, 'openDownload'>;
}

export type ReviewQueueService = ReturnType<typeof createReviewQueueService>;

/** The reviewer's read side: the queue ordered by deadline, one application, its documents. */
export function createReviewQueueService(deps: ReviewQueueDeps) {
  const { db, clock, calendar, files } = deps;
  const Applications = applicationModel(db);
  const Companies = companyModel(db);

  function timingOf(application: ApplicationDoc, now: Date): DeadlineTiming {
    return {
      remaining: calendar.remainingUntil(application.deadline, now),
      windowWorkingHours: calendar.remainingUntil(application.deadline, application.submittedAt)
        .workingHours,
    };
  }

  async function list(query: {
    statuses?: readonly ApplicationStatus[];
    limit: number;
    offset: number;
  }): Promise<{ items: QueueItem[]; total: number }> {
    const filter = { status: { $in: [...(query.statuses ?? openStatuses)] } };
    const [applications, total] = await Promise.all([
      Applications.find(filter)
        .sort({ deadline: 1, submittedAt: 1, _id: 1 })
        .skip(query.offset)
        .limit(query.limit)
        .lean<ApplicationDoc[]>(),
      Applications.countDocuments(filter),
    ]);
    const now = clock.now();
    const items = applications.map((application) =>
      toQueueItem(application, timingOf(application, now)),
    );
    return { items, total };
  }

  async function load(id: string): Promise<ApplicationDoc> {
    const application = Types.ObjectId.isValid(id)
      ? await Applications.findById(id).lean<ApplicationDoc>()
      : null;
    if (!application) throw new AppError('application.not_found');
    return application;
  }

  /**
   * Returns the certified company an application joins or, for a new company, a
   * certified company with the same name key (then approval joins it instead).
   */
  async function certifiedCompanyOf(application: ApplicationDoc): Promise<CompanyDoc | null> {
    if (application.type === 'join_company' && application.companyId) {
      return Companies.findById(application.companyId).lean<CompanyDoc>();
    }
    if (!application.company.nameKey) return null;
    return Companies.findOne({ nameKey: application.company.nameKey }).lean<CompanyDoc>();
  }

  async function get(id: string): Promise<ApplicationDetail> {
    const application = await load(id);
    return toApplicationDetail(
      application,
      timingOf(application, clock.now()),
      await certifiedCompanyOf(application),
    );
  }

  /** Opens a document of the application; a file of any other owner is reported as not found. */
  async function openFile(id: string, fileId: string): Promise<FileDownload> {
    const application = await load(id);
    const attached = application.files.find((file) => file.fileId.toString() === fileId);
    if (!attached) throw new AppError('file.not_found');
    // The stored content type was recognised from the file's bytes at upload.
    const download = await files.openDownload(attached.fileId);
    return { ...download, filename: attached.filename };
  }

  return { list, get, openFile };
}
