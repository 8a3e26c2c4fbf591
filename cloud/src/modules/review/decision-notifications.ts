import type { ApplicationDoc } from '../certification/application.model';
import type { NotificationOutbox, NotificationRequest } from '../notifications/notification.types';

export type Decision = { kind: 'approved' } | { kind: 'rejected'; reason: string };

/** Sends review results through WeChat to applicants whose account is bound to a WeChat user. */
export interface ReviewResultWechat {
  /**
   * Returns true when the result went out as a WeChat message, and false when the
   * applicant's account is not bound or the message could not go out, so that the
   * result goes by email and SMS instead.
   */
  sendReviewResult(input: {
    application: ApplicationDoc;
    decision: Decision;
    /** The applicant's account, when the caller knows it (an approval has just created it). */
    accountId?: string;
    decidedAt: Date;
    dedupeKey: string;
  }): Promise<boolean>;
}

function keyPrefixOf(application: ApplicationDoc, decision: Decision): string {
  return `application:${application._id.toString()}:r${application.revision ?? 1}:${decision.kind}`;
}

/**
 * Builds the messages that tell the applicant the review result: an email always, and
 * an SMS when a mobile number was given. Dedupe keys name the application, its revision
 * and the decision, so a retried decision enqueues nothing twice.
 */
export function decisionNotifications(
  application: ApplicationDoc,
  decision: Decision,
): NotificationRequest[] {
  const { account } = application;
  const keyPrefix = keyPrefixOf(application, decision);
  const template = decision.kind === 'approved' ? 'application_approved' : 'application_rejected';
  const params: Record<string, string> = {
    applicationNumber: application.number,
    companyName: application.company.fullName ?? '',
    name: account.name ?? '',
  };
  if (decision.kind === 'rejected') params.reason = decision.reason;
  else if (account.username) params.username = account.username;
  const locale = application.locale ?? 'zh-CN';

  const requests: NotificationRequest[] = [];
  if (account.email) {
    requests.push({
      dedupeKey: `${keyPrefix}:email`,
      channel: 'email',
      to: account.email,
      locale,
      template,
      params,
    });
  }
  if (account.mobile) {
    requests.push({
      dedupeKey: `${keyPrefix}:sms`,
      channel: 'sms',
      to: account.mobile,
      locale,
      template,
      params,
    });
  }
  return requests;
}

/**
 * Records the review result for the account centre and notifies the applicant. WeChat
 * comes first when `wechat` is given and the applicant's account is bound. Otherwise,
 * or when WeChat does not take the message, the email and SMS are enqueued. Returns the
 * number of messages sent or enqueued. Repeating a call is safe, because the WeChat
 * notifier and the outbox both ignore known dedupe keys.
 */
export async function enqueueDecisionNotifications(
  outbox: NotificationOutbox,
  application: ApplicationDoc,
  decision: Decision,
  wechat?: { channel: ReviewResultWechat; accountId?: string; decidedAt: Date },
): Promise<number> {
  await outbox.recordEvent({
    eventKey: keyPrefixOf(application, decision),
    kind: decision.kind === 'approved' ? 'application_approved' : 'application_rejected',
    applicationId: application._id.toString(),
    applicationNumber: application.number,
    ...(wechat?.accountId ? { accountId: wechat.accountId } : {}),
  });
  if (wechat) {
    const sent = await wechat.channel.sendReviewResult({
      application,
      decision,
      ...(wechat.accountId ? { accountId: wechat.accountId } : {}),
      decidedAt: wechat.decidedAt,
      dedupeKey: `${keyPrefixOf(application, decision)}:wechat`,
    });
    if (sent) return 1;
  }
  const requests = decisionNotifications(application, decision);
  for (const request of requests) await outbox.enqueue(request);
  return requests.length;
}
