import { Text, View } from '@tarojs/components';
import { useI18n } from '@/i18n/i18n';

/**
 * 微信绑定 in the account centre. The bound WeChat identity and its unbinding come from
 * the WeChat pages (GET /api/wechat/binding).
 */
// TODO: show the bound WeChat identity with 解绑 once the WeChat pages exist; until then
// this section only explains the scan login.
export function WechatBindingSection() {
  const { t } = useI18n();
  return (
    <View className="panel" data-section="wechat">
      <Text className="panel__subtitle">{t('centre.wechat')}</Text>
      <Text className="hint">{t('centre.wechatHint')}</Text>
    </View>
  );
}
