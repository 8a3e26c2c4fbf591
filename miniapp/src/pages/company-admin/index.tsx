import { PageShell } from '@/components/PageShell';
import { AdminConsole } from './AdminConsole';

export default function CompanyAdminPage() {
  return (
    <PageShell current="account">
      <AdminConsole />
    </PageShell>
  );
}
