import { PageShell } from '@/components/PageShell';
import { WechatBind } from './WechatBind';

export default function WechatBindPage() {
  return (
    <PageShell>
      <WechatBind />
    </PageShell>
  );
}
