import { PageShell } from '@/components/PageShell';
import { PasswordReset } from './PasswordReset';

export default function ForgotPasswordPage() {
  return (
    <PageShell current="login">
      <PasswordReset />
    </PageShell>
  );
}
