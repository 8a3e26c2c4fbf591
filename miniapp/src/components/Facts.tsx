import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import '@/components/panel.css';

/** One labelled value of a read-only record; rows without a value are left out. */
export interface Fact {
  label: string;
  value: ReactNode;
  /** Identifies the row in tests and styles, such as the API field name. */
  name?: string;
}

/** A list of label and value rows, such as a profile or an application's fields. */
export function Facts({ facts }: { facts: Fact[] }) {
  return (
    <View className="facts">
      {facts
        .filter((fact) => fact.value !== undefined && fact.value !== null && fact.value !== '')
        .map((fact) => (
          <View key={fact.name ?? fact.label} className="facts__row" data-fact={fact.name}>
            <Text className="facts__label">{fact.label}</Text>
            <Text className="facts__value">{fact.value}</Text>
          </View>
        ))}
    </View>
  );
}
