import { defineConfig } from 'tsup'

// One build for every public entry, ESM (.mjs + .d.mts) and CommonJS (.js + .d.ts).
// Code splitting keeps one copy of the core shared by all entries, so a
// SubUserError from `proxy-subusers/webshare` is an instance of the class
// exported by `proxy-subusers`, and a vendor entry loads no other vendor.
export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      thordata: 'providers/thordata/index.ts',
      webshare: 'providers/webshare/index.ts',
      sandbox: 'providers/sandbox.ts',
      testing: 'src/testing/index.ts',
      manifest: 'src/manifest/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    splitting: true,
    sourcemap: true,
    clean: true,
    target: 'node18',
    platform: 'node',
    outDir: 'dist',
    external: ['fp-ts', 'io-ts', 'axios', 'commander', 'yaml', 'cli-progress'],
  },
  {
    // The `proxy-subusers` executable (CommonJS; tsup keeps the shebang).
    entry: { cli: 'cli/bin.ts' },
    format: ['cjs'],
    sourcemap: true,
    clean: false,
    target: 'node18',
    platform: 'node',
    outDir: 'dist',
    external: ['fp-ts', 'io-ts', 'axios', 'commander', 'yaml', 'cli-progress', 'picocolors', '@bomb.sh/tab'],
  },
])
