import { fireEvent, screen } from '@testing-library/react';
import { PageShell } from '@/components/PageShell';
import { storageKeys } from '@/platform/storage';
import { renderWithI18n } from './support/render';

beforeEach(() => localStorage.clear());

test('language switch applies and is remembered', () => {
  const first = renderWithI18n(<PageShell />);
  expect(screen.getByText('用户认证查询')).toBeInTheDocument();
  fireEvent.click(screen.getByText('English'));
  expect(screen.getByText('Certification status')).toBeInTheDocument();
  expect(localStorage.getItem(storageKeys.locale)).toContain('en');
  first.unmount();

  renderWithI18n(<PageShell />);
  expect(screen.getByText('Account login')).toBeInTheDocument();
  fireEvent.click(screen.getByText('繁體中文'));
  expect(screen.getByText('用戶認證查詢')).toBeInTheDocument();
});

test('Simplified Chinese is the default', () => {
  renderWithI18n(<PageShell />);
  for (const link of ['用户认证', '用户认证查询', '账号登录', '微信登录'])
    expect(screen.getByText(link)).toBeInTheDocument();
});
