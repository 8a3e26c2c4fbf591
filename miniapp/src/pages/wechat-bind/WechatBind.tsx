import { Text, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { createMiniWechatApi } from '@/api/wechat-mini';
import { CodeButton } from '@/components/CodeButton';
import { FormField } from '@/components/FormField';
import { WechatUserGate } from '@/components/WechatUserGate';
import { useI18n } from '@/i18n/i18n';
import { loginCodeSource } from '@/platform/login-code';
import { openPage } from '@/platform/navigation';
import { Button, Input } from '@/ui/nutui';
import { formErrorsOf, noErrors } from '../certification/form-errors';
import type { FormErrors } from '../certification/form-errors';
import { pendingBind, setPendingBind } from './pending-bind';
import type { PendingBind } from './pending-bind';
import '@/components/panel.css';

type Field = 'username' | 'password' | 'contact' | 'code';
const credentialFields: Field[] = ['username', 'password', 'contact'];
const allFields: Field[] = [...credentialFields, 'code'];

/** Places errors that name no field next to the field they are about. */
const fieldOfCode: Record<string, Field> = {
  'auth.invalid_credentials': 'password',
  'wechat.contact_mismatch': 'contact',
  'otp.invalid': 'code',
  'otp.expired': 'code',
  'otp.attempts_exceeded': 'code',
};

type Ticket =
  | { status: 'loading' }
  | { status: 'ready'; pending: PendingBind }
  | { status: 'alreadyBound' }
  | { status: 'failed'; message: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function BindForm({ pending }: { pending: PendingBind }) {
  const { t, label } = useI18n();
  const api = useMemo(() => createMiniWechatApi(t('common.networkError')), [t]);
  const [form, setForm] = useState<Record<Field, string>>({
    username: '',
    password: '',
    contact: '',
    code: '',
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<'bound' | 'boundWebsite'>();

  const change = (field: Field, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, fields: { ...current.fields, [field]: '' } }));
  };

  /** Marks the empty fields among `fields` and returns true when all are filled. */
  const requireFilled = (fields: Field[]): boolean => {
    const missing: Record<string, string> = {};
    for (const field of fields)
      if (form[field].trim() === '')
        missing[field] = t('common.requiredField', { field: label(field) });
    setErrors({ fields: missing });
    return Object.keys(missing).length === 0;
  };

  const credentials = () => ({
    bindTicket: pending.bindTicket,
    username: form.username.trim(),
    password: form.password,
    contact: form.contact.trim(),
  });

  const sendCode = async (): Promise<number | undefined> => {
    setNotice(undefined);
    if (!requireFilled(credentialFields)) return undefined;
    try {
      const sent = await api.requestBindCode(credentials());
      setNotice(
        t('bind.codeSent', {
          destination: sent.destination,
          minutes: Math.round(sent.expiresInSeconds / 60),
        }),
      );
      return sent.resendAfterSeconds;
    } catch (error) {
      setErrors(formErrorsOf(error, fieldOfCode));
      return undefined;
    }
  };

  const submit = async () => {
    if (!requireFilled(allFields)) return;
    setBusy(true);
    try {
      const result = await api.bind({
        ...credentials(),
        code: form.code.trim(),
        ...(pending.scanTicketId ? { scanTicketId: pending.scanTicketId } : {}),
      });
      setPendingBind(undefined);
      setDone(result.scanTicket?.state === 'confirmed' ? 'boundWebsite' : 'bound');
    } catch (error) {
      setErrors(formErrorsOf(error, fieldOfCode));
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <View>
        <Text className="notice notice--success">
          {t(done === 'boundWebsite' ? 'bind.doneWebsite' : 'bind.done')}
        </Text>
        <Button type="primary" onClick={() => openPage('profile')}>
          {t('profile.title')}
        </Button>
      </View>
    );

  return (
    <View data-section="bind-form">
      <Text className="hint">{t('bind.intro')}</Text>
      {errors.form && <Text className="notice notice--error">{errors.form}</Text>}
      {notice && <Text className="notice">{notice}</Text>}
      {credentialFields.map((field) => (
        <FormField
          key={field}
          name={field}
          label={label(field)}
          required
          error={errors.fields[field]}
        >
          <Input
            name={field}
            type={field === 'password' ? 'password' : 'text'}
            value={form[field]}
            placeholder={t('common.inputPlaceholder')}
            onChange={(value) => change(field, value)}
          />
        </FormField>
      ))}
      <FormField name="code" label={label('code')} required error={errors.fields.code}>
        <Input
          name="code"
          value={form.code}
          placeholder={t('common.inputPlaceholder')}
          onChange={(value) => change('code', value)}
        />
        <CodeButton onSend={sendCode} />
      </FormField>
      <View className="panel__actions">
        <Button type="primary" loading={busy} disabled={busy} onClick={() => void submit()}>
          {t('bind.submit')}
        </Button>
      </View>
      <Text className="link" onClick={() => openPage('login')}>
        {t('bind.directLogin')}
      </Text>
    </View>
  );
}

/**
 * Gets the bind ticket: the one the scan page handed over, or a new one from a WeChat
 * login when the page was opened on its own.
 */
function BindTicketLoader() {
  const { t } = useI18n();
  const api = useMemo(() => createMiniWechatApi(t('common.networkError')), [t]);
  const [ticket, setTicket] = useState<Ticket>(() => {
    const pending = pendingBind();
    return pending ? { status: 'ready', pending } : { status: 'loading' };
  });

  useEffect(() => {
    if (ticket.status !== 'loading') return undefined;
    let active = true;
    const load = async () => {
      try {
        const result = await api.login(await loginCodeSource.getLoginCode());
        if (!active) return;
        setTicket(
          result.bound
            ? { status: 'alreadyBound' }
            : { status: 'ready', pending: { bindTicket: result.bindTicket } },
        );
      } catch (error) {
        if (active) setTicket({ status: 'failed', message: messageOf(error) });
      }
    };
    void load();
    return () => {
      active = false;
    };
  }, [api, ticket.status]);

  switch (ticket.status) {
    case 'loading':
      return <Text className="hint">{t('common.loading')}</Text>;
    case 'failed':
      return <Text className="notice notice--error">{ticket.message}</Text>;
    case 'alreadyBound':
      return (
        <View>
          <Text className="notice">{t('bind.alreadyBound')}</Text>
          <Button onClick={() => openPage('profile')}>{t('profile.title')}</Button>
        </View>
      );
    case 'ready':
      return <BindForm pending={ticket.pending} />;
  }
}

/** 微信绑定账号: binds the WeChat user to an account with its password and a code. */
export function WechatBind() {
  const { t } = useI18n();
  return (
    <View className="panel panel--narrow">
      <Text className="panel__title">{t('bind.title')}</Text>
      {pendingBind() ? (
        <BindTicketLoader />
      ) : (
        <WechatUserGate>
          <BindTicketLoader />
        </WechatUserGate>
      )}
    </View>
  );
}
