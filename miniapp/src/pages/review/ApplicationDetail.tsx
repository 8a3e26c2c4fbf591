import { Text, View } from '@tarojs/components';
import { localeNames, registrationRegionLabels } from '@ucz/shared';
import type { ReviewApplicationDetail, ReviewFile } from '@ucz/shared';
import type { ReviewApi } from '@/api/review';
import { Facts } from '@/components/Facts';
import type { Fact } from '@/components/Facts';
import { useI18n } from '@/i18n/i18n';
import { categoryLabels } from '@/ui/categories';
import { formatDateTime, formatSize } from '@/ui/format';
import { Tag } from '@/ui/nutui';
import { DeadlineBar } from './DeadlineBar';

const statusTagType = {
  pending: 'warning',
  approving: 'warning',
  approved: 'success',
  rejected: 'danger',
} as const;

/** Every field of one application, its documents with preview and download links, and its history. */
export function ApplicationDetail({
  application,
  api,
  onDownloadFailed,
}: {
  application: ReviewApplicationDetail;
  api: ReviewApi;
  onDownloadFailed: (error: unknown) => void;
}) {
  const { t, label, locale } = useI18n();
  const when = (iso?: string) => (iso ? formatDateTime(iso, locale) : undefined);
  const { company, account, agreement } = application;
  const status =
    application.status === 'approving' ? t('review.approving') : t(`status.${application.status}`);
  const phone =
    account.phone && account.phoneCallingCode && !account.phone.startsWith('+')
      ? `+${account.phoneCallingCode} ${account.phone}`
      : account.phone;
  const categories = [categoryLabels(application.categories, locale), application.otherDescription]
    .filter(Boolean)
    .join(' · ');

  const section = (title: string, facts: Fact[], name: string) => (
    <View className="detail-section" data-section={name}>
      <Text className="panel__subtitle">{title}</Text>
      <Facts facts={facts} />
    </View>
  );

  const download = (file: ReviewFile) => {
    api.openDocument(file).catch(onDownloadFailed);
  };
  // Called straight from the click, so that the browser allows the new tab.
  const preview = (file: ReviewFile) => {
    api.previewDocument(file).catch(onDownloadFailed);
  };

  return (
    <View className="application-detail">
      <View className="panel__header">
        <Text className="panel__title">{application.number}</Text>
        <Tag type={statusTagType[application.status]}>{status}</Tag>
      </View>
      {(application.status === 'pending' || application.status === 'approving') && (
        <DeadlineBar item={application} />
      )}
      {section(
        t('progress.status'),
        [
          {
            name: 'type',
            label: t('review.type'),
            value:
              application.type === 'new_company'
                ? t('review.typeNewCompany')
                : t('review.typeJoinCompany'),
          },
          {
            name: 'applyAdmin',
            label: label('applyAdmin'),
            value: application.applyAdmin ? t('common.yes') : t('common.no'),
          },
          {
            name: 'submittedAt',
            label: t('progress.submittedAt'),
            value: when(application.submittedAt),
          },
          { name: 'revision', label: t('review.revision'), value: String(application.revision) },
          { name: 'locale', label: t('review.locale'), value: localeNames[application.locale] },
          { name: 'decidedAt', label: t('review.decidedAt'), value: when(application.decidedAt) },
          { name: 'rejectReason', label: label('reason'), value: application.rejectReason },
        ],
        'summary',
      )}
      {section(
        t('steps.company'),
        [
          {
            name: 'region',
            label: label('region'),
            value: company.region ? registrationRegionLabels[company.region][locale] : undefined,
          },
          { name: 'fullName', label: label('fullName'), value: company.fullName },
          { name: 'shortName', label: label('shortName'), value: company.shortName },
          { name: 'address', label: label('address'), value: company.address },
          { name: 'brNumber', label: label('brNumber'), value: company.brNumber },
          { name: 'categories', label: label('categories'), value: categories },
        ],
        'company',
      )}
      {application.certifiedCompany &&
        section(
          application.type === 'join_company'
            ? t('review.joinedCompany')
            : t('review.certifiedCompany'),
          [
            {
              name: 'fullName',
              label: label('fullName'),
              value: application.certifiedCompany.fullName,
            },
            {
              name: 'address',
              label: label('address'),
              value: application.certifiedCompany.address,
            },
            {
              name: 'brNumber',
              label: label('brNumber'),
              value: application.certifiedCompany.brNumber,
            },
            {
              name: 'certifiedAt',
              label: t('review.certifiedAt'),
              value: when(application.certifiedCompany.certifiedAt),
            },
          ],
          'certified-company',
        )}
      {section(
        t('steps.account'),
        [
          { name: 'username', label: label('username'), value: account.username },
          { name: 'name', label: label('name'), value: account.name },
          { name: 'department', label: label('department'), value: account.department },
          { name: 'phone', label: label('phone'), value: phone },
          { name: 'title', label: label('title'), value: account.title },
          { name: 'email', label: label('email'), value: account.email },
          { name: 'mobile', label: label('mobile'), value: account.mobile },
        ],
        'account',
      )}
      {section(
        t('review.agreement'),
        [
          { name: 'version', label: t('review.agreementVersion'), value: agreement.version },
          { name: 'acceptedAt', label: t('review.acceptedAt'), value: when(agreement.acceptedAt) },
          { name: 'ip', label: t('review.ip'), value: agreement.ip },
          { name: 'userAgent', label: t('review.userAgent'), value: agreement.userAgent },
          {
            name: 'adminAgreementAcceptedAt',
            label: t('review.adminAgreementAcceptedAt'),
            value: when(application.adminAgreementAcceptedAt),
          },
        ],
        'agreement',
      )}

      <View className="detail-section" data-section="documents">
        <Text className="panel__subtitle">{t('review.documents')}</Text>
        {application.files.length === 0 && <Text className="hint">{t('review.noDocuments')}</Text>}
        {application.files.map((file) => (
          <View key={file.fileId} className="review-document" data-file={file.fileId}>
            <Text className="review-document__kind">{label(file.kind)}</Text>
            <Text className="review-document__name">{file.filename}</Text>
            <Text className="hint">{`${formatSize(file.size)} · ${when(file.uploadedAt) ?? ''}`}</Text>
            <Text className="link" onClick={() => preview(file)}>
              {t('common.preview')}
            </Text>
            <Text className="link" onClick={() => download(file)}>
              {t('common.download')}
            </Text>
          </View>
        ))}
      </View>

      <View className="detail-section" data-section="history">
        <Text className="panel__subtitle">{t('review.history')}</Text>
        {application.history.map((entry, index) => (
          <View key={index} className="review-history">
            <Text className="review-history__event">{t(`event.${entry.event}`)}</Text>
            <Text className="hint">{when(entry.at)}</Text>
            {entry.reason && <Text>{entry.reason}</Text>}
          </View>
        ))}
      </View>
    </View>
  );
}
