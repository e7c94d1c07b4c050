/**
 * Client-side pacing against the sandbox's own rate limit, over real HTTP.
 */
import { startSandbox, type Sandbox } from '../providers/sandbox'
import { createThordataProvider } from '../providers/thordata'
import { createWebshareProvider } from '../providers/webshare'

const PER_MINUTE = 300
const CALLS = 12
let sandbox: Sandbox

afterEach(() => sandbox.close())

it('spaced to the vendor limit, concurrent reads get no 429 at all', async () => {
  sandbox = await startSandbox({ webshare: { requestsPerMinute: PER_MINUTE } })
  const p = createWebshareProvider({ ...sandbox.webshare, retry: false, rateLimit: { requestsPerMinute: PER_MINUTE, concurrency: 4 } })
  const results = await Promise.all(Array.from({ length: CALLS }, () => p.list()()))
  expect(results.every((r) => r._tag === 'Right')).toBe(true)
  expect(sandbox.stats().webshare).toMatchObject({ requests: CALLS, rateLimited: 0 })
})

it('without the client-side limit, the same burst gets 429s (the test can fail)', async () => {
  sandbox = await startSandbox({ webshare: { requestsPerMinute: 5 } })
  const p = createWebshareProvider({ ...sandbox.webshare, retry: false, rateLimit: false })
  const results = await Promise.all(Array.from({ length: CALLS }, () => p.list()()))
  expect(results.filter((r) => r._tag === 'Left' && r.left.kind === 'rate_limited').length).toBe(CALLS - 5)
  expect(sandbox.stats().webshare.rateLimited).toBe(CALLS - 5)
})

it("twenty calls queued behind Thordata's pacing (one call every 1.2 s) and aborted at once all settle at once", async () => {
  sandbox = await startSandbox()
  const p = createThordataProvider({ ...sandbox.thordata, retry: false })
  expect((await p.list()())._tag).toBe('Right')
  const controller = new AbortController()
  const queued = Array.from({ length: 20 }, () => p.get('alice001', { signal: controller.signal })())
  controller.abort()
  const t0 = performance.now()
  const results = await Promise.all(queued)
  // One pacing slot is 1.2 s: settling slot by slot would take 24 s.
  expect(performance.now() - t0).toBeLessThan(1_000)
  for (const r of results) expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'network', message: expect.stringContaining('cancelled') } })
  expect(sandbox.stats().thordata.requests).toBe(1)
})
