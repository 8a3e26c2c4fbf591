import { ComingSoon } from '@/components/ComingSoon';
import { PageShell } from '@/components/PageShell';

// TODO: account login (password plus SMS or email code) replaces this placeholder.
export default function LoginPage() {
  return (
    <PageShell current="login">
      <ComingSoon titleKey="placeholder.loginTitle" />
    </PageShell>
  );
}
