/**
 * Creates whose outcome is unknown are read back, never blindly repeated:
 * through the sandbox over real HTTP, with seeded faults that reset
 * connections before a change, drop them after it, and answer 5xx.
 */
import { createThordataProvider } from '../providers/thordata'
import { startSandbox, type Sandbox } from '../providers/sandbox'
import { createWebshareProvider } from '../providers/webshare'
import type { SubUserProvider } from '../src/provider'
import { mib } from '../src/units'

const retry = { retries: 8, baseDelayMs: 1, maxDelayMs: 4 }
/**
 * Short exchanges: a write left without an answer is re-sent only after
 * SETTLE_TIMEOUTS of them (src/reconcile.ts), and the sandbox answers at once.
 */
const timeoutMs = 400
jest.setTimeout(60_000)
const faults = { resetRate: 0.15, dropAfterApplyRate: 0.2, serverErrorRate: 0.1 }
const CREATES = 30

/** name → traffic limit in MiB, as the fake stores it. */
type Stored = Record<string, number>
const vendors: ReadonlyArray<[string, (s: Sandbox) => SubUserProvider, (s: Sandbox) => string[], (s: Sandbox) => Stored]> = [
  [
    'thordata',
    (s) => createThordataProvider({ ...s.thordata, retry, timeoutMs, rateLimit: false }),
    (s) => s.thordata.control.users().map((u) => u.username),
    (s) => Object.fromEntries(s.thordata.control.users().map((u) => [u.username, u.traffic_limit])),
  ],
  [
    'webshare',
    (s) => createWebshareProvider({ ...s.webshare, retry, timeoutMs, rateLimit: false }),
    (s) => s.webshare.control.subusers().map((u) => u.label),
    (s) => Object.fromEntries(s.webshare.control.subusers().map((u) => [u.label, Math.round(u.proxy_limit * 1024)])),
  ],
]

describe.each(vendors)('%s writes under faults', (name, provider, stored, limits) => {
  let sandbox: Sandbox
  afterEach(() => sandbox.close())

  it('creates each sub-user exactly once, and the faults did hit', async () => {
    sandbox = await startSandbox({ faults: { seed: 11, [name]: faults } })
    const p = provider(sandbox)
    const outcomes: string[] = []
    for (let i = 0; i < CREATES; i++) {
      const r = await p.create({ username: `safe${String(i).padStart(4, '0')}` })()
      outcomes.push(r._tag === 'Right' ? r.right.username : `failed: ${r.left.kind}`)
    }
    const names = stored(sandbox)
    expect(outcomes.filter((o) => o.startsWith('failed'))).toEqual([])
    expect(names.sort()).toEqual(outcomes.sort())
    expect(new Set(names).size).toBe(CREATES)
    const stats = sandbox.stats()[name as 'thordata' | 'webshare']
    expect(stats.faulted).toBeGreaterThan(CREATES * 0.2)
  })

  it('with retries off, the same faults bite: creates fail with ambiguous errors, and still none is doubled', async () => {
    sandbox = await startSandbox({ faults: { seed: 11, [name]: faults } })
    const p = name === 'thordata' ? createThordataProvider({ ...sandbox.thordata, retry: false, rateLimit: false }) : createWebshareProvider({ ...sandbox.webshare, retry: false, rateLimit: false })
    const failures: string[] = []
    for (let i = 0; i < CREATES; i++) {
      const r = await p.create({ username: `safe${String(i).padStart(4, '0')}` })()
      if (r._tag === 'Left') failures.push(r.left.kind)
    }
    expect(failures.length).toBeGreaterThan(0)
    for (const kind of failures) expect(['network', 'timeout', 'vendor']).toContain(kind)
    const names = stored(sandbox)
    expect(new Set(names).size).toBe(names.length)
  })

  it('renames, partial updates and deletes end in exactly the requested state', async () => {
    sandbox = await startSandbox()
    const p = provider(sandbox)
    const ids: string[] = []
    for (let i = 0; i < 20; i++) {
      const r = await p.create({ username: `keep${String(i).padStart(4, '0')}`, trafficLimitBytes: mib(100) })()
      if (r._tag === 'Left') throw r.left
      ids.push(r.right.id)
    }
    sandbox.setFaults({ seed: 5, [name]: faults })
    const failures: string[] = []
    for (const [i, id] of ids.entries()) {
      const r =
        i % 2 === 0
          ? await p.update(id, { username: `done${String(i).padStart(4, '0')}`, trafficLimitBytes: mib(300) })()
          : await p.delete(id)()
      if (r._tag === 'Left') failures.push(`${i}: ${r.left.kind}`)
    }
    sandbox.setFaults({})
    expect(failures).toEqual([])
    const expected = Object.fromEntries(ids.flatMap((_, i) => (i % 2 === 0 ? [[`done${String(i).padStart(4, '0')}`, 300]] : [])))
    expect(limits(sandbox)).toEqual(expected)
    expect(sandbox.stats()[name as 'thordata' | 'webshare'].faulted).toBeGreaterThan(5)
  })
})
