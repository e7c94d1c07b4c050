/**
 * The package as users run it: its built CommonJS entries in `dist/` (`npm run bench` builds
 * first), typed as their sources. The benchmarks that time the library's own calls load it from
 * here: measured from the sources through tsx, every call across a module boundary goes through
 * a getter the bundle does not have (about a fifth of a sandbox `get`, measured).
 * @example
 * const { webshare, core, redis } = built()
 * const p = core.toPromises(webshare.createWebshareProvider({ apiKey, baseURL }))
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const DIST = join(__dirname, '..', 'dist')

/** The built entries, loaded once; throws, saying what to run, when there is no build. */
export const built = () => {
  if (!existsSync(join(DIST, 'index.js'))) throw new Error('bench: no build in dist/ (run `npm run build`, or `npm run bench`, which builds first)')
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    core: require(join(DIST, 'index.js')) as typeof import('../src'),
    webshare: require(join(DIST, 'webshare.js')) as typeof import('../providers/webshare'),
    thordata: require(join(DIST, 'thordata.js')) as typeof import('../providers/thordata'),
    oxylabs: require(join(DIST, 'oxylabs.js')) as typeof import('../providers/oxylabs'),
    iproyal: require(join(DIST, 'iproyal.js')) as typeof import('../providers/iproyal'),
    redis: require(join(DIST, 'redis.js')) as typeof import('../src/redis'),
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}
