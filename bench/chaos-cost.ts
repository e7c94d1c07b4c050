/**
 * Chaos cost: the resilience chaos scenario (test/support/chaos-scenario.ts,
 * the one `npm test` runs) with its faults and retries, against the same
 * scenario on a calm sandbox, in interleaved rounds: wall time and requests.
 */
import { runChaosScenario, type ChaosRun, type ChaosVendor } from '../test/support/chaos-scenario'
import { interleaved } from './interleave'
import { reportOnly, result, type BenchResult } from './result'
import { median } from './stats'

const ROUNDS = 3
const RETRY = { retries: 10, baseDelayMs: 2, maxDelayMs: 50 }

/**
 * Wall time and request count of the chaos run against the calm run, per vendor (no goal: the ratio is reported).
 * @example
 * const lines = await chaosCost()
 */
export const chaosCost = async (): Promise<BenchResult[]> => {
  const lines: BenchResult[] = []
  for (const vendor of ['thordata', 'webshare'] as const satisfies ReadonlyArray<ChaosVendor>) {
    const runs = await interleaved(ROUNDS, { chaos: () => runChaosScenario(vendor, RETRY), calm: () => runChaosScenario(vendor, RETRY, {}) })
    const of = (side: 'chaos' | 'calm', pick: (r: ChaosRun) => number) => median(runs[side].map(pick))
    lines.push(
      result(`${vendor} chaos scenario (300 writes): wall time vs no faults`, of('chaos', (r) => r.elapsedMs), 'ms', reportOnly, of('calm', (r) => r.elapsedMs)),
      result(`${vendor} chaos scenario (300 writes): requests vs no faults`, of('chaos', (r) => r.stats.requests), 'requests', reportOnly, of('calm', (r) => r.stats.requests)),
    )
  }
  return lines
}
