import { useRouter } from '@tarojs/taro';
import { PageShell } from '@/components/PageShell';
import { ScanConfirm } from './ScanConfirm';

/**
 * Page that the website's mini-program code opens with the scan ticket as `scene`. On
 * the website a tester opens it as /pages/scan-login/index?scene=<ticket id>.
 */
export default function ScanLoginPage() {
  const { params } = useRouter();
  return (
    <PageShell>
      <ScanConfirm scene={params.scene} />
    </PageShell>
  );
}
