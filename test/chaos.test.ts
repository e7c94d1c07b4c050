/**
 * Chaos: 300 creates, partial updates and deletes issued at once through the
 * sandbox over real HTTP, with seeded faults on well over 20% of requests
 * (5xx, resets before the change, drops after it, bursts of rate limiting).
 * With retries and read-backs the sandbox ends in exactly the requested
 * state and every operation reports success; with retries off, the same
 * faults bite and operations report errors.
 */
import { createThordataProvider } from '../providers/thordata'
import { startSandbox, type Sandbox } from '../providers/sandbox'
import { createWebshareProvider } from '../providers/webshare'
import type { SubUserProvider } from '../src/provider'
import { mib } from '../src/units'
import type { RetryOptions } from '../src/retry'

jest.setTimeout(120_000)

const faults = { serverErrorRate: 0.08, resetRate: 0.08, dropAfterApplyRate: 0.08, rateLimitRate: 0.01, rateLimitBurst: 2 }
const pacing = { requestsPerMinute: 600_000, concurrency: 12 }
const EXISTING = 150 // 75 get a partial update, 75 are deleted
const NEW = 150

type Vendor = 'thordata' | 'webshare'
const make = (vendor: Vendor, s: Sandbox, retry: RetryOptions): SubUserProvider =>
  vendor === 'thordata'
    ? createThordataProvider({ ...s.thordata, retry, rateLimit: pacing })
    : createWebshareProvider({ ...s.webshare, retry, rateLimit: pacing })
/** username → limit in MiB, as the fake stores it. */
const state = (vendor: Vendor, s: Sandbox): Record<string, number> =>
  vendor === 'thordata'
    ? Object.fromEntries(s.thordata.control.users().map((u) => [u.username, u.traffic_limit]))
    : Object.fromEntries(s.webshare.control.subusers().map((u) => [u.label, Math.round(u.proxy_limit * 1024)]))
const name = (prefix: string, i: number) => `${prefix}${String(i).padStart(5, '0')}`

/** Seeds the vendor, then runs the 300 operations at once under faults; returns each outcome. */
const chaos = async (vendor: Vendor, retry: RetryOptions) => {
  // The fakes' own limits are raised: the injected bursts are the rate limiting under test.
  const sandbox = await startSandbox({ thordata: { userLimit: 1_000 }, webshare: { requestsPerMinute: 1_000_000 } })
  try {
    const calm = make(vendor, sandbox, { retries: 0 })
    const ids: string[] = []
    for (let i = 0; i < EXISTING; i++) {
      const r = await calm.create({ username: name('old', i), trafficLimitBytes: mib(100) })()
      if (r._tag === 'Left') throw r.left
      ids.push(r.right.id)
    }
    const before = sandbox.stats()[vendor]
    sandbox.setFaults({ seed: 2026, [vendor]: faults })
    const p = make(vendor, sandbox, retry)
    const ops = [
      ...ids.map((id, i) => (i % 2 === 0 ? p.update(id, { trafficLimitBytes: mib(300) }) : p.delete(id))),
      ...Array.from({ length: NEW }, (_, i) => p.create({ username: name('new', i), trafficLimitBytes: mib(200) })),
    ]
    const outcomes = await Promise.all(ops.map(async (op) => {
      const r = await op()
      return r._tag === 'Right' ? 'ok' : r.left.kind
    }))
    sandbox.setFaults({})
    const after = sandbox.stats()[vendor]
    const stats = { requests: after.requests - before.requests, faulted: after.faulted - before.faulted }
    return { outcomes, stored: state(vendor, sandbox), stats }
  } finally {
    await sandbox.close()
  }
}

const expected = Object.fromEntries([
  ...Array.from({ length: EXISTING }, (_, i) => i).filter((i) => i % 2 === 0).map((i) => [name('old', i), 300]),
  ...Array.from({ length: NEW }, (_, i) => [name('new', i), 200]),
])

describe.each(['thordata', 'webshare'] as const)('%s chaos', (vendor) => {
  it('300 concurrent mixed writes under faults end in exactly the requested state', async () => {
    const { outcomes, stored, stats } = await chaos(vendor, { retries: 10, baseDelayMs: 2, maxDelayMs: 50 })
    expect(outcomes).toHaveLength(EXISTING + NEW)
    expect(outcomes.filter((o) => o !== 'ok')).toEqual([])
    expect(stored).toEqual(expected)
    expect(stats.faulted / stats.requests).toBeGreaterThanOrEqual(0.2)
  })

  it('with retries off, the same faults bite: operations report errors, and nothing is doubled', async () => {
    const { outcomes, stored } = await chaos(vendor, false)
    const failed = outcomes.filter((o) => o !== 'ok')
    expect(failed.length).toBeGreaterThan(0)
    for (const kind of failed) expect(['network', 'timeout', 'vendor', 'rate_limited']).toContain(kind)
    // Whatever happened, no sub-user exists twice and none outside the requested names.
    for (const username of Object.keys(stored)) expect(expected[username] !== undefined || username.startsWith('old')).toBe(true)
  })
})
