/**
 * Jest configuration of the mini-program and website: component tests under jsdom.
 * Taro's components are rendered by their React implementations (the ones the h5 build
 * uses) and `@tarojs/taro` is Taro's h5 implementation, so storage and requests run
 * through the browser APIs that jsdom provides.
 */
const esmPackages = [
  '@tarojs',
  '@nutui',
  '@stencil',
  'swiper',
  'ssr-window',
  'dom7',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'tslib',
  'lodash-es',
  'nanoid',
  'style-inject',
  '\\.pnpm',
];

module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/support/taro-h5.ts',
    '\\.(css|scss)$': 'identity-obj-proxy',
    '^@/(.*)$': '<rootDir>/src/$1',
  },
  resolver: '<rootDir>/test/support/resolver.js',
  setupFiles: ['<rootDir>/test/support/globals.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/setup-dom.ts'],
};
