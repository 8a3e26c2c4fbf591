import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n';
import { readStored, storageKeys, writeStored } from '@/platform/storage';
import { Button, Input } from '@/ui/nutui';
import '@/components/panel.css';

/** Openids offered with one tap. The tester can type any other. */
const presetOpenids = ['sim-user-a', 'sim-user-b', 'sim-user-c'];
const openidPattern = /^[A-Za-z0-9_-]{1,64}$/u;

/**
 * Picks the simulated WeChat user that the mini-program pages act as on the website in
 * simulator mode. The choice is remembered, so later pages and reloads keep it.
 */
export function SimulatedUserPicker({ onPicked }: { onPicked: (openid: string) => void }) {
  const { t } = useI18n();
  const [openid, setOpenid] = useState(readStored(storageKeys.simulatedOpenid) ?? '');
  const [error, setError] = useState<string>();

  const pick = (value: string) => {
    const trimmed = value.trim();
    if (!openidPattern.test(trimmed)) return setError(t('simulator.openidInvalid'));
    writeStored(storageKeys.simulatedOpenid, trimmed);
    onPicked(trimmed);
  };

  return (
    <View className="panel panel--narrow" data-section="simulated-user">
      <Text className="panel__subtitle">{t('simulator.title')}</Text>
      <Text className="hint">{t('simulator.hint')}</Text>
      <View className="panel__actions">
        {presetOpenids.map((preset) => (
          <Button key={preset} size="small" onClick={() => pick(preset)}>
            {preset}
          </Button>
        ))}
      </View>
      <Input
        name="openid"
        value={openid}
        placeholder="openid"
        onChange={(value) => {
          setOpenid(value);
          setError(undefined);
        }}
      />
      {error && <Text className="form-field__error">{error}</Text>}
      <View className="panel__actions">
        <Button type="primary" onClick={() => pick(openid)}>
          {t('simulator.use')}
        </Button>
      </View>
    </View>
  );
}

/** Returns the remembered simulated openid, if one was picked. */
export function pickedOpenid(): string | undefined {
  return readStored(storageKeys.simulatedOpenid);
}
