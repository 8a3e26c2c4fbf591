import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen } from '@testing-library/react';
import { businessCategories } from '@ucz/shared';
import { CertificationWizard } from '@/pages/certification/CertificationWizard';
import { CategoryChoice } from '@/pages/company-admin/CategoryChoice';
import { storageKeys } from '@/platform/storage';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { agreementResponse, draftView } from './support/fixtures';
import { renderWithI18n } from './support/render';

/**
 * jsdom lays nothing out, so these check that both category lists use the shared grid
 * classes and that the grid's rules give equal columns, equal rows and wrapping labels.
 */
const gridCss = readFileSync(join(__dirname, '../src/components/category-grid.css'), 'utf8');

/** Returns the declarations of the rule whose selector is exactly `selector`. */
function declarations(selector: string): string {
  const rule = gridCss
    .replace(/\/\*[\s\S]*?\*\//gu, '')
    .split('}')
    .find((block) => block.split('{')[0]?.trim() === selector);
  if (!rule) throw new Error(`no rule for ${selector}`);
  return rule.split('{')[1] ?? '';
}

/** Returns the grid and checks that each category is one direct item of it. */
function gridOf(container: HTMLElement): HTMLElement {
  const grids = container.querySelectorAll<HTMLElement>('.category-grid');
  expect(grids).toHaveLength(1);
  const grid = grids[0] as HTMLElement;
  const items = [...grid.children];
  expect(items).toHaveLength(businessCategories.length);
  for (const item of items) expect(item).toHaveClass('category-grid__item');
  return grid;
}

test('grid rules give equal columns and rows', () => {
  const grid = declarations('.category-grid');
  expect(grid).toMatch(/display:\s*grid/u);
  expect(grid).toMatch(/grid-template-columns:\s*repeat\(auto-fill,\s*minmax\(\d+px,\s*1fr\)\)/u);
  expect(grid).toMatch(/grid-auto-rows:\s*1fr/u);
  expect(declarations('.category-grid__item')).toMatch(/min-width:\s*0/u);
  expect(declarations('.category-grid__item .nut-checkbox-label')).toMatch(
    /overflow-wrap:\s*anywhere/u,
  );
});

describe('step ① categories', () => {
  let api: FakeApi;

  beforeEach(async () => {
    localStorage.clear();
    localStorage.setItem(storageKeys.draftToken, JSON.stringify({ data: 'draft-token-1' }));
    api = await startFakeApi({
      'GET /api/certification/agreement': () => ({ body: agreementResponse }),
      'GET /api/certification/drafts/current': () => ({ body: draftView() }),
    });
    useApiBase(api.url);
  });

  afterEach(async () => {
    await api.close();
  });

  test('every category is a grid item', async () => {
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('跨境基础设施');
    const grid = gridOf(container);
    // The ? stays inside the cell of its category, next to the checkbox.
    const help = grid.querySelector('.category-list__help');
    expect(help?.parentElement).toHaveAttribute('data-category', 'cross_border_infrastructure');
    expect(help?.previousElementSibling).toHaveClass('nut-checkbox');
  });
});

test('company admin categories are grid items', () => {
  const { container } = renderWithI18n(<CategoryChoice selected={[]} onChange={() => {}} />);
  gridOf(container);
});
