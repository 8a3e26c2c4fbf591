import type { Locale } from '@ucz/shared';
import { z } from 'zod';
import type { NotificationTemplate } from './notification.types';
import { templateTexts } from './template-texts';

const requiredText = z.string().trim().min(1);

/** Text the message can do without: an empty or blank value counts as absent. */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

/** Parameters shared by all templates; only the application number is required. */
const applicationParams = {
  applicationNumber: requiredText,
  /** 公司全称; the text leaves the company out when it is absent. */
  companyName: optionalText,
  /** 姓名 of the applicant, used in the greeting. */
  name: optionalText,
};

/** Parameters of the security notices: WeChat bound or unbound, password changed or reset. */
const securityNoticeParams = {
  /** 账号: the account's login name. */
  username: requiredText,
  /** 姓名, used in the greeting. */
  name: optionalText,
  /** When it happened, already formatted with its time zone, such as `2026-03-02 10:01 (GMT+8)`. */
  occurredAt: requiredText,
};

/**
 * Parameters of each template. Enqueue rejects a message whose parameters do not fit;
 * parameters a template does not use are ignored.
 */
export const templateParamSchemas = {
  application_submitted: z.object(applicationParams),
  application_approved: z.object({
    ...applicationParams,
    /** The login name of the activated account. */
    username: optionalText,
    loginUrl: z.url().optional(),
  }),
  application_rejected: z.object({
    ...applicationParams,
    reason: requiredText,
    /** Page of the progress query, where the applicant can correct the application. */
    queryUrl: z.url().optional(),
  }),
  wechat_bound: z.object(securityNoticeParams),
  wechat_unbound: z.object(securityNoticeParams),
  password_changed: z.object(securityNoticeParams),
  password_reset: z.object(securityNoticeParams),
  password_reset_by_admin: z.object(securityNoticeParams),
} satisfies Record<NotificationTemplate, z.ZodType>;

export type TemplateParams<T extends NotificationTemplate> = z.output<
  (typeof templateParamSchemas)[T]
>;

/** Settings the texts mention. */
export interface TemplateContext {
  reviewWorkingDays: number;
}

export interface RenderedNotification {
  subject: string;
  text: string;
  sms: string;
}

/** Checks a template's parameters; returns the zod error text when they do not fit. */
export function checkTemplateParams(
  template: NotificationTemplate,
  params: Record<string, string>,
): string | undefined {
  const result = templateParamSchemas[template].safeParse(params);
  return result.success ? undefined : z.prettifyError(result.error);
}

/** Renders the email subject and text and the SMS text of a notification in one locale. */
export function renderNotification(
  template: NotificationTemplate,
  locale: Locale,
  params: Record<string, string>,
  context: TemplateContext,
): RenderedNotification {
  const texts = templateTexts[locale];
  switch (template) {
    case 'application_submitted':
      return texts.applicationSubmitted(
        templateParamSchemas.application_submitted.parse(params),
        context,
      );
    case 'application_approved':
      return texts.applicationApproved(
        templateParamSchemas.application_approved.parse(params),
        context,
      );
    case 'application_rejected':
      return texts.applicationRejected(
        templateParamSchemas.application_rejected.parse(params),
        context,
      );
    case 'wechat_bound':
      return texts.wechatBound(templateParamSchemas.wechat_bound.parse(params));
    case 'wechat_unbound':
      return texts.wechatUnbound(templateParamSchemas.wechat_unbound.parse(params));
    case 'password_changed':
      return texts.passwordChanged(templateParamSchemas.password_changed.parse(params));
    case 'password_reset':
      return texts.passwordReset(templateParamSchemas.password_reset.parse(params));
    case 'password_reset_by_admin':
      return texts.passwordResetByAdmin(templateParamSchemas.password_reset_by_admin.parse(params));
  }
}
