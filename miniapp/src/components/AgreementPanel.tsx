import { ScrollView, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n';
import { Button } from '@/ui/nutui';
import './agreement-panel.css';

export interface AgreementPanelProps {
  title: string;
  text: string;
  onAccept: () => void;
  busy?: boolean;
}

/**
 * An agreement to read to the end: 我已阅读并同意以上协议 stays disabled until the
 * text has been scrolled to its bottom.
 */
export function AgreementPanel({ title, text, onAccept, busy }: AgreementPanelProps) {
  const { t } = useI18n();
  const [readToEnd, setReadToEnd] = useState(false);
  return (
    <View className="agreement-panel">
      <Text className="agreement-panel__title">{title}</Text>
      <ScrollView
        className="agreement-panel__text"
        scrollY
        lowerThreshold={24}
        onScrollToLower={() => setReadToEnd(true)}
        data-testid="agreement-text"
      >
        {text.split('\n').map((paragraph, index) => (
          <View key={index} className="agreement-panel__paragraph">
            {paragraph}
          </View>
        ))}
      </ScrollView>
      {!readToEnd && <Text className="agreement-panel__hint">{t('agreement.scrollHint')}</Text>}
      <Button type="primary" block disabled={!readToEnd || busy} loading={busy} onClick={onAccept}>
        {t('agreement.accept')}
      </Button>
    </View>
  );
}
