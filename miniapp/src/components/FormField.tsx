import { Text, View } from '@tarojs/components';
import type { PropsWithChildren, ReactNode } from 'react';
import './form-field.css';

export interface FormFieldProps {
  /** The API field name; error messages for it are shown under the input. */
  name: string;
  label: string;
  required?: boolean;
  error?: string;
  /** A note under the input, such as 注：公司注册地址必须与商业登记证上的保持一致！ */
  note?: ReactNode;
}

/** One labelled form row with the guide's red star for required fields and its error. */
export function FormField({
  name,
  label,
  required,
  error,
  note,
  children,
}: PropsWithChildren<FormFieldProps>) {
  return (
    <View className={`form-field${error ? ' form-field--error' : ''}`} data-field={name}>
      <View className="form-field__label">
        {required && <Text className="form-field__required">*</Text>}
        <Text>{label}</Text>
      </View>
      <View className="form-field__control">
        {children}
        {note && <View className="form-field__note">{note}</View>}
        {error && <Text className="form-field__error">{error}</Text>}
      </View>
    </View>
  );
}
