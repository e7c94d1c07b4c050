const { builtPackageDir } = require('./test/support/built-package')

// tsconfig's isolatedModules makes ts-jest transpile file by file; `npm run typecheck` checks types.
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] }

/** @type {import('jest').Config} */
module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      // The package's own tests, on its sources.
      displayName: 'package',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
      moduleNameMapper: {
        '^proxy-subusers$': '<rootDir>/src/index.ts',
        '^proxy-subusers/thordata$': '<rootDir>/providers/thordata/index.ts',
        '^proxy-subusers/webshare$': '<rootDir>/providers/webshare/index.ts',
        '^proxy-subusers/iproyal$': '<rootDir>/providers/iproyal/index.ts',
        '^proxy-subusers/sandbox$': '<rootDir>/providers/sandbox.ts',
        '^proxy-subusers/testing$': '<rootDir>/src/testing/index.ts',
        '^proxy-subusers/manifest$': '<rootDir>/providers/manifest.ts',
        '^proxy-subusers/adapter$': '<rootDir>/src/adapter.ts',
      },
    },
    {
      // Examples written as a third party would, against the built package (as installed).
      displayName: 'examples',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/examples/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/built-package.js',
      moduleNameMapper: {
        '^proxy-subusers$': `${builtPackageDir}/index.js`,
        '^proxy-subusers/([a-z]+)$': `${builtPackageDir}/$1.js`,
      },
    },
  ],
}
