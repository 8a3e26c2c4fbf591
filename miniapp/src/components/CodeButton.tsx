import { useEffect, useState } from 'react';
import { useI18n } from '@/i18n/i18n';
import { Button } from '@/ui/nutui';
import './code-button.css';

export interface CodeButtonProps {
  /** Sends the code; resolves to the seconds before a resend is allowed, or undefined on failure. */
  onSend: () => Promise<number | undefined>;
  disabled?: boolean;
  /** The button's text while no countdown runs; 获取验证码 by default. */
  label?: string;
}

/** 获取验证码 with a visible countdown before the next request is allowed. */
export function CodeButton({ onSend, disabled, label }: CodeButtonProps) {
  const { t } = useI18n();
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (secondsLeft <= 0) return undefined;
    const timer = setTimeout(() => setSecondsLeft((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [secondsLeft]);

  const send = async () => {
    setSending(true);
    try {
      const wait = await onSend();
      if (wait !== undefined) setSecondsLeft(wait);
    } finally {
      setSending(false);
    }
  };

  return (
    <Button
      size="small"
      disabled={disabled || sending || secondsLeft > 0}
      onClick={() => void send()}
      className="code-button"
    >
      {secondsLeft > 0
        ? t('account.resendIn', { seconds: secondsLeft })
        : (label ?? t('account.sendCode'))}
    </Button>
  );
}
