import { View } from '@tarojs/components';
import { businessCategories } from '@ucz/shared';
import type { BusinessCategoryCode } from '@ucz/shared';
import { useI18n } from '@/i18n/i18n';
import { Checkbox } from '@/ui/nutui';
import '@/components/category-grid.css';

/** Checkboxes of the business categories, in the catalogue's order. */
export function CategoryChoice({
  selected,
  onChange,
}: {
  selected: readonly BusinessCategoryCode[];
  onChange: (selected: BusinessCategoryCode[]) => void;
}) {
  const { locale } = useI18n();
  const toggle = (code: BusinessCategoryCode, checked: boolean) => {
    const others = selected.filter((entry) => entry !== code);
    const next = checked ? [...others, code] : others;
    onChange(
      businessCategories.map((category) => category.code).filter((entry) => next.includes(entry)),
    );
  };
  return (
    <View className="category-choice category-grid">
      {businessCategories.map((category) => (
        <View
          key={category.code}
          className="category-choice__item category-grid__item"
          data-category={category.code}
        >
          <Checkbox
            checked={selected.includes(category.code)}
            onChange={(checked) => toggle(category.code, checked)}
            label={category.label[locale]}
          />
        </View>
      ))}
    </View>
  );
}
