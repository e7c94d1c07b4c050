import { defineConfig, type Options } from 'tsup'
import { publicEntries } from './scripts/public-entries'

const external = ['fp-ts', 'io-ts', 'axios', '@streamparser/json', 'commander', 'yaml', 'cli-progress', 'picocolors', '@bomb.sh/tab', 'asciichart', 'proper-lockfile', 'ioredis']

/**
 * fp-ts and io-ts 2 have no exports map: `fp-ts/Either` is a folder whose package.json points
 * bundlers at `es6/` and CommonJS at `lib/`. Node's ES module loader resolves neither a folder
 * nor a missing extension, so the ESM build imports the file itself, `fp-ts/lib/Either.js`:
 * the same CommonJS module that `require('fp-ts/Either')` and an app's `import 'fp-ts'` load,
 * so an app that also uses fp-ts or io-ts has one copy of each, whichever module system it uses.
 */
const peerSubpathsAsFiles: NonNullable<Options['plugins']>[number] = {
  name: 'peer-subpaths-as-files',
  renderChunk(code, chunk) {
    if (this.format !== 'esm' || !chunk.path.endsWith('.mjs')) return
    return { code: code.replace(/from "(fp-ts|io-ts)\/([A-Za-z]+)";/g, 'from "$1/lib/$2.js";') }
  },
}

// One build for every public entry, ESM (.mjs + .d.mts) and CommonJS (.js + .d.ts).
// Code splitting keeps one copy of the core shared by all entries, so a
// SubUserError from `proxy-subusers/webshare` is an instance of the class
// exported by `proxy-subusers`, and a vendor entry loads no other vendor.
export default defineConfig([
  {
    entry: publicEntries(),
    format: ['esm', 'cjs'],
    dts: true,
    splitting: true,
    sourcemap: true,
    clean: true,
    target: 'node18',
    platform: 'node',
    outDir: 'dist',
    external,
    plugins: [peerSubpathsAsFiles],
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
    external,
  },
])
