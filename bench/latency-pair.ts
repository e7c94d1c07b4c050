/**
 * Latency of one call through the library against the same HTTP request made
 * bare, measured call by call in alternation, in rounds.
 */
import { reportOnly, ratioAtMost, result, type BenchResult } from './result'
import { median, percentile } from './stats'

/** Rounds per pair, and the time both sides together run in one round. */
const ROUNDS = 8
const ROUND_MS = 600
/** Pairs run before measuring (connections open, code compiled), and the fewest pairs a round holds. */
const WARMUP_PAIRS = 50
const MIN_PAIRS = 20

/** Milliseconds on the monotonic clock. */
const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6

/** One call's latency, in ms. */
const timed = async (fn: () => Promise<unknown>): Promise<number> => {
  const start = nowMs()
  await fn()
  return nowMs() - start
}

/**
 * One round: pairs of calls, one of each side, the order swapped every pair, for at least
 * `ROUND_MS` and `MIN_PAIRS`; the p50 and p99 of each side, in ms.
 * @example
 * const { a, b } = await alternatingRound(() => lib(), () => bare())
 */
export const alternatingRound = async (
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<{ readonly a: { readonly p50: number; readonly p99: number }; readonly b: { readonly p50: number; readonly p99: number } }> => {
  const sa: number[] = []
  const sb: number[] = []
  const end = nowMs() + ROUND_MS
  for (let i = 0; i < MIN_PAIRS || nowMs() < end; i++) {
    if (i % 2 === 0) {
      sa.push(await timed(a))
      sb.push(await timed(b))
    } else {
      sb.push(await timed(b))
      sa.push(await timed(a))
    }
  }
  const of = (s: number[]) => ({ p50: percentile(s, 50), p99: percentile(s, 99) })
  return { a: of(sa), b: of(sb) }
}

/**
 * The p50 (goal: at most `maxRatio` times the bare call's; null: reported only) and p99
 * (reported) of `library` against `bare`, each the median of its per-round figures.
 *
 * The two sides alternate call by call (the order swapped every pair), so a slow spell of the
 * shared machine, which lasts far longer than one call, falls on both alike: a bare call
 * against itself measured this way comes out within about 1% of 1, where rounds of 300 ms a
 * side spread from 0.80 to 1.18 (bench/PROFILE.md). The garbage a side makes is collected
 * where the allocation that triggers the collection happens, so in proportion to what each
 * side allocates, and it lands mostly in the p99.
 * @example
 * await latencyPair('webshare get', () => toPromises(p).get('1'), () => bareJson({ url, headers }), 1.1)
 */
export const latencyPair = async (
  name: string,
  library: () => Promise<unknown>,
  bare: () => Promise<unknown>,
  maxRatio: number | null,
): Promise<BenchResult[]> => {
  for (let i = 0; i < WARMUP_PAIRS; i++) {
    await library()
    await bare()
  }
  const rounds: Array<Awaited<ReturnType<typeof alternatingRound>>> = []
  for (let r = 0; r < ROUNDS; r++) rounds.push(await alternatingRound(library, bare))
  const of = (side: 'a' | 'b', p: 'p50' | 'p99') => median(rounds.map((r) => r[side][p]))
  return [
    result(`${name} p50`, of('a', 'p50'), 'ms', maxRatio === null ? reportOnly : ratioAtMost(maxRatio), of('b', 'p50')),
    result(`${name} p99`, of('a', 'p99'), 'ms', reportOnly, of('b', 'p99')),
  ]
}
