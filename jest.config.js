/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleNameMapper: {
    '^proxy-subusers$': '<rootDir>/src/index.ts',
    '^proxy-subusers/thordata$': '<rootDir>/providers/thordata/index.ts',
    '^proxy-subusers/webshare$': '<rootDir>/providers/webshare/index.ts',
    '^proxy-subusers/sandbox$': '<rootDir>/providers/sandbox.ts',
    '^proxy-subusers/testing$': '<rootDir>/src/testing/index.ts',
  },
}
