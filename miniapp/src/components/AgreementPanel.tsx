import { ScrollView, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '@/i18n/i18n';
import { Button } from '@/ui/nutui';
import { KeepNumbers } from './KeepNumbers';
import './agreement-panel.css';

export interface AgreementPanelProps {
  title: string;
  text: string;
  onAccept: () => void;
  busy?: boolean;
}

/**
 * Tells whether the text box shows all of its content, so there is nothing to scroll.
 * A box without height has not been laid out yet (or is hidden) and does not count.
 */
export function contentFits(element: unknown): boolean {
  if (!element || typeof element !== 'object') return false;
  const { scrollHeight, clientHeight } = element as Partial<HTMLElement>;
  if (typeof scrollHeight !== 'number' || typeof clientHeight !== 'number') return false;
  return clientHeight > 0 && scrollHeight <= clientHeight + 1;
}

/**
 * An agreement to read to the end: 我已阅读并同意以上协议 stays disabled until the
 * text has been scrolled to its bottom, or at once when the whole text fits its box.
 * On the website the box is measured after rendering and whenever the window is resized.
 */
export function AgreementPanel({ title, text, onAccept, busy }: AgreementPanelProps) {
  const { t } = useI18n();
  const [readToEnd, setReadToEnd] = useState(false);
  // On the website the ScrollView forwards its ref to the scrolling element.
  // NOTE: in the mini-program the ref has no scrollHeight, so there the text must still be scrolled.
  const box = useRef<HTMLElement>(null);

  const checkFits = useCallback(() => {
    if (contentFits(box.current)) setReadToEnd(true);
  }, []);

  useEffect(() => {
    checkFits();
    if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return;
    // Layout may settle after the first paint (fonts, styles), so measure once more then.
    const frame =
      typeof window.requestAnimationFrame === 'function'
        ? window.requestAnimationFrame(checkFits)
        : undefined;
    window.addEventListener('resize', checkFits);
    return () => {
      window.removeEventListener('resize', checkFits);
      if (frame !== undefined) window.cancelAnimationFrame(frame);
    };
  }, [checkFits, text]);

  return (
    <View className="agreement-panel">
      <Text className="agreement-panel__title">{title}</Text>
      <ScrollView
        ref={box}
        className="agreement-panel__text"
        scrollY
        lowerThreshold={24}
        onScrollToLower={() => setReadToEnd(true)}
        data-testid="agreement-text"
      >
        {text.split('\n').map((paragraph, index) => (
          <View key={index} className="agreement-panel__paragraph">
            <KeepNumbers text={paragraph} />
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
