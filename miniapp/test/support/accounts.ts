import type { CompanyAccountView, SelfView } from '@ucz/shared';

/** Builds the logged-in account as GET /api/auth/me returns it, with `overrides` applied. */
export function selfView(overrides: Partial<SelfView> = {}): SelfView {
  return {
    id: '64b000000000000000000001',
    username: 'hk.alice',
    name: '陈小美',
    department: '运营部',
    phone: '+85221234567',
    title: '经理',
    email: 'alice@example.hk',
    mobile: '+85291234567',
    role: 'admin',
    permissions: ['cabinet', 'blockchain'],
    locale: 'zh-CN',
    company: {
      id: '64a000000000000000000001',
      fullName: '港信科技有限公司',
      shortName: '港信',
      customerManagerName: '王经理',
    },
    ...overrides,
  };
}

/** Builds an account of the admin's company as the console lists it. */
export function companyAccount(overrides: Partial<CompanyAccountView> = {}): CompanyAccountView {
  return {
    id: '64b000000000000000000001',
    username: 'hk.alice',
    name: '陈小美',
    department: '运营部',
    phone: '+85221234567',
    title: '经理',
    email: 'alice@example.hk',
    role: 'admin',
    status: 'active',
    permissions: ['cabinet'],
    activated: true,
    createdAt: '2026-01-05T02:00:00.000Z',
    ...overrides,
  };
}

/** A session view of a cookie login. */
export const cookieSession = {
  tokenTransport: 'cookie' as const,
  accessTokenExpiresAt: '2026-01-05T02:15:00.000Z',
  refreshTokenExpiresAt: '2026-01-19T02:00:00.000Z',
  csrfToken: 'csrf-from-body',
};
