import { PageShell } from '@/components/PageShell';
import { AccountCentre } from './AccountCentre';

export default function AccountPage() {
  return (
    <PageShell current="account">
      <AccountCentre />
    </PageShell>
  );
}
