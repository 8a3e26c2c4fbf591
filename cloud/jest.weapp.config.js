/**
 * Jest configuration of the tests of the built mini-program (weapp): miniprogram-simulate
 * renders Taro's output, compiled by WeChat's WXML compiler, against the real backend.
 * The folder comes from UCZ_WEAPP_DIR, by default miniapp/dist/weapp.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test-weapp'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  setupFiles: ['<rootDir>/test-weapp/support/dom-globals.ts'],
  globalSetup: '<rootDir>/test-weapp/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
