/**
 * `npm run bench`: every benchmark against the sandbox on loopback, then
 * `bench/results.json` and the README table. Names given as arguments run
 * only those benchmarks and print their lines without writing anything.
 * @example
 * // npm run bench
 * // npm run bench -- decode-map per-call
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bulkThroughput } from './bulk-throughput'
import { chaosCost } from './chaos-cost'
import { decodeAndMap } from './decode-map'
import { machine } from './machine'
import { packageCost } from './package-cost'
import { perCallOverhead } from './per-call'
import { renderTable, writeBetweenMarkers } from './readme-table'
import type { BenchResult } from './result'
import { sharedLimit } from './shared-limit'
import { streamingMemory } from './streaming-memory'

const BENCHMARKS: Readonly<Record<string, () => Promise<BenchResult[]>>> = {
  'per-call': perCallOverhead,
  'bulk-throughput': bulkThroughput,
  'shared-limit': sharedLimit,
  'streaming-memory': streamingMemory,
  'decode-map': decodeAndMap,
  'package-cost': packageCost,
  'chaos-cost': chaosCost,
}

const main = async () => {
  const chosen = process.argv.slice(2)
  const unknown = chosen.filter((name) => BENCHMARKS[name] === undefined)
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`)
  const results: BenchResult[] = []
  for (const [name, run] of Object.entries(BENCHMARKS)) {
    if (chosen.length > 0 && !chosen.includes(name)) continue
    process.stderr.write(`bench: ${name}…\n`)
    const lines = await run()
    console.table(lines)
    results.push(...lines)
  }
  if (chosen.length > 0) return
  const root = join(__dirname, '..')
  writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
  writeBetweenMarkers(join(root, 'README.md'), renderTable(results, machine(), new Date()))
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
