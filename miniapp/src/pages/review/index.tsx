import { PageShell } from '@/components/PageShell';
import { ReviewConsole } from './ReviewConsole';

export default function ReviewPage() {
  return (
    <PageShell>
      <ReviewConsole />
    </PageShell>
  );
}
