const { builtPackageDir } = require('./test/support/built-package')

// tsconfig's isolatedModules makes ts-jest transpile file by file; `npm run typecheck` checks types.
// Jest runs CommonJS without VM modules, so `import()` (axios is loaded on first use) becomes a
// require here, as tsup's CommonJS build makes it.
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: { module: 'commonjs', moduleResolution: 'node' } }] }

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
        // As tsconfig.json's paths: a vendor folder's index, or a core entry.
        '^proxy-subusers$': '<rootDir>/src/index.ts',
        '^proxy-subusers/([a-z]+)$': ['<rootDir>/providers/$1/index.ts', '<rootDir>/providers/$1.ts', '<rootDir>/src/$1/index.ts', '<rootDir>/src/$1.ts'],
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
