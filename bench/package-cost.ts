/**
 * Package cost: the minified, gzipped size of each public entry without its
 * dependencies (esbuild, as tsup uses it), and the cold import time of the
 * built `proxy-subusers/webshare` in a fresh Node process against a bare
 * `node -e ''` start.
 */
import { execFile, execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { interleaved } from './interleave'
import { atMost, reportOnly, result, type BenchResult } from './result'
import { median } from './stats'

const ROOT = join(__dirname, '..')
const ENTRIES = { 'proxy-subusers': 'src/index.ts', 'proxy-subusers/thordata': 'providers/thordata/index.ts', 'proxy-subusers/webshare': 'providers/webshare/index.ts' }
const MAX_KB = 12
const MAX_IMPORT_MS = 150
const ROUNDS = 15

/** Minified and gzipped bytes of one entry, every package it imports left out. */
const gzippedSize = async (entry: string): Promise<number> => {
  const out = await build({ entryPoints: [join(ROOT, entry)], bundle: true, minify: true, format: 'esm', platform: 'node', target: 'node18', packages: 'external', write: false, logLevel: 'silent' })
  return gzipSync(out.outputFiles[0]!.contents, { level: 9 }).length
}

const node = (args: ReadonlyArray<string>) => promisify(execFile)(process.execPath, [...args], { cwd: ROOT })

/** Wall time of a fresh Node process running `args`, and what it printed. */
const timed = (args: ReadonlyArray<string>) => async () => {
  const started = performance.now()
  const { stdout } = await node(args)
  return { wallMs: performance.now() - started, stdout }
}

const IMPORT_WEBSHARE = [
  '-e',
  "const t = performance.now(); require('proxy-subusers/webshare'); process.stdout.write(String(performance.now() - t))",
]

/**
 * Size per entry (goal ≤ 12 KB), then cold import time of the built webshare entry (goal ≤ 150 ms) and its process start against bare Node.
 * @example
 * const lines = await packageCost()
 */
export const packageCost = async (): Promise<BenchResult[]> => {
  const lines: BenchResult[] = []
  for (const [name, entry] of Object.entries(ENTRIES)) lines.push(result(`${name}: min+gzip, dependencies excluded`, (await gzippedSize(entry)) / 1024, 'KB', atMost(MAX_KB, 'KB')))
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'ignore' })
  const runs = await interleaved(ROUNDS, { importing: timed(IMPORT_WEBSHARE), bare: timed(['-e', '']) })
  const importMs = median(runs.importing.map((r) => Number(r.stdout)))
  const wall = (side: 'importing' | 'bare') => median(runs[side].map((r) => r.wallMs))
  lines.push(
    result('proxy-subusers/webshare (dist, CommonJS): cold require time', importMs, 'ms', atMost(MAX_IMPORT_MS, 'ms')),
    result("node process with that require vs bare node -e ''", wall('importing'), 'ms', reportOnly, wall('bare')),
  )
  return lines
}
