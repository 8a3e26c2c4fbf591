import { ComingSoon } from '@/components/ComingSoon';
import { PageShell } from '@/components/PageShell';

// TODO: the WeChat scan login (mini-program code and its live states) replaces this placeholder.
export default function WechatLoginPage() {
  return (
    <PageShell current="wechatLogin">
      <ComingSoon titleKey="placeholder.wechatTitle" />
    </PageShell>
  );
}
