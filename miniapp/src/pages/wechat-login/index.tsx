import { useEffect, useState } from 'react';
import { createMiniWechatApi } from '@/api/wechat-mini';
import { PageShell } from '@/components/PageShell';
import { ScanLogin } from './ScanLogin';

export default function WechatLoginPage() {
  const [simulator, setSimulator] = useState(false);

  useEffect(() => {
    let active = true;
    void createMiniWechatApi('')
      .simulatorAvailable()
      .then((available) => {
        if (active) setSimulator(available);
      });
    return () => {
      active = false;
    };
  }, []);

  return (
    <PageShell current="wechatLogin">
      <ScanLogin simulator={simulator} />
    </PageShell>
  );
}
