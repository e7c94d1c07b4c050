/**
 * The chaos scenario, shared by the chaos test and the chaos-cost benchmark:
 * 150 sub-users seeded calmly, then 300 creates, partial updates and deletes
 * issued at once through the sandbox over real HTTP, under seeded faults.
 */
import { createOxylabsProvider } from '../../providers/oxylabs'
import { createIPRoyalProvider } from '../../providers/iproyal'
import { createThordataProvider } from '../../providers/thordata'
import { startSandbox, type Sandbox, type VendorFaults } from '../../providers/sandbox'
import { createWebshareProvider } from '../../providers/webshare'
import type { SubUserProvider } from '../../src/provider'
import { MIB, mib } from '../../src/units'
import type { RetryOptions } from '../../src/retry'

/**
 * The faults of the scenario: well over 20% of requests hit (5xx, resets before
 * the change, drops after it, bursts of rate limiting).
 * @example
 * await runChaosScenario('webshare', { retries: 10 }, CHAOS_FAULTS)
 */
export const CHAOS_FAULTS: VendorFaults = { serverErrorRate: 0.08, resetRate: 0.08, dropAfterApplyRate: 0.08, rateLimitRate: 0.01, rateLimitBurst: 2 }

/** Sub-users seeded before the run: half get a partial update, half are deleted. @example CHAOS_EXISTING === 150 */
export const CHAOS_EXISTING = 150
/** Sub-users created during the run. @example CHAOS_NEW === 150 */
export const CHAOS_NEW = 150

const pacing = { requestsPerMinute: 600_000, concurrency: 12 }
/**
 * Time allowed for one exchange: a write left without an answer is re-sent
 * only after SETTLE_TIMEOUTS of them (src/reconcile.ts); the sandbox answers
 * well within it, even under the run's load.
 */
const timeoutMs = 2_000

/**
 * A vendor the scenario runs on.
 * @example
 * const v: ChaosVendor = 'iproyal'
 */
export type ChaosVendor = 'thordata' | 'webshare' | 'oxylabs' | 'iproyal'

/** How many times the scenario's caller sends an operation again that failed with a `retryable` error (with retries on). */
const CALLER_REISSUES = 5

/**
 * What one run of the scenario gives: each operation's outcome (`'ok'` or the
 * error kind), the final state (username → limit in MiB) and how many names it holds twice, the requests sent
 * during the run and how many were faulted, and the run's wall time. With retries on, the
 * caller sends an operation again when it failed with a `retryable` error (a vendor whose
 * create is never sent twice says so of a create it found not applied); `reissued` lists
 * those failures as `operation:kind`.
 * @example
 * const { outcomes, stats } = await runChaosScenario('webshare', false)
 */
export interface ChaosRun {
  readonly outcomes: ReadonlyArray<string>
  readonly stored: Readonly<Record<string, number>>
  /** Sub-users stored under a name another one already has (0 when nothing was doubled). */
  readonly duplicates: number
  readonly reissued: ReadonlyArray<string>
  readonly stats: { readonly requests: number; readonly faulted: number }
  readonly elapsedMs: number
  /**
   * Where sub-users hold traffic moved out of a main balance (IPRoyal): the balance before the
   * seeding, and after the run, and the traffic all sub-users hold at the end (available +
   * used), in bytes. Every move is conserved when `mainBytes + allocatedBytes === initialBytes`.
   */
  readonly balance?: { readonly initialBytes: number; readonly mainBytes: number; readonly allocatedBytes: number }
  /** Each operation, in the order of `outcomes`: what it was asked to do. */
  readonly operations: ReadonlyArray<ChaosOperation>
}

/**
 * One operation of the run: the username it is about, and what it asks for (a limit in MiB, or deleted).
 * @example
 * const op: ChaosOperation = { username: 'new00001', wants: 200 }
 */
export interface ChaosOperation {
  readonly username: string
  readonly wants: number | 'deleted'
}

const make = (vendor: ChaosVendor, s: Sandbox, retry: RetryOptions): SubUserProvider => {
  switch (vendor) {
    case 'thordata':
      return createThordataProvider({ ...s.thordata, retry, timeoutMs, rateLimit: pacing })
    case 'webshare':
      return createWebshareProvider({ ...s.webshare, retry, timeoutMs, rateLimit: pacing })
    case 'oxylabs':
      return createOxylabsProvider({ ...s.oxylabs, retry, timeoutMs, rateLimit: pacing })
    case 'iproyal':
      return createIPRoyalProvider({ ...s.iproyal, retry, timeoutMs, rateLimit: pacing })
  }
}

/** [username, limit in MiB] per stored sub-user, as the fake stores them (IPRoyal: the allocation, available + used). */
const state = (vendor: ChaosVendor, s: Sandbox): ReadonlyArray<readonly [string, number]> => {
  switch (vendor) {
    case 'thordata':
      return s.thordata.control.users().map((u) => [u.username, u.traffic_limit] as const)
    case 'webshare':
      return s.webshare.control.subusers().map((u) => [u.label, Math.round(u.proxy_limit * 1024)] as const)
    case 'oxylabs':
      // The main proxy user is the account's own, not one the scenario made.
      return s.oxylabs.control.subUsers().filter((u) => !u.main).map((u) => [u.username, Math.round((u.traffic_limit ?? 0) * 1024)] as const)
    case 'iproyal':
      return s.iproyal.control.subusers().map((u) => [u.username, (u.availableBytes + u.usedBytes) / MIB] as const)
  }
}

/** The main balance and the traffic all sub-users hold, in bytes, where the vendor keeps a main balance. */
const holdings = (vendor: ChaosVendor, s: Sandbox): { readonly mainBytes: number; readonly allocatedBytes: number } | undefined =>
  vendor === 'iproyal'
    ? { mainBytes: s.iproyal.control.mainBalanceBytes(), allocatedBytes: s.iproyal.control.subusers().reduce((n, u) => n + u.availableBytes + u.usedBytes, 0) }
    : undefined

const name = (prefix: string, i: number) => `${prefix}${String(i).padStart(5, '0')}`

/**
 * The state the scenario asks for: the updated half of the seeded sub-users at 300 MiB, the new ones at 200 MiB.
 * @example
 * expect(run.stored).toEqual(CHAOS_EXPECTED)
 */
export const CHAOS_EXPECTED: Readonly<Record<string, number>> = Object.fromEntries([
  ...Array.from({ length: CHAOS_EXISTING }, (_, i) => i).filter((i) => i % 2 === 0).map((i) => [name('old', i), 300]),
  ...Array.from({ length: CHAOS_NEW }, (_, i) => [name('new', i), 200]),
])

/**
 * Seeds the vendor, then runs the 300 operations at once under `faults`
 * (none: the same run on a calm sandbox) with the given retry policy.
 * @example
 * const run = await runChaosScenario('thordata', { retries: 10, baseDelayMs: 2, maxDelayMs: 50 })
 */
export const runChaosScenario = async (vendor: ChaosVendor, retry: RetryOptions, faults: VendorFaults = CHAOS_FAULTS): Promise<ChaosRun> => {
  // The fakes' own limits are raised: the injected bursts are the rate limiting under test.
  const sandbox = await startSandbox({ thordata: { userLimit: 1_000 }, webshare: { requestsPerMinute: 1_000_000 }, oxylabs: { maxSubUsers: 1_000 } })
  try {
    const initial = holdings(vendor, sandbox)
    const calm = make(vendor, sandbox, { retries: 0 })
    const ids: string[] = []
    for (let i = 0; i < CHAOS_EXISTING; i++) {
      const r = await calm.create({ username: name('old', i), trafficLimitBytes: mib(100) })()
      if (r._tag === 'Left') throw r.left
      ids.push(r.right.id)
    }
    const before = sandbox.stats()[vendor]
    sandbox.setFaults({ seed: 2026, [vendor]: faults })
    const p = make(vendor, sandbox, retry)
    const started = performance.now()
    const ops: ReadonlyArray<readonly [string, () => Promise<{ readonly _tag: 'Left'; readonly left: { readonly kind: string; readonly retryable: boolean } } | { readonly _tag: 'Right' }>]> = [
      ...ids.map((id, i) => (i % 2 === 0 ? (['update', p.update(id, { trafficLimitBytes: mib(300) })] as const) : (['delete', p.delete(id)] as const))),
      ...Array.from({ length: CHAOS_NEW }, (_, i) => ['create', p.create({ username: name('new', i), trafficLimitBytes: mib(200) })] as const),
    ]
    const reissued: string[] = []
    const operations: ChaosOperation[] = [
      ...ids.map((_, i) => ({ username: name('old', i), wants: i % 2 === 0 ? 300 : ('deleted' as const) })),
      ...Array.from({ length: CHAOS_NEW }, (_, i) => ({ username: name('new', i), wants: 200 })),
    ]
    const outcomes = await Promise.all(
      ops.map(async ([operation, op]) => {
        for (let sent = 0; ; sent++) {
          const r = await op()
          if (r._tag === 'Right') return 'ok'
          if (retry === false || !r.left.retryable || sent >= CALLER_REISSUES) return r.left.kind
          reissued.push(`${operation}:${r.left.kind}`)
        }
      }),
    )
    const elapsedMs = performance.now() - started
    sandbox.setFaults({})
    const after = sandbox.stats()[vendor]
    const stats = { requests: after.requests - before.requests, faulted: after.faulted - before.faulted }
    const stored = state(vendor, sandbox)
    const final = holdings(vendor, sandbox)
    const balance = initial === undefined || final === undefined ? {} : { balance: { initialBytes: initial.mainBytes + initial.allocatedBytes, ...final } }
    return { outcomes, operations, stored: Object.fromEntries(stored), duplicates: stored.length - new Set(stored.map(([username]) => username)).size, reissued, stats, elapsedMs, ...balance }
  } finally {
    await sandbox.close()
  }
}
