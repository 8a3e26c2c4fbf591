import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * jsdom applies no style sheets, so these check the rules the app adds over Taro's button
 * style (.taro-button-core): that they exist and outweigh Taro's two-class selectors.
 */
const appCss = readFileSync(join(__dirname, '../src/app.css'), 'utf8');

/** Returns the declarations of the rule whose selector list contains `selector`. */
function declarations(selector: string): string {
  const rule = appCss
    .replace(/\/\*[\s\S]*?\*\//gu, '')
    .split('}')
    .find((block) =>
      block
        .split('{')[0]
        ?.split(',')
        .some((part) => part.trim() === selector),
    );
  if (!rule) throw new Error(`no rule for ${selector}`);
  return rule.split('{')[1] ?? '';
}

const classCount = (selector: string) => selector.match(/\.[\w-]+/gu)?.length ?? 0;

test('buttons in a row stay level', () => {
  const selector = '.nut-button.nut-button + .nut-button.nut-button';
  expect(declarations(selector)).toMatch(/margin-top:\s*0/u);
  expect(classCount(selector)).toBeGreaterThan(classCount('.taro-button-core+.taro-button-core'));
  expect(declarations('.wizard-step__actions .nut-button')).toMatch(/margin-top:\s*0/u);
});

test('danger buttons are visible', () => {
  const selector = '.nut-button.nut-button-danger.button--danger';
  const rule = declarations(selector);
  expect(classCount(selector)).toBeGreaterThan(classCount('.taro-button-core.taro-btn-default'));
  expect(rule).toMatch(/border:\s*1px solid #c8102e/u);
  expect(rule).toMatch(/color:\s*#c8102e/u);
  expect(declarations(`${selector} .nut-button-children`)).toMatch(/color:\s*#c8102e/u);
});
