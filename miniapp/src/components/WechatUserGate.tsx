import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n';
import { loginCodeSource } from '@/platform/login-code';
import { pickedOpenid, SimulatedUserPicker } from './SimulatedUserPicker';

/**
 * Shows `children` once a wx.login code can be had, which in WeChat is at once. On the
 * website (simulator mode) the tester first picks the simulated WeChat user. Changing
 * that user later remounts `children` as the new user.
 */
export function WechatUserGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [openid, setOpenid] = useState(() =>
    loginCodeSource.simulated ? pickedOpenid() : undefined,
  );
  const [changing, setChanging] = useState(false);

  if (!loginCodeSource.simulated) return <>{children}</>;
  if (!openid || changing)
    return (
      <SimulatedUserPicker
        onPicked={(picked) => {
          setOpenid(picked);
          setChanging(false);
        }}
      />
    );
  return (
    <View key={openid}>
      <View className="hint" data-section="simulated-current">
        <Text>{t('simulator.current', { openid })} </Text>
        <Text className="link" onClick={() => setChanging(true)}>
          {t('simulator.change')}
        </Text>
      </View>
      {children}
    </View>
  );
}
