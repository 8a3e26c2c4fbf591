import type { FileChooser, Locator, Page } from 'playwright-core';

/**
 * Narrows `locator` to visible elements. The website keeps the pages it navigated away from
 * in the document, hidden, as a page stack.
 */
export function visible(locator: Locator): Locator {
  return locator.filter({ visible: true });
}

/** Waits until the page shown (or `scope` in it) shows `text`. */
export async function shows(
  scope: Page | Locator,
  text: string | RegExp,
  timeout?: number,
): Promise<void> {
  await visible(scope.getByText(text)).first().waitFor({ timeout });
}

/** Finds the form row of an API field (FormField renders data-field) on the page shown. */
export function field(scope: Page | Locator, name: string): Locator {
  return visible(scope.locator(`[data-field="${name}"]`));
}

/** Types `value` into the input of a form row, as a user does. */
export async function fillField(scope: Page | Locator, name: string, value: string): Promise<void> {
  const input = field(scope, name).locator('input').first();
  await input.fill(value);
}

/** Finds the visible NutUI buttons with exactly this label. */
export function button(scope: Page | Locator, label: string): Locator {
  return visible(scope.locator('.nut-button')).filter({
    hasText: new RegExp(`^\\s*${label}\\s*$`, 'u'),
  });
}

/** Clicks once the button can be clicked, with an explicit timeout. */
export async function press(scope: Page | Locator, label: string): Promise<void> {
  const target = button(scope, label).first();
  await target.waitFor({ state: 'visible' });
  await target.click({ timeout: 15_000 });
}

/**
 * Scrolls an agreement's text box to its bottom, as a reader does, so that
 * 我已阅读并同意以上协议 becomes clickable, and accepts it.
 */
export async function readAndAccept(page: Page): Promise<void> {
  const box = page.locator('.agreement-panel__text').first();
  await box.waitFor({ state: 'visible' });
  await box.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
    element.dispatchEvent(new Event('scroll'));
  });
  const accept = button(page, '我已阅读并同意以上协议').first();
  await accept.waitFor({ state: 'visible' });
  await page.waitForFunction(
    () => {
      const buttons = [...document.querySelectorAll('.agreement-panel .nut-button')];
      return buttons.some(
        (element) =>
          element.textContent?.includes('我已阅读并同意以上协议') &&
          !element.className.includes('disabled'),
      );
    },
    undefined,
    { timeout: 15_000 },
  );
  await accept.click({ timeout: 15_000 });
}

/** Picks `file` in the file dialog that clicking `trigger` opens. */
export async function chooseFile(page: Page, trigger: Locator, file: string): Promise<void> {
  const chooser: Promise<FileChooser> = page.waitForEvent('filechooser', { timeout: 15_000 });
  await trigger.click({ timeout: 15_000 });
  await (await chooser).setFiles(file);
}
