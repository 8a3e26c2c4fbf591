import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nProvider } from '@/i18n/i18n';

/** Renders `element` inside the app's language provider, as app.tsx does. */
export function renderWithI18n(element: ReactElement) {
  return render(<I18nProvider>{element}</I18nProvider>);
}

/** Finds the form row of an API field, where its label, input and error live. */
export function fieldRow(container: HTMLElement, field: string): HTMLElement {
  const row = container.querySelector<HTMLElement>(`[data-field="${field}"]`);
  if (!row) throw new Error(`no form row for field ${field}`);
  return row;
}

/** Finds the NutUI button whose text is `text`. */
export function nutButton(container: HTMLElement, text: string): HTMLElement {
  const button = [...container.querySelectorAll<HTMLElement>('.nut-button')].find(
    (element) => element.textContent?.trim() === text,
  );
  if (!button) throw new Error(`no button "${text}"`);
  return button;
}

/** NutUI marks disabled buttons with a class; clicks on them do nothing. */
export function isDisabled(button: HTMLElement): boolean {
  return button.classList.contains('nut-button-disabled');
}

/** Finds the text input of a NutUI Input inside `row`. */
export function inputIn(row: HTMLElement, index = 0): HTMLInputElement {
  const input = row.querySelectorAll<HTMLInputElement>('input')[index];
  if (!input) throw new Error('no input in this row');
  return input;
}
