import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { errorMessages, formatMessage, maxFilesPerKind } from '@ucz/shared';
import type { AttachedFileView, DocumentKind, DraftView } from '@ucz/shared';
import type { CertificationApi } from '@/api/certification';
import { FormField } from '@/components/FormField';
import { useI18n } from '@/i18n/i18n';
import { platformFiles } from '@/platform/files';
import type { PickedFile } from '@/platform/files.types';
import { formatSize } from '@/ui/format';
import { Button, Progress } from '@/ui/nutui';
import { formErrorsOf } from './form-errors';

/** Upload limit of the server's default settings, for a draft that does not state its own. */
export const defaultUploadMaxBytes = 10 * 1024 * 1024;

/** Formats a byte limit in MB for messages: whole numbers as they are, others to one decimal. */
function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

interface Upload {
  id: number;
  file: PickedFile;
  percent: number;
}

export interface DocumentUploaderProps {
  api: CertificationApi;
  token: string;
  kind: DocumentKind;
  files: AttachedFileView[];
  note?: string;
  error?: string;
  onDraft: (draft: DraftView) => void;
  extra?: React.ReactNode;
  /** Size limit of one file in bytes. The server checks it again on upload. */
  maxBytes?: number;
}

let nextUploadId = 1;

/** One document kind of step ② 上传资料: its files, uploads in progress with previews, and errors. */
export function DocumentUploader({
  api,
  token,
  kind,
  files,
  note,
  error,
  onDraft,
  extra,
  maxBytes = defaultUploadMaxBytes,
}: DocumentUploaderProps) {
  const { t, label, locale } = useI18n();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [uploadError, setUploadError] = useState<string>();
  const [previews, setPreviews] = useState<Record<string, string>>({});
  const max = maxFilesPerKind[kind];
  const full = files.length + uploads.length >= max;

  const upload = async () => {
    const file = await platformFiles.pickDocument();
    if (!file) return;
    if (file.size > maxBytes) {
      setUploadError(
        formatMessage(errorMessages[locale]['file.too_large'], {
          field: label(kind),
          maxMb: megabytes(maxBytes),
        }),
      );
      return;
    }
    const entry: Upload = { id: nextUploadId++, file, percent: 0 };
    setUploadError(undefined);
    setUploads((current) => [...current, entry]);
    const setPercent = (percent: number) =>
      setUploads((current) =>
        current.map((item) => (item.id === entry.id ? { ...item, percent } : item)),
      );
    try {
      const result = await api.uploadFile(token, kind, file, setPercent);
      if (file.previewUrl)
        setPreviews((current) => ({ ...current, [result.file.id]: file.previewUrl as string }));
      onDraft(result.draft);
    } catch (failure) {
      const errors = formErrorsOf(failure);
      setUploadError(errors.form ?? Object.values(errors.fields)[0] ?? t('documents.uploadFailed'));
    } finally {
      setUploads((current) => current.filter((item) => item.id !== entry.id));
    }
  };

  const preview = (file: AttachedFileView) => {
    // Called straight from the click, so that the browser allows the new tab.
    api.previewFile(token, file).catch(() => setUploadError(t('documents.previewFailed')));
  };

  const remove = async (file: AttachedFileView) => {
    try {
      onDraft(await api.removeFile(token, file.id));
    } catch (failure) {
      setUploadError(formErrorsOf(failure).form ?? t('documents.uploadFailed'));
    }
  };

  return (
    <FormField name={kind} label={label(kind)} required error={uploadError ?? error} note={note}>
      {extra}
      <View className="document-list">
        {files.map((file) => (
          <View key={file.id} className="document-list__item">
            {previews[file.id] && (
              <Image
                className="document-list__preview"
                src={previews[file.id] as string}
                mode="aspectFit"
              />
            )}
            <Text className="document-list__name">{file.filename}</Text>
            <Text className="document-list__size">{formatSize(file.size)}</Text>
            <Text className="document-list__action" onClick={() => preview(file)}>
              {t('common.preview')}
            </Text>
            <Text className="document-list__action" onClick={() => void remove(file)}>
              {t('common.delete')}
            </Text>
          </View>
        ))}
        {uploads.map((item) => (
          <View key={item.id} className="document-list__item document-list__item--uploading">
            {item.file.previewUrl && (
              <Image
                className="document-list__preview"
                src={item.file.previewUrl}
                mode="aspectFit"
              />
            )}
            <Text className="document-list__name">{item.file.name}</Text>
            <Text className="document-list__size">
              {t('documents.uploading', { percent: item.percent })}
            </Text>
            <Progress percent={item.percent} />
          </View>
        ))}
      </View>
      <View className="document-list__controls">
        <Button size="small" disabled={full} onClick={() => void upload()}>
          {t('documents.choose')}
        </Button>
        <Text className="wizard-step__hint">
          {t('documents.rules', { maxMb: megabytes(maxBytes), max })}
        </Text>
      </View>
    </FormField>
  );
}
