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
 */
import { CHAOS_EXISTING, CHAOS_EXPECTED, CHAOS_NEW, runChaosScenario } from './support/chaos-scenario'

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
