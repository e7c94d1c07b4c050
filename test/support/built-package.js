/**
 * The package as an installed dependency is: a fresh JavaScript build of every public entry
 * (the project's own tsup.config.ts, CommonJS only, no declarations) under node_modules/.cache,
 * so that it resolves axios, fp-ts and io-ts as an installed package would. The `examples` jest
 * project maps `proxy-subusers` and `proxy-subusers/<entry>` here (see jest.config.js) and
 * builds it in its globalSetup, so `npm test` needs no build beforehand.
 *
 * The folder is named after this clone, so that clones sharing one node_modules do not
 * overwrite each other's build.
 */
const { spawnSync } = require('node:child_process')
const { createHash } = require('node:crypto')
const { mkdirSync, mkdtempSync, renameSync, rmSync } = require('node:fs')
const { join, resolve } = require('node:path')

const root = resolve(__dirname, '../..')
const cache = join(root, 'node_modules', '.cache')
const dir = join(cache, `proxy-subusers-built-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`)

/** Builds the package into {@link dir} (jest globalSetup); throws with tsup's output on failure. */
const buildPackage = async () => {
  mkdirSync(cache, { recursive: true })
  const fresh = mkdtempSync(join(cache, 'proxy-subusers-building-'))
  // Built in a child process: esbuild's service does not belong inside the test runner.
  const script = `import configs from './tsup.config'; import { build } from 'tsup'
    build({ ...configs[0], format: ['cjs'], dts: false, sourcemap: false, clean: false, silent: true, config: false, outDir: ${JSON.stringify(fresh)} })
      .catch((e) => { console.error(e); process.exit(1) })`
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['-e', script], { cwd: root, encoding: 'utf8', timeout: 120_000 })
  if (r.status !== 0) {
    rmSync(fresh, { recursive: true, force: true })
    throw new Error(`building the package for the examples failed:\n${r.stdout}${r.stderr}${r.error ?? ''}`)
  }
  rmSync(dir, { recursive: true, force: true })
  renameSync(fresh, dir)
}

module.exports = buildPackage
module.exports.builtPackageDir = dir
