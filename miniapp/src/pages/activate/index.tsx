import { useRouter } from '@tarojs/taro';
import { PageShell } from '@/components/PageShell';
import { Activation } from './Activation';

/** Opened from the emailed link `/activate?token=...`. */
export default function ActivatePage() {
  const { params } = useRouter();
  return (
    <PageShell>
      <Activation token={params.token || undefined} />
    </PageShell>
  );
}
