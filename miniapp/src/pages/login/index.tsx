import { PageShell } from '@/components/PageShell';
import { AccountLogin } from './AccountLogin';

export default function LoginPage() {
  return (
    <PageShell current="login">
      <AccountLogin />
    </PageShell>
  );
}
