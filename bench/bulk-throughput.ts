/**
 * Bulk throughput under a rate limit: 1,000 creates against a Webshare fake
 * limited to 6,000 requests a minute, counted over a sliding 1 s window (100
 * in any second: a burst cannot borrow the whole minute), with 20 ms added to
 * every answer. The library paced at that limit, against `Promise.all` over
 * bare axios and a sequential bare loop, in interleaved rounds.
 */
import { gib } from '../src'
import { createWebshareProvider } from '../providers/webshare'
import { bareJson } from './bare-http'
import { interleaved } from './interleave'
import { startRemoteSandbox, type RemoteSandbox } from './remote-sandbox'
import { atMost, ratioAtMost, reportOnly, result, type BenchResult } from './result'
import { median } from './stats'

const CREATES = 1_000
const RATE_PER_MINUTE = 6_000
const LATENCY_MS = 20
const ROUNDS = 3
/** The wall-time goal: at most 10% over the bound N / rate. */
const MAX_RATIO = 1.1
const BOUND_MS = (CREATES / RATE_PER_MINUTE) * 60_000

/** One run's wall time, the 429s the sandbox sent and the creates that failed. */
interface Run {
  readonly ms: number
  readonly throttled: number
  readonly failed: number
}

type Creates = (sandbox: RemoteSandbox) => Promise<number>

/** Runs `creates` against a fresh sandbox; the creates resolve to how many failed. */
const run = (creates: Creates) => async (): Promise<Run> => {
  const sandbox = await startRemoteSandbox({ webshare: { requestsPerMinute: RATE_PER_MINUTE, rateWindowMs: 1_000 }, faults: { webshare: { latencyMs: LATENCY_MS } } })
  try {
    const started = performance.now()
    const failed = await creates(sandbox)
    const ms = performance.now() - started
    return { ms, throttled: (await sandbox.stats()).webshare.rateLimited, failed }
  } finally {
    await sandbox.close()
  }
}

const indexes = Array.from({ length: CREATES }, (_, i) => i)

const library: Creates = async (sandbox) => {
  const p = createWebshareProvider({ ...sandbox.webshare, rateLimit: { requestsPerMinute: RATE_PER_MINUTE, concurrency: 8 } })
  const outcomes = await Promise.all(indexes.map((i) => p.create({ username: `lib-${i}`, trafficLimitBytes: gib(1) })()))
  return outcomes.filter((o) => o._tag === 'Left').length
}

const bareCreate = (sandbox: RemoteSandbox, i: number) =>
  bareJson({
    method: 'POST',
    url: `${sandbox.webshare.baseURL}/api/v2/subuser/`,
    headers: { Authorization: `Token ${sandbox.webshare.apiKey}`, 'Content-Type': 'application/json' },
    data: JSON.stringify({ label: `bare-${i}`, proxy_limit: 1 }),
  }).then(
    (res) => res.status !== 201,
    () => true,
  )

const bareAll: Creates = async (sandbox) => (await Promise.all(indexes.map((i) => bareCreate(sandbox, i)))).filter(Boolean).length

const bareSequential: Creates = async (sandbox) => {
  let failed = 0
  for (const i of indexes) if (await bareCreate(sandbox, i)) failed++
  return failed
}

/**
 * The library's wall time against N / rate (goal ≤ 1.10) and its 429s (goal 0), then each baseline's wall time, 429s and failures.
 * @example
 * const lines = await bulkThroughput()
 */
export const bulkThroughput = async (): Promise<BenchResult[]> => {
  const runs = await interleaved(ROUNDS, { library: run(library), all: run(bareAll), sequential: run(bareSequential) })
  const of = (side: keyof typeof runs, key: keyof Run) => median(runs[side].map((r) => r[key]))
  const label = `${CREATES.toLocaleString('en-US')} creates at ${RATE_PER_MINUTE.toLocaleString('en-US')}/min`
  return [
    result(`${label}: library wall time vs N/rate`, of('library', 'ms'), 'ms', ratioAtMost(MAX_RATIO), BOUND_MS),
    result(`${label}: library 429s received`, of('library', 'throttled'), '429s', atMost(0, '429s')),
    result(`${label}: library failed creates`, of('library', 'failed'), 'creates', atMost(0, 'creates')),
    result(`${label}: Promise.all bare axios wall time`, of('all', 'ms'), 'ms', reportOnly, BOUND_MS),
    result(`${label}: Promise.all bare axios 429s`, of('all', 'throttled'), '429s', reportOnly),
    result(`${label}: Promise.all bare axios failed creates`, of('all', 'failed'), 'creates', reportOnly),
    result(`${label}: sequential bare axios wall time`, of('sequential', 'ms'), 'ms', reportOnly, BOUND_MS),
    result(`${label}: sequential bare axios 429s`, of('sequential', 'throttled'), '429s', reportOnly),
  ]
}
