/**
 * Latency of one call through the library against the same HTTP request made
 * bare, measured with tinybench in interleaved rounds.
 */
import { interleaved } from './interleave'
import { ratioAtMost, reportOnly, result, type BenchResult } from './result'
import { median } from './stats'

/** Rounds per pair, and the time each side runs in one round. */
const ROUNDS = 8
const ROUND_MS = 300

/**
 * p50 and p99 of one side in one tinybench round, in ms.
 * @example
 * const { p50, p99 } = await latencyRound(() => fetchSomething())
 */
export const latencyRound = async (fn: () => Promise<unknown>): Promise<{ readonly p50: number; readonly p99: number }> => {
  // tinybench is ES-module-only; this package (and so bench/) is CommonJS.
  const { Bench } = await import('tinybench')
  const bench = new Bench({ time: ROUND_MS, warmupTime: 50 })
  bench.add('call', fn)
  await bench.run()
  const r = bench.tasks[0]!.result
  if (r.state !== 'completed') throw new Error(`benchmark task ${r.state}${'error' in r ? `: ${String(r.error)}` : ''}`)
  return { p50: r.latency.p50, p99: r.latency.p99 }
}

/**
 * The p50 (goal: at most `maxRatio` times the bare call's; null: reported only) and p99
 * (reported) of `library` against `bare`, each the median over interleaved rounds.
 * @example
 * await latencyPair('webshare get', () => toPromises(p).get('1'), () => bareJson({ url, headers }), 1.15)
 */
export const latencyPair = async (
  name: string,
  library: () => Promise<unknown>,
  bare: () => Promise<unknown>,
  maxRatio: number | null,
): Promise<BenchResult[]> => {
  const rounds = await interleaved(ROUNDS, { library: () => latencyRound(library), bare: () => latencyRound(bare) })
  const of = (side: 'library' | 'bare', p: 'p50' | 'p99') => median(rounds[side].map((r) => r[p]))
  return [
    result(`${name} p50`, of('library', 'p50'), 'ms', maxRatio === null ? reportOnly : ratioAtMost(maxRatio), of('bare', 'p50')),
    result(`${name} p99`, of('library', 'p99'), 'ms', reportOnly, of('bare', 'p99')),
  ]
}
