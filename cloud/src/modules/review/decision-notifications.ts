import type { ApplicationDoc } from '../certification/application.model';
import type { NotificationOutbox, NotificationRequest } from '../notifications/notification.types';

type Decision = { kind: 'approved' } | { kind: 'rejected'; reason: string };

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
  const keyPrefix = `application:${application._id.toString()}:r${application.revision ?? 1}:${decision.kind}`;
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

/** Enqueues the decision messages; safe to repeat because the outbox ignores known dedupe keys. */
export async function enqueueDecisionNotifications(
  outbox: NotificationOutbox,
  application: ApplicationDoc,
  decision: Decision,
): Promise<number> {
  const requests = decisionNotifications(application, decision);
  for (const request of requests) await outbox.enqueue(request);
  return requests.length;
}
