import { Text, View } from '@tarojs/components';
import { useI18n } from '@/i18n/i18n';
import './step-bar.css';

const stepKeys = ['steps.company', 'steps.documents', 'steps.account', 'steps.success'] as const;
const circledNumbers = ['①', '②', '③', '④'];

/** The wizard's step bar: ① 公司信息 ② 上传资料 ③ 账号信息 ④ 申请成功. */
export function StepBar({ current }: { current: number }) {
  const { t } = useI18n();
  return (
    <View className="step-bar">
      {stepKeys.map((key, index) => (
        <View
          key={key}
          className={`step-bar__step${index === current ? ' step-bar__step--current' : ''}${index < current ? ' step-bar__step--done' : ''}`}
          aria-current={index === current ? 'step' : undefined}
        >
          <View className="step-bar__marker">
            <Text className="step-bar__number">{circledNumbers[index]}</Text>
            <Text className="step-bar__label">{t(key)}</Text>
          </View>
          {index < stepKeys.length - 1 && <View className="step-bar__line" />}
        </View>
      ))}
    </View>
  );
}
