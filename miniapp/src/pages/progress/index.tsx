import { PageShell } from '@/components/PageShell';
import { ProgressQuery } from './ProgressQuery';

export default function ProgressPage() {
  return (
    <PageShell current="progress">
      <ProgressQuery />
    </PageShell>
  );
}
