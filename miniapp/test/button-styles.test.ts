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

test('disabled buttons are greyed as a whole, label included', () => {
  const selector = '.nut-button.nut-button.nut-button-disabled';
  expect(classCount(selector)).toBeGreaterThan(classCount('.taro-button-core.taro-btn-default'));
  expect(declarations(selector)).toMatch(/background:\s*#f2f3f5/u);
  // NutUI gives the label the disabled background too; it must not show as a patch.
  const label = declarations('.nut-button.nut-button-disabled .nut-button-children');
  expect(label).toMatch(/background:\s*transparent/u);
  expect(label).toMatch(/color:\s*inherit/u);
});

test('the code button keeps its countdown on one line', () => {
  const css = readFileSync(join(__dirname, '../src/components/code-button.css'), 'utf8');
  expect(css).toMatch(/\.nut-button\.code-button\s*\{[^}]*white-space:\s*nowrap/u);
  expect(css).toMatch(/\.nut-button\.code-button\s*\{[^}]*min-width:\s*max-content/u);
});
