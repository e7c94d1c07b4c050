/**
 * Chaos: 300 creates, partial updates and deletes issued at once through the
 * sandbox over real HTTP, with seeded faults on well over 20% of requests
 * (5xx, resets before the change, drops after it, bursts of rate limiting).
 * With retries and read-backs the sandbox ends in exactly the requested
 * state and every operation reports success (a create that a vendor never
 * sends twice, found not applied, is returned retryable and its caller sends
 * it again: the only thing a caller redoes); with retries off, the same
 * faults bite and operations report errors. The scenario is in
 * support/chaos-scenario.ts (the chaos-cost benchmark runs it too).
 *
 * IPRoyal never sends a create again after a lost answer (vendor sheet §6.8: the sub-user is
 * adopted if listed, else the original error is returned) and a give-traffic once more at most
 * (§6.6), so some of its creates and a few updates fail; there the sandbox ends in exactly the
 * state the outcomes report, and every byte moved between the main balance and the
 * allocations is accounted for.
 */
import { CHAOS_EXISTING, CHAOS_EXPECTED, CHAOS_NEW, runChaosScenario, type ChaosRun } from './support/chaos-scenario'

jest.setTimeout(120_000)

describe.each(['thordata', 'webshare', 'oxylabs'] as const)('%s chaos', (vendor) => {
  it('300 concurrent mixed writes under faults end in exactly the requested state', async () => {
    const { outcomes, stored, duplicates, reissued, stats } = await runChaosScenario(vendor, { retries: 10, baseDelayMs: 2, maxDelayMs: 50 })
    expect(outcomes).toHaveLength(CHAOS_EXISTING + CHAOS_NEW)
    expect(outcomes.filter((o) => o !== 'ok')).toEqual([])
    // Only a create the vendor must never receive twice comes back to the caller, as not applied (retryable).
    for (const failure of reissued) expect(failure).toMatch(/^create:(network|timeout|vendor)$/)
    expect(stored).toEqual(CHAOS_EXPECTED)
    expect(duplicates).toBe(0)
    expect(stats.faulted / stats.requests).toBeGreaterThanOrEqual(0.2)
  })

  it('with retries off, the same faults bite: operations report errors, and nothing is doubled', async () => {
    const { outcomes, stored, duplicates } = await runChaosScenario(vendor, false)
    const failed = outcomes.filter((o) => o !== 'ok')
    expect(failed.length).toBeGreaterThan(0)
    for (const kind of failed) expect(['network', 'timeout', 'vendor', 'rate_limited']).toContain(kind)
    // Whatever happened, no sub-user exists twice and none outside the requested names.
    expect(duplicates).toBe(0)
    for (const username of Object.keys(stored)) expect(CHAOS_EXPECTED[username] !== undefined || username.startsWith('old')).toBe(true)
  })
})

/** The state a run's outcomes report: what every operation that succeeded asked for, and nothing a failed create asked for. */
const reported = (run: ChaosRun): Record<string, number> => {
  const state: Record<string, number> = Object.fromEntries(Array.from({ length: CHAOS_EXISTING }, (_, i) => [`old${String(i).padStart(5, '0')}`, 100]))
  run.operations.forEach((op, i) => {
    const ok = run.outcomes[i] === 'ok'
    if (op.wants === 'deleted') {
      if (ok) delete state[op.username]
    } else if (ok) state[op.username] = op.wants
  })
  return state
}

describe('iproyal chaos', () => {
  it('300 concurrent mixed writes under faults end in exactly the state the outcomes report, every byte of the main balance accounted for', async () => {
    const run = await runChaosScenario('iproyal', { retries: 10, baseDelayMs: 2, maxDelayMs: 50 })
    const { outcomes, operations, stored, duplicates, stats, balance } = run
    expect(outcomes).toHaveLength(CHAOS_EXISTING + CHAOS_NEW)
    // Deletes (read back, sent again while the sub-user is there) all go through.
    expect(outcomes.filter((o, i) => o !== 'ok' && operations[i]!.wants === 'deleted')).toEqual([])
    // A create left without an answer and not listed afterwards fails with its own error (never sent twice);
    // a give left without an answer twice (it is sent once more at most) fails with the second's.
    for (const o of outcomes.filter((o) => o !== 'ok')) expect(['network', 'timeout', 'vendor']).toContain(o)
    expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThan(CHAOS_EXISTING + CHAOS_NEW / 2)
    expect(stored).toEqual(reported(run))
    expect(duplicates).toBe(0)
    expect(balance).toBeDefined()
    expect(balance!.mainBytes + balance!.allocatedBytes).toBe(balance!.initialBytes)
    expect(balance!.allocatedBytes).toBe(Object.values(stored).reduce((n, v) => n + v, 0) * 1024 * 1024)
    expect(stats.faulted / stats.requests).toBeGreaterThanOrEqual(0.2)
  })

  it('with retries off, the same faults bite: nothing is doubled, no allocation moves twice, and the main balance still adds up exactly', async () => {
    const run = await runChaosScenario('iproyal', false)
    const { outcomes, stored, duplicates, balance } = run
    expect(outcomes.filter((o) => o !== 'ok').length).toBeGreaterThan(0)
    for (const kind of outcomes.filter((o) => o !== 'ok')) expect(['network', 'timeout', 'vendor', 'rate_limited']).toContain(kind)
    expect(duplicates).toBe(0)
    for (const [username, limit] of Object.entries(stored)) expect(username.startsWith('old') ? [100, 300] : [200]).toContain(limit)
    expect(balance!.mainBytes + balance!.allocatedBytes).toBe(balance!.initialBytes)
  })
})
