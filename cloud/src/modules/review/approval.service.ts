import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import { accountModel } from '../accounts/account.model';
import { companyModel } from '../accounts/company.model';
import type { CompanyDoc } from '../accounts/company.model';
import type { AuditLog, RequestMeta } from '../audit/audit.service';
import { applicationModel } from '../certification/application.model';
import type { ApplicationDoc } from '../certification/application.model';
import type { NotificationOutbox } from '../notifications/notification.types';
import { enqueueDecisionNotifications } from './decision-notifications';
import type { ReviewResultWechat } from './decision-notifications';
import { decisionIdOf, reviewDecisionModel, takeDecision } from './review-decision.model';
import type { ReviewDecisionDoc } from './review-decision.model';
import type { ApprovalResult } from './review.dto';

/**
 * Steps of an approval, in order. Each is idempotent, so an approval that stopped after
 * any of them (crash, timeout, lost connection) is finished by calling approve again.
 */
export const approvalSteps = [
  'claimed',
  'company',
  'account',
  'notifications',
  'completed',
] as const;
export type ApprovalStep = (typeof approvalSteps)[number];

/** The approval plan: which company the person joins or certifies, and the new account's id. */
interface ApprovalPlan {
  reviewerId: Types.ObjectId;
  startedAt: Date;
  companyId: Types.ObjectId;
  accountId: Types.ObjectId;
  asAdmin: boolean;
}

export interface ApprovalDeps {
  db: Connection;
  clock: Clock;
  outbox: NotificationOutbox;
  logger: Logger;
  /** Called after each finished step; tests throw here to simulate a crash. */
  afterStep?: (step: ApprovalStep, applicationId: string) => void | Promise<void>;
  /** Receives one review.approved entry per finished approval. */
  audit?: AuditLog;
  /** Sends the result through WeChat when the new account is bound; email and SMS otherwise. */
  wechat?: ReviewResultWechat;
}

export type ApprovalService = ReturnType<typeof createApprovalService>;

/**
 * Returns a reader of fields that a submitted application always has. A missing one
 * means the stored document is damaged, which no retry fixes, so it throws.
 */
function fieldReader(application: ApplicationDoc, part: 'company' | 'account') {
  return <T>(value: T | null | undefined, name: string): T => {
    if (value === null || value === undefined) {
      throw new Error(
        `application ${application._id.toString()} has no ${part}.${name}; it cannot be approved`,
      );
    }
    return value;
  };
}

function planOf(decision: ReviewDecisionDoc): ApprovalPlan {
  if (!decision.companyId || !decision.accountId)
    throw new Error(`decision ${decision._id} has no approval plan`);
  return {
    reviewerId: decision.reviewerId,
    startedAt: decision.decidedAt,
    companyId: decision.companyId,
    accountId: decision.accountId,
    asAdmin: decision.asAdmin ?? false,
  };
}

/**
 * Approves applications with a resumable state machine, because the database gives no
 * multi-document transactions here:
 * 1. claimed: the approve decision is recorded (the first decision of a revision wins)
 *    with the chosen company id and a new account id, and the status becomes approving;
 * 2. company: the certified company is created under its chosen id unless it exists;
 * 3. account: the account is created under its chosen id unless it exists;
 * 4. notifications: the approval messages are enqueued with dedupe keys;
 * 5. completed: the status becomes approved, with a history entry.
 */
export function createApprovalService(deps: ApprovalDeps) {
  const { db, clock, outbox, logger, afterStep } = deps;
  const Applications = applicationModel(db);
  const Companies = companyModel(db);
  const Accounts = accountModel(db);
  const Decisions = reviewDecisionModel(db);

  async function load(id: string): Promise<ApplicationDoc> {
    const application = Types.ObjectId.isValid(id)
      ? await Applications.findById(id).lean<ApplicationDoc>()
      : null;
    if (!application) throw new AppError('application.not_found');
    return application;
  }

  /** Picks the company to join or certify: a certified company with the same name wins. */
  async function chooseCompanyId(application: ApplicationDoc): Promise<Types.ObjectId> {
    if (application.type === 'join_company' && application.companyId) return application.companyId;
    const sameName = await Companies.findOne(
      { nameKey: application.company.nameKey },
      { _id: 1 },
    ).lean();
    return sameName?._id ?? new Types.ObjectId();
  }

  /** Step 1. Returns the approval plan, or undefined when the revision was rejected instead. */
  async function claim(
    application: ApplicationDoc,
    reviewerId: string,
  ): Promise<ApprovalPlan | undefined> {
    const decision = await takeDecision(
      db,
      application,
      new Types.ObjectId(reviewerId),
      clock.now(),
      {
        kind: 'approve',
        companyId: await chooseCompanyId(application),
        accountId: new Types.ObjectId(),
        asAdmin: application.applyAdmin ?? false,
      },
    );
    if (decision.kind !== 'approve') return undefined;

    const plan = planOf(decision);
    await Applications.updateOne(
      { _id: application._id, status: 'pending', revision: application.revision },
      { $set: { status: 'approving', approval: plan } },
    );
    return plan;
  }

  function companyFields(application: ApplicationDoc, plan: ApprovalPlan) {
    const { company } = application;
    const field = fieldReader(application, 'company');
    return {
      _id: plan.companyId,
      fullName: field(company.fullName, 'fullName'),
      nameKey: field(company.nameKey, 'nameKey'),
      shortName: company.shortName ?? undefined,
      region: field(company.region, 'region'),
      address: field(company.address, 'address'),
      brNumber: field(company.brNumber, 'brNumber'),
      categories: application.categories,
      otherDescription: application.otherDescription ?? undefined,
      status: 'certified' as const,
      certifiedAt: clock.now(),
      sourceApplicationId: application._id,
    };
  }

  /** Step 2. Returns the plan, switched to another company if one with the same name was certified first. */
  async function ensureCompany(
    application: ApplicationDoc,
    plan: ApprovalPlan,
  ): Promise<ApprovalPlan> {
    if (await Companies.exists({ _id: plan.companyId })) return plan;
    try {
      await Companies.create(companyFields(application, plan));
      logger.info(
        { applicationId: application._id.toString(), companyId: plan.companyId.toString() },
        'company certified',
      );
      return plan;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Either a concurrent call of this step created it, or another application certified the name first.
      if (await Companies.exists({ _id: plan.companyId })) return plan;
      const sameName = await Companies.findOne(
        { nameKey: application.company.nameKey },
        { _id: 1 },
      ).lean();
      if (!sameName) throw error;

      await Decisions.updateOne(
        { _id: decisionIdOf(application) },
        { $set: { companyId: sameName._id } },
      );
      await Applications.updateOne(
        { _id: application._id, status: 'approving' },
        { $set: { 'approval.companyId': sameName._id } },
      );
      logger.info(
        { applicationId: application._id.toString(), companyId: sameName._id.toString() },
        'a company with the same name was certified meanwhile: joining it',
      );
      return { ...plan, companyId: sameName._id };
    }
  }

  /** Step 3. */
  async function ensureAccount(application: ApplicationDoc, plan: ApprovalPlan): Promise<void> {
    if (await Accounts.exists({ _id: plan.accountId })) return;
    const { account } = application;
    const field = fieldReader(application, 'account');
    try {
      await Accounts.create({
        _id: plan.accountId,
        username: field(account.username, 'username'),
        usernameKey: field(account.usernameKey, 'usernameKey'),
        email: field(account.email, 'email'),
        emailKey: field(account.emailKey, 'emailKey'),
        name: field(account.name, 'name'),
        department: field(account.department, 'department'),
        phone: field(account.phone, 'phone'),
        title: field(account.title, 'title'),
        mobile: account.mobile ?? undefined,
        passwordHash: application.passwordHash,
        companyId: plan.companyId,
        role: plan.asAdmin ? 'admin' : 'user',
        status: 'active',
        permissions: application.categories,
        locale: application.locale ?? 'zh-CN',
        sourceApplicationId: application._id,
      });
      logger.info(
        {
          applicationId: application._id.toString(),
          accountId: plan.accountId.toString(),
          asAdmin: plan.asAdmin,
        },
        'account created',
      );
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      if (await Accounts.exists({ _id: plan.accountId })) return;
      // NOTE: the application stays in `approving` until an operator frees the username or email.
      logger.error(
        { applicationId: application._id.toString(), err: error },
        'approval stopped: the username or email belongs to another account',
      );
      throw new AppError('account.conflict', { cause: error });
    }
  }

  /** Step 5. */
  async function complete(application: ApplicationDoc, plan: ApprovalPlan): Promise<void> {
    const now = clock.now();
    await Applications.updateOne(
      { _id: application._id, status: 'approving' },
      {
        $set: { status: 'approved', decidedAt: now, approval: plan },
        $push: { history: { at: now, event: 'approved', actorId: plan.reviewerId } },
      },
    );
  }

  async function resultOf(application: ApplicationDoc): Promise<ApprovalResult> {
    const { approval } = application;
    if (!approval || !application.decidedAt) {
      throw new Error(
        `application ${application._id.toString()} is approved but has no approval record`,
      );
    }
    const company = await Companies.findById(approval.companyId, {
      sourceApplicationId: 1,
    }).lean<CompanyDoc>();
    return {
      applicationId: application._id.toString(),
      number: application.number,
      status: 'approved',
      companyId: approval.companyId.toString(),
      accountId: approval.accountId.toString(),
      companyCreated: company?.sourceApplicationId?.equals(application._id) ?? false,
      role: approval.asAdmin ? 'admin' : 'user',
      decidedAt: application.decidedAt.toISOString(),
    };
  }

  async function runSteps(
    application: ApplicationDoc,
    claimedPlan: ApprovalPlan,
    reviewerId: string,
    request: RequestMeta | undefined,
  ): Promise<ApprovalResult> {
    const applicationId = application._id.toString();
    await afterStep?.('claimed', applicationId);
    const plan = await ensureCompany(application, claimedPlan);
    await afterStep?.('company', applicationId);
    await ensureAccount(application, plan);
    await afterStep?.('account', applicationId);
    const enqueued = await enqueueDecisionNotifications(
      outbox,
      application,
      { kind: 'approved' },
      deps.wechat
        ? { channel: deps.wechat, accountId: plan.accountId.toString(), decidedAt: plan.startedAt }
        : undefined,
    );
    await afterStep?.('notifications', applicationId);
    await complete(application, plan);
    await afterStep?.('completed', applicationId);

    logger.info(
      { applicationId, reviewerId, companyId: plan.companyId.toString(), notifications: enqueued },
      'application approved',
    );
    await deps.audit?.record({
      action: 'review.approved',
      actor: { type: 'staff', id: reviewerId },
      target: { type: 'application', id: applicationId, label: application.number },
      companyId: plan.companyId,
      request,
      details: { accountId: plan.accountId.toString(), role: plan.asAdmin ? 'admin' : 'user' },
    });
    return resultOf(await load(applicationId));
  }

  /**
   * Approves a pending application, resumes an approval that stopped part-way, and
   * returns the stored result for an application already approved. Throws
   * application.already_decided when the application (revision) was rejected, and
   * application.not_found for an unknown id.
   */
  async function approve(
    applicationId: string,
    reviewerId: string,
    request?: RequestMeta,
  ): Promise<ApprovalResult> {
    const application = await load(applicationId);
    if (application.status === 'approved') return resultOf(application);
    if (application.status === 'rejected') throw new AppError('application.already_decided');

    logger.info({ applicationId, reviewerId, status: application.status }, 'approval started');
    const plan = await claim(application, reviewerId);
    if (!plan) throw new AppError('application.already_decided');
    return runSteps(application, plan, reviewerId, request);
  }

  return { approve };
}
