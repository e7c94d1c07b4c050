/**
 * Bulk throughput under a rate limit: 1,000 creates against each vendor's fake
 * limited to 6,000 requests a minute, counted over a sliding 1 s window (100
 * in any second: a burst cannot borrow the whole minute), with 20 ms added to
 * every answer. The Webshare fake enforces its own limit; the others get the
 * sandbox's `requestsPerMinute` fault, answered with each fake's own
 * rate-limited reply. The library is paced at that limit; on Webshare it is
 * measured against `Promise.all` over bare axios and a sequential bare loop,
 * in interleaved rounds.
 *
 * A create is one request on Webshare, and more where the vendor's create
 * needs them (Thordata: create-user, then user-list to return the user;
 * Oxylabs: the list's name check, the POST, the list again, and one login in
 * all; IPRoyal: the `/me` balance check, then the POST), so the bound is the
 * requests a create needs, times N, over the rate. The sandbox's count of
 * requests is checked against it: a run that sent more fails the benchmark.
 */
import { bareJson } from './bare-http'
import { interleaved } from './interleave'
import { startRemoteSandbox, type RemoteSandbox } from './remote-sandbox'
import { atMost, ratioAtMost, reportOnly, result, type BenchResult } from './result'
import { median } from './stats'
import type { SubUserProvider } from '../src'
import { built } from './built'

// The package as users run it (bench/built.ts).
const { core: { gib }, webshare: { createWebshareProvider }, thordata: { createThordataProvider }, oxylabs: { createOxylabsProvider }, iproyal: { createIPRoyalProvider } } = built()

const CREATES = 1_000
const RATE_PER_MINUTE = 6_000
const LATENCY_MS = 20
const ROUNDS = 3
/** The wall-time goal: at most 5% over the bound, the requests N creates need over the rate. */
const MAX_RATIO = 1.05
/** The time `requests` take at the rate. */
const boundMs = (requests: number) => (requests / RATE_PER_MINUTE) * 60_000
const BOUND_MS = boundMs(CREATES)
/** The library's pacing: the fake's rate, 8 requests in flight. */
const PACING = { requestsPerMinute: RATE_PER_MINUTE, concurrency: 8 } as const

/** One run's wall time, the 429s the sandbox sent and the creates that failed. */
interface Run {
  readonly ms: number
  readonly throttled: number
  readonly failed: number
}

type Creates = (sandbox: RemoteSandbox) => Promise<number>
type Vendor = 'webshare' | 'thordata' | 'oxylabs' | 'iproyal'

/** The Webshare fake's own limit; the other fakes get the sandbox's, on the same terms. */
const limited = { requestsPerMinute: RATE_PER_MINUTE, rateWindowMs: 1_000 }
const SANDBOX = {
  webshare: { requestsPerMinute: RATE_PER_MINUTE, rateWindowMs: 1_000 },
  thordata: { userLimit: 1e9 },
  oxylabs: { maxSubUsers: 1e9 },
  iproyal: { mainBalanceBytes: 2 ** 52 },
  faults: { webshare: { latencyMs: LATENCY_MS }, thordata: { latencyMs: LATENCY_MS, ...limited }, oxylabs: { latencyMs: LATENCY_MS, ...limited }, iproyal: { latencyMs: LATENCY_MS, ...limited } },
} as const

/** Runs `creates` against a fresh sandbox; the creates resolve to how many failed. Throws when the vendor's fake saw other than `expected` requests that were not refused. */
const run = (vendor: Vendor, creates: Creates, expected?: number) => async (): Promise<Run> => {
  const sandbox = await startRemoteSandbox(SANDBOX)
  try {
    const started = performance.now()
    const failed = await creates(sandbox)
    const ms = performance.now() - started
    const stats = (await sandbox.stats())[vendor]
    if (expected !== undefined && stats.requests - stats.rateLimited !== expected) throw new Error(`${vendor}: ${stats.requests - stats.rateLimited} requests answered, not ${expected}`)
    return { ms, throttled: stats.rateLimited, failed }
  } finally {
    await sandbox.close()
  }
}

const indexes = Array.from({ length: CREATES }, (_, i) => i)

/** N creates at once through a provider; how many failed. */
const allThrough = async (p: SubUserProvider, input: (i: number) => Parameters<SubUserProvider['create']>[0]) => {
  const outcomes = await Promise.all(indexes.map((i) => p.create(input(i))()))
  return outcomes.filter((o) => o._tag === 'Left').length
}
const name = (i: number) => `bulk${String(i).padStart(5, '0')}`

/** Per vendor: the library's creates, and the requests they need (the bound's numerator). */
const LIBRARY: Readonly<Record<Vendor, { readonly creates: Creates; readonly requests: number; readonly shape: string }>> = {
  webshare: { creates: (s) => allThrough(createWebshareProvider({ ...s.webshare, rateLimit: PACING }), (i) => ({ username: `lib-${i}`, trafficLimitBytes: gib(1) })), requests: CREATES, shape: 'POST' },
  thordata: {
    creates: (s) => allThrough(createThordataProvider({ ...s.thordata, rateLimit: PACING }), (i) => ({ username: name(i), password: 'Benchpw1', trafficLimitBytes: gib(1) })),
    requests: 2 * CREATES,
    shape: 'create-user + user-list',
  },
  oxylabs: {
    creates: (s) => allThrough(createOxylabsProvider({ ...s.oxylabs, rateLimit: PACING }), (i) => ({ username: name(i), password: 'Bench_Password#1', trafficLimitBytes: gib(1) })),
    requests: 3 * CREATES + 1,
    shape: 'list + POST + list, 1 login',
  },
  iproyal: { creates: (s) => allThrough(createIPRoyalProvider({ ...s.iproyal, rateLimit: PACING }), (i) => ({ username: name(i), password: 'Benchpw1', trafficLimitBytes: gib(1) })), requests: 2 * CREATES, shape: '/me + POST' },
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
 * Per vendor, the library's wall time against the bound (goal ≤ 1.05) and its 429s and failed
 * creates (goal 0); on Webshare, each baseline's wall time, 429s and failures too.
 * @example
 * const lines = await bulkThroughput()
 */
export const bulkThroughput = async (): Promise<BenchResult[]> => {
  const label = (vendor: Vendor) => `${vendor} ${CREATES.toLocaleString('en-US')} creates at ${RATE_PER_MINUTE.toLocaleString('en-US')}/min`
  const runs = await interleaved(ROUNDS, {
    library: run('webshare', LIBRARY.webshare.creates, LIBRARY.webshare.requests),
    all: run('webshare', bareAll),
    sequential: run('webshare', bareSequential),
  })
  const of = (side: keyof typeof runs, key: keyof Run) => median(runs[side].map((r) => r[key]))
  const lines = [
    result(`${label('webshare')}: library wall time vs N/rate`, of('library', 'ms'), 'ms', ratioAtMost(MAX_RATIO), BOUND_MS),
    result(`${label('webshare')}: library 429s received`, of('library', 'throttled'), '429s', atMost(0, '429s')),
    result(`${label('webshare')}: library failed creates`, of('library', 'failed'), 'creates', atMost(0, 'creates')),
    result(`${label('webshare')}: Promise.all bare axios wall time`, of('all', 'ms'), 'ms', reportOnly, BOUND_MS),
    result(`${label('webshare')}: Promise.all bare axios 429s`, of('all', 'throttled'), '429s', reportOnly),
    result(`${label('webshare')}: Promise.all bare axios failed creates`, of('all', 'failed'), 'creates', reportOnly),
    result(`${label('webshare')}: sequential bare axios wall time`, of('sequential', 'ms'), 'ms', reportOnly, BOUND_MS),
    result(`${label('webshare')}: sequential bare axios 429s`, of('sequential', 'throttled'), '429s', reportOnly),
  ]
  for (const vendor of ['thordata', 'oxylabs', 'iproyal'] as const) {
    const { creates, requests, shape } = LIBRARY[vendor]
    const rounds: Run[] = []
    for (let i = 0; i < ROUNDS; i++) rounds.push(await run(vendor, creates, requests)())
    const med = (key: keyof Run) => median(rounds.map((r) => r[key]))
    lines.push(
      result(`${label(vendor)}: library wall time vs ${requests.toLocaleString('en-US')} requests/rate (${shape})`, med('ms'), 'ms', ratioAtMost(MAX_RATIO), boundMs(requests)),
      result(`${label(vendor)}: library 429s received`, med('throttled'), '429s', atMost(0, '429s')),
      result(`${label(vendor)}: library failed creates`, med('failed'), 'creates', atMost(0, 'creates')),
    )
  }
  return lines
}
