/**
 * Importing one vendor's entry must not load any other vendor's code, and no
 * entry loads ioredis (the optional peer only `connectRedis` of
 * `proxy-subusers/redis` loads, when called) or proper-lockfile (loaded on
 * apply's first lock file). The
 * entries are built here with the project's own tsup config (JavaScript only,
 * into a temporary folder under node_modules/.cache, so that the built code
 * resolves axios and fp-ts as an installed package would), then loaded in a
 * fresh Node process.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

// Strings only one vendor's wire code contains.
const MARKERS = { thordata: 'proxy-users/user-list', webshare: 'api/v2/subuser/', oxylabs: 'residential-api.oxylabs.io', iproyal: 'residential-subusers' } as const
type Vendor = keyof typeof MARKERS
const VENDORS = Object.keys(MARKERS) as Vendor[]
const others = (v: Vendor): Vendor[] => VENDORS.filter((o) => o !== v)

let outDir: string

const root = resolve(__dirname, '../..')

beforeAll(() => {
  const cache = resolve(root, 'node_modules/.cache')
  mkdirSync(cache, { recursive: true })
  outDir = realpathSync(mkdtempSync(join(cache, 'isolation-')))
  // Built in a child process: esbuild's service does not belong inside the test runner.
  const script = `import configs from './tsup.config'; import { build } from 'tsup'
    build({ ...configs[0], dts: false, sourcemap: false, clean: false, silent: true, config: false, outDir: ${JSON.stringify(outDir)} })
      .catch((e) => { console.error(e); process.exit(1) })`
  const r = spawnSync(resolve(root, 'node_modules/.bin/tsx'), ['-e', script], { cwd: root, encoding: 'utf8' })
  expect(r.status).toBe(0)
}, 120_000)

afterAll(() => rmSync(outDir, { recursive: true, force: true }))

/** Files Node actually loads for `require(entry)`, in a fresh process (the built ones only, unless `all`). */
const loadedByRequire = (entry: string, all = false): string[] => {
  const script = `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache)))`
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })
  expect(r.stderr).toBe('')
  return (JSON.parse(r.stdout) as string[]).filter((f) => all || f.startsWith(outDir))
}

/**
 * Files Node actually loads for `import(entry)`, in a fresh process: a resolve hook records every
 * module URL the ES module loader resolves, so the entry must really load (a folder import such
 * as `fp-ts/Either` fails here, as it does in an app).
 */
const loadedByImport = (entry: string, all = false): string[] => {
  const hooks = `export async function resolve(s, c, next) { const r = await next(s, c); globalThis.port?.postMessage(r.url); return r }
    export function initialize({ port }) { globalThis.port = port }`
  const script = `import { register } from 'node:module'; import { MessageChannel } from 'node:worker_threads'
    const seen = []; const { port1, port2 } = new MessageChannel(); port1.on('message', (u) => seen.push(u)); port1.unref()
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}), { data: { port: port2 }, transferList: [port2] })
    await import(${JSON.stringify(pathToFileURL(entry).href)})
    await new Promise((r) => setTimeout(r, 50))
    console.log(JSON.stringify(seen))`
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })
  expect(r.stderr).toBe('')
  return (JSON.parse(r.stdout) as string[]).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u)).filter((f) => all || f.startsWith(outDir))
}

const text = (files: string[]) => files.map((f) => readFileSync(f, 'utf8')).join('\n')

describe.each(VENDORS)('importing proxy-subusers/%s', (vendor) => {
  it("loads its own code and none of the other vendors' (CommonJS)", () => {
    const loaded = text(loadedByRequire(join(outDir, `${vendor}.js`)))
    expect(loaded).toContain(MARKERS[vendor])
    for (const other of others(vendor)) expect(loaded).not.toContain(MARKERS[other])
  })

  it("loads its own code and none of the other vendors' (ES modules, run in Node)", () => {
    const graph = text(loadedByImport(join(outDir, `${vendor}.mjs`)))
    expect(graph).toContain(MARKERS[vendor])
    for (const other of others(vendor)) expect(graph).not.toContain(MARKERS[other])
  })
})

/**
 * The stream reader (src/http-stream.ts and its JSON parser's loader) comes with `arrayStreams`,
 * which only the vendors whose listing is one large reply pass to their HTTP client, so an app's
 * bundler leaves it out of the others. (Node itself loads it with every vendor entry: the built
 * package shares the kit's modules among entries in one chunk.)
 */
const STREAM_READER = '@streamparser/json'
const STREAMS: Record<Vendor, boolean> = { thordata: true, oxylabs: true, webshare: false, iproyal: false }

/** What a bundler keeps of a built entry: esbuild, every package left out, not minified. */
const bundled = (file: string): string => {
  const r = spawnSync(resolve(root, 'node_modules/.bin/esbuild'), [file, '--bundle', '--format=esm', '--platform=node', '--packages=external', '--log-level=warning'], { cwd: root, encoding: 'utf8' })
  expect(r.stderr).toBe('')
  return r.stdout
}

it.each(VENDORS)('an app bundling proxy-subusers/%s gets the stream reader only if the vendor streams its listing', (vendor) => {
  const code = bundled(join(outDir, `${vendor}.mjs`))
  expect(code).toContain(MARKERS[vendor])
  expect(code.includes(STREAM_READER)).toBe(STREAMS[vendor])
})

it.each(['js', 'mjs'])('the core entry loads no vendor at all (.%s)', (ext) => {
  const file = join(outDir, `index.${ext}`)
  const loaded = text(ext === 'js' ? loadedByRequire(file) : loadedByImport(file))
  expect(loaded).toContain('SubUserError')
  for (const vendor of VENDORS) expect(loaded).not.toContain(MARKERS[vendor])
})

/** Every entry the package exports, by its built file's name (`.` is `index`). */
const ENTRIES = Object.keys((JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports)
  .filter((k) => k !== './package.json')
  .map((k) => (k === '.' ? 'index' : k.slice(2)))

it('lists the redis entry among the exports', () => {
  expect(ENTRIES).toContain('redis')
})

describe.each(ENTRIES)('importing the %s entry', (entry) => {
  it.each(['js', 'mjs'])('loads neither ioredis nor proper-lockfile (.%s)', (ext) => {
    const file = join(outDir, `${entry}.${ext}`)
    const loaded = ext === 'js' ? loadedByRequire(file, true) : loadedByImport(file, true)
    expect(loaded.some((f) => f.startsWith(outDir))).toBe(true)
    expect(loaded.filter((f) => /[\\/]node_modules[\\/](ioredis|proper-lockfile)[\\/]/.test(f))).toEqual([])
  })
})

it('does load ioredis when connectRedis is called (the check above can fail)', () => {
  const script = `const { connectRedis } = require(${JSON.stringify(join(outDir, 'redis.js'))})
    connectRedis('redis://127.0.0.1:1', { connectTimeoutMs: 200 }).catch(() => undefined).finally(() => console.log(JSON.stringify(Object.keys(require.cache))))`
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 10_000 })
  expect((JSON.parse(r.stdout) as string[]).some((f) => /[\\/]node_modules[\\/]ioredis[\\/]/.test(f))).toBe(true)
})

it.each(['js', 'mjs'])('loads the optional packages when they are needed, in CommonJS and ES modules alike (.%s)', (ext) => {
  const [redis, index] = [pathToFileURL(join(outDir, `redis.${ext}`)).href, pathToFileURL(join(outDir, `index.${ext}`)).href]
  // ioredis is there: the failure is the connection's, not a missing package's. The lock file module loads and locks.
  const script = `const { connectRedis } = await import(${JSON.stringify(redis)}); const { localLocks } = await import(${JSON.stringify(index)})
    const why = await connectRedis('redis://127.0.0.1:1', { connectTimeoutMs: 500 }).then(() => 'connected', (e) => e.message)
    const dir = (await import('node:fs')).mkdtempSync((await import('node:path')).join((await import('node:os')).tmpdir(), 'isolation-lock-'))
    const attempt = await localLocks({ dir }).tryLock('isolation-test')
    if ('held' in attempt) await attempt.held.release()
    console.log(JSON.stringify({ why, held: 'held' in attempt }))`
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 10_000 })
  expect(JSON.parse(r.stdout)).toEqual({ why: 'cannot reach Redis at 127.0.0.1:1 (ECONNREFUSED)', held: true })
})
