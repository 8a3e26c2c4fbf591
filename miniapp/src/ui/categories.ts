import { businessCategories } from '@ucz/shared';
import type { BusinessCategoryCode, Locale } from '@ucz/shared';

/** Joins the labels of business categories in the catalogue's order, in the user's language. */
export function categoryLabels(codes: readonly BusinessCategoryCode[], locale: Locale): string {
  const separator = locale === 'en' ? ', ' : '、';
  return businessCategories
    .filter((category) => codes.includes(category.code))
    .map((category) => category.label[locale])
    .join(separator);
}
