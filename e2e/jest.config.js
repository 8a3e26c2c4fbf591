/**
 * Jest configuration of the end-to-end test: Chromium, driven by playwright-core, uses
 * the website and the simulator of a server started as `npm start` starts it. The test
 * starts the servers and the browser itself and runs alone (one worker).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 60_000,
  maxWorkers: 1,
};
