import { PageShell } from '@/components/PageShell';
import { Profile } from './Profile';

export default function ProfilePage() {
  return (
    <PageShell>
      <Profile />
    </PageShell>
  );
}
