/**
 * Package cost: the minified, gzipped size of every public entry without its dependencies
 * (esbuild, as tsup uses it); the cold `require` time of each vendor's built entry in a fresh Node
 * process; and the CLI's start-up, `proxy-subusers --version` against a bare `node -e ''` (goal)
 * and `proxy-subusers list --sandbox -p webshare --json` (reported), all side by side.
 */
import { execFile, execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { VENDORS } from '../providers/vendors'
import { publicEntries } from '../scripts/public-entries'
import { interleaved } from './interleave'
import { atMost, ratioAtMost, reportOnly, result, type BenchResult } from './result'
import { median } from './stats'

const ROOT = join(__dirname, '..')
const MAX_KB = 12
const MAX_REQUIRE_MS = 100
/** `--version` may take at most this much longer than Node starting and doing nothing. */
const MAX_VERSION_RATIO = 1.5
const ROUNDS = 15
const CLI = join(ROOT, 'dist', 'cli.js')

/** Minified and gzipped bytes of one entry, every package it imports left out. */
const gzippedSize = async (entry: string): Promise<number> => {
  const out = await build({ entryPoints: [join(ROOT, entry)], bundle: true, minify: true, format: 'esm', platform: 'node', target: 'node18', packages: 'external', write: false, logLevel: 'silent' })
  return gzipSync(out.outputFiles[0]!.contents, { level: 9 }).length
}

const node = (args: ReadonlyArray<string>) => promisify(execFile)(process.execPath, [...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } })

/** Wall time of a fresh Node process running `args`, and what it printed. */
const timed = (args: ReadonlyArray<string>) => async () => {
  const started = performance.now()
  const { stdout } = await node(args)
  return { wallMs: performance.now() - started, stdout }
}

/** A fresh process that requires the entry and prints how long that took. */
const requireTime = (id: string) => ['-e', `const t = performance.now(); require('proxy-subusers/${id}'); process.stdout.write(String(performance.now() - t))`]

/**
 * Size per entry (goal ≤ 12 KB each), cold require per vendor entry (goal ≤ 100 ms each), and CLI start-up.
 * @example
 * const lines = await packageCost()
 */
export const packageCost = async (): Promise<BenchResult[]> => {
  const lines: BenchResult[] = []
  for (const [name, entry] of Object.entries(publicEntries(ROOT))) {
    const id = name === 'index' ? 'proxy-subusers' : `proxy-subusers/${name}`
    lines.push(result(`${id}: min+gzip, dependencies excluded`, (await gzippedSize(entry)) / 1024, 'KB', atMost(MAX_KB, 'KB')))
  }
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'ignore' })
  type Run = ReturnType<ReturnType<typeof timed>>
  const contenders: Record<string, () => Run> = {
    bare: timed(['-e', '']),
    version: timed([CLI, '--version']),
    list: timed([CLI, 'list', '--sandbox', '-p', 'webshare', '--json']),
    ...Object.fromEntries(VENDORS.map((v) => [v.id, timed(requireTime(v.id))])),
  }
  const runs = await interleaved(ROUNDS, contenders)
  const wall = (side: string) => median(runs[side]!.map((r) => r.wallMs))
  for (const v of VENDORS) {
    lines.push(result(`proxy-subusers/${v.id} (dist, CommonJS): cold require time`, median(runs[v.id]!.map((r) => Number(r.stdout))), 'ms', atMost(MAX_REQUIRE_MS, 'ms')))
  }
  lines.push(
    result("proxy-subusers --version: process wall time vs bare node -e ''", wall('version'), 'ms', ratioAtMost(MAX_VERSION_RATIO), wall('bare')),
    result("proxy-subusers list --sandbox -p webshare --json: process wall time vs bare node -e ''", wall('list'), 'ms', reportOnly, wall('bare')),
  )
  return lines
}
