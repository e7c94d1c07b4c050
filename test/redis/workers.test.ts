/**
 * Several real worker processes creating sub-users against one sandbox with
 * a strict rate limit (40 requests in any 2 s window): paced together through
 * Redis the sandbox answers no 429 and the creates are spread evenly at the
 * limit; paced each on its own, the same run is told "too many".
 */
import { runWorkers } from '../../bench/workers'
import type { CreateJob } from '../../bench/create-worker'
import { startSandbox, type Sandbox } from '../../providers/sandbox'
import { createWebshareProvider } from '../../providers/webshare'
import { HEADROOM } from '../../src'
import { describeRedis, REDIS_URL, uniquePrefix } from './support'

jest.setTimeout(90_000)

const WORKERS = 4
const EACH = 15
const N = WORKERS * EACH
const PER_MINUTE = 1_200
const SPACING_MS = 60_000 / PER_MINUTE

let sandbox: Sandbox
beforeEach(async () => {
  sandbox = await startSandbox({ webshare: { requestsPerMinute: PER_MINUTE, rateWindowMs: 2_000 } })
})
afterEach(() => sandbox.close())

const jobs = (redis: CreateJob['redis']): CreateJob[] =>
  Array.from({ length: WORKERS }, (_, w) => ({
    vendor: 'webshare',
    options: { baseURL: sandbox.webshare.baseURL, apiKey: sandbox.webshare.apiKey, rateLimit: { requestsPerMinute: PER_MINUTE, concurrency: 8 } },
    names: Array.from({ length: EACH }, (_, i) => `w${w}-${i}`),
    ...(redis === undefined ? {} : { redis }),
    library: 'source',
  }))

describeRedis('workers on one account', () => {
  it('paced through Redis: no 429, every create done, starts spread evenly at the limit', async () => {
    const run = await runWorkers(jobs({ url: REDIS_URL!, prefix: uniquePrefix() }), 60_000)
    expect(run.workers.map((w) => w.failed)).toEqual([0, 0, 0, 0])
    expect(sandbox.stats().webshare).toMatchObject({ requests: N, rateLimited: 0 })
    // The sandbox's own timestamps: N starts one spacing apart (plus the headroom) span N - 1 spacings.
    const created = (await createWebshareProvider({ ...sandbox.webshare, rateLimit: false }).list()())
    if (created._tag === 'Left') throw created.left
    const times = created.right.map((u) => u.createdAt!.getTime()).sort((a, b) => a - b)
    const span = times[times.length - 1]! - times[0]!
    expect(span).toBeGreaterThanOrEqual((N - 1) * SPACING_MS * 0.95)
    expect(span).toBeLessThanOrEqual((N - 1) * SPACING_MS * (1 + HEADROOM) * 1.3 + 300)
    // And the wall time, generously: near N / rate.
    expect(run.wallMs).toBeLessThan(N * SPACING_MS * 1.5 + 2_000)
  })

  it('paced each on its own: the same run is told "too many"', async () => {
    await runWorkers(jobs(undefined), 60_000)
    expect(sandbox.stats().webshare.rateLimited).toBeGreaterThan(0)
  })
})
