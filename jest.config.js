/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // tsconfig's isolatedModules makes ts-jest transpile file by file; `npm run typecheck` checks types.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  moduleNameMapper: {
    '^proxy-subusers$': '<rootDir>/src/index.ts',
    '^proxy-subusers/thordata$': '<rootDir>/providers/thordata/index.ts',
    '^proxy-subusers/webshare$': '<rootDir>/providers/webshare/index.ts',
    '^proxy-subusers/sandbox$': '<rootDir>/providers/sandbox.ts',
    '^proxy-subusers/testing$': '<rootDir>/src/testing/index.ts',
    '^proxy-subusers/manifest$': '<rootDir>/src/manifest/index.ts',
    '^proxy-subusers/adapter$': '<rootDir>/src/adapter.ts',
  },
}
