/**
 * Creates whose outcome is unknown are read back, never blindly repeated:
 * through the sandbox over real HTTP, with seeded faults that reset
 * connections before a change, drop them after it, and answer 5xx.
 */
import { createThordataProvider } from '../providers/thordata'
import { startSandbox, type Sandbox } from '../providers/sandbox'
import { createWebshareProvider } from '../providers/webshare'
import type { SubUserProvider } from '../src/provider'

const retry = { retries: 8, baseDelayMs: 1, maxDelayMs: 4 }
const faults = { resetRate: 0.15, dropAfterApplyRate: 0.2, serverErrorRate: 0.1 }
const CREATES = 30

const vendors: ReadonlyArray<[string, (s: Sandbox) => SubUserProvider, (s: Sandbox) => string[]]> = [
  ['thordata', (s) => createThordataProvider({ ...s.thordata, retry }), (s) => s.thordata.control.users().map((u) => u.username)],
  ['webshare', (s) => createWebshareProvider({ ...s.webshare, retry }), (s) => s.webshare.control.subusers().map((u) => u.label)],
]

describe.each(vendors)('%s creates under faults', (name, provider, stored) => {
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
    const p = name === 'thordata' ? createThordataProvider({ ...sandbox.thordata, retry: false }) : createWebshareProvider({ ...sandbox.webshare, retry: false })
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
})
