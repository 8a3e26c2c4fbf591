import type { ReactNode } from 'react';
import { useI18n } from '@/i18n/i18n';
import { Dialog } from '@/ui/nutui';

export interface ConfirmDialogProps {
  visible: boolean;
  title: string;
  content: ReactNode;
  /** Runs the confirmed action; the dialog closes when it settles. */
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
}

/** A NutUI dialog that requests confirmation before an action that cannot be undone (确定 / 取消). */
export function ConfirmDialog({ visible, title, content, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      visible={visible}
      title={title}
      content={content}
      confirmText={t('common.confirm')}
      cancelText={t('common.cancel')}
      closeOnOverlayClick
      onConfirm={async () => {
        await onConfirm();
      }}
      onCancel={onClose}
      onClose={onClose}
    />
  );
}
