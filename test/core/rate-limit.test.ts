import * as E from 'fp-ts/Either'
import { CATCH_UP_MS, HEADROOM, MAX_SLOWDOWN, createScheduler, rateLimit, type Clock } from '../../src/rate-limit'

const vendorDefault = { requestsPerMinute: 240, concurrency: 8 }

describe('rateLimit', () => {
  it('fills in the vendor default, turns off with false, and refuses bad numbers', () => {
    expect(rateLimit(undefined, vendorDefault)).toEqual(E.right(vendorDefault))
    expect(rateLimit({ concurrency: 2 }, vendorDefault)).toEqual(E.right({ requestsPerMinute: 240, concurrency: 2 }))
    expect(rateLimit(false, vendorDefault)).toEqual(E.right(undefined))
    expect(rateLimit({ requestsPerMinute: 0 }, vendorDefault)).toEqual(E.left({ path: 'rateLimit.requestsPerMinute', message: 'must be a number > 0' }))
    expect(rateLimit({ concurrency: Number.NaN }, vendorDefault)).toEqual(E.left({ path: 'rateLimit.concurrency', message: 'must be a number > 0' }))
  })
})

describe('createScheduler', () => {
  /** Runs `count` tasks of `ms` each through a scheduler; returns their start times and the most in flight. */
  const run = async (scheduler: ReturnType<typeof createScheduler>, count: number, ms: number, after?: (i: number) => void) => {
    const starts: number[] = []
    let inFlight = 0
    let most = 0
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        scheduler.schedule(async () => {
          starts.push(performance.now())
          most = Math.max(most, ++inFlight)
          await new Promise((r) => setTimeout(r, ms))
          inFlight--
          after?.(i)
        }),
      ),
    )
    return { starts: starts.sort((a, b) => a - b), most }
  }
  const gaps = (starts: number[]) => starts.slice(1).map((t, i) => t - starts[i]!)

  it('spaces request starts evenly (lower bounds, with a few ms for timer granularity)', async () => {
    const { starts } = await run(createScheduler({ requestsPerMinute: 1_200, concurrency: 10 }), 6, 1)
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(45)
  })

  it('never has more requests in flight than its concurrency', async () => {
    const { most } = await run(createScheduler({ requestsPerMinute: 600_000, concurrency: 3 }), 12, 20)
    expect(most).toBe(3)
  })

  it('measures spacing from the previous actual start, so a late timer never bunches starts together', async () => {
    const scheduler = createScheduler({ requestsPerMinute: 1_200, concurrency: 10 })
    const starts: number[] = []
    const tasks = Array.from({ length: 4 }, () =>
      scheduler.schedule(async () => {
        starts.push(performance.now())
        // Block the event loop for 120 ms (more than two spacings) on the second start, as a busy process would.
        if (starts.length === 2) {
          const until = performance.now() + 120
          while (performance.now() < until);
        }
      }),
    )
    await Promise.all(tasks)
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(45)
  })

  it('waits the doubled spacing after a slow-down', async () => {
    const scheduler = createScheduler({ requestsPerMinute: 1_200, concurrency: 1 })
    const { starts } = await run(scheduler, 3, 1, (i) => (i === 0 ? scheduler.slowDown() : undefined))
    expect(gaps(starts)[1]).toBeGreaterThanOrEqual(95)
  })

  it('slows down once per burst, at most MAX_SLOWDOWN times, and recovers on success', () => {
    const scheduler = createScheduler({ requestsPerMinute: 1_200, concurrency: 1 })
    const spacing = 50 * (1 + HEADROOM)
    expect(scheduler.spacingMs()).toBeCloseTo(spacing)
    for (let i = 0; i < 10; i++) scheduler.slowDown()
    expect(scheduler.spacingMs()).toBeCloseTo(2 * spacing)
    const now = jest.spyOn(performance, 'now')
    let t = performance.now()
    for (let i = 0; i < 10; i++) {
      t += 1_000
      now.mockReturnValue(t)
      scheduler.slowDown()
    }
    now.mockRestore()
    expect(scheduler.spacingMs()).toBeCloseTo(spacing * MAX_SLOWDOWN)
    for (let i = 0; i < 100; i++) scheduler.recover()
    expect(scheduler.spacingMs()).toBeCloseTo(spacing)
  })

  /**
   * A clock whose timers fire late by `lateness()` ms: `run` fires them in
   * time order, letting the tasks they start settle after each.
   */
  const lateClock = (lateness: () => number) => {
    let now = 0
    const timers: Array<{ at: number; run: () => void }> = []
    const clock: Clock = { now: () => now, setTimeout: (run, ms) => timers.push({ at: now + ms + lateness(), run }) }
    const settle = () => new Promise((r) => setImmediate(r))
    return {
      clock,
      /** Sets the clock forward, as a busy event loop would. */
      stall: (ms: number) => (now += ms),
      run: async () => {
        await settle()
        while (timers.length > 0) {
          timers.sort((a, b) => a.at - b.at)
          const timer = timers.shift()!
          now = Math.max(now, timer.at)
          timer.run()
          await settle()
        }
      },
    }
  }
  /** A seeded generator of numbers in [0, 1). */
  const seeded = (seed: number) => () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)

  it('keeps its pace when timers fire late, and never lets 101 starts into any second at 6,000 a minute', async () => {
    const random = seeded(42)
    const { clock, run } = lateClock(() => random() * 1.5)
    const scheduler = createScheduler({ requestsPerMinute: 6_000, concurrency: 8 }, clock)
    const starts: number[] = []
    const all = Promise.all(Array.from({ length: 1_000 }, () => scheduler.schedule(async () => void starts.push(clock.now()))))
    await run()
    await all
    const spacing = 10 * (1 + HEADROOM)
    // Late timers are made up: 1,000 starts take 999 spacings, give or take the catch-up, not 999 spacings plus every lateness.
    expect(starts[999]! - starts[0]!).toBeLessThanOrEqual(999 * spacing + 1.5)
    expect(starts[999]! - starts[0]!).toBeGreaterThanOrEqual(999 * spacing - CATCH_UP_MS)
    for (let i = 0; i + 100 < starts.length; i++) expect(starts[i + 100]! - starts[i]!).toBeGreaterThan(1_000)
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(spacing - CATCH_UP_MS)
  })

  it('after a stall, starts again at most CATCH_UP_MS closer than the spacing, never in a burst', async () => {
    const { clock, run, stall } = lateClock(() => 0)
    const scheduler = createScheduler({ requestsPerMinute: 6_000, concurrency: 8 }, clock)
    const starts: number[] = []
    const all = Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        scheduler.schedule(async () => {
          starts.push(clock.now())
          if (i === 5) stall(200)
        }),
      ),
    )
    await run()
    await all
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(10 * (1 + HEADROOM) - CATCH_UP_MS)
  })

  it('lets calls aborted while queued behind the pacing leave the queue at once (twenty aborted together all settle)', async () => {
    const { clock, run } = lateClock(() => 0)
    const scheduler = createScheduler({ requestsPerMinute: 50, concurrency: 1 }, clock)
    await scheduler.schedule(async () => undefined)
    const controller = new AbortController()
    const ran: number[] = []
    let settled = 0
    const queued = Array.from({ length: 20 }, (_, i) => scheduler.schedule(async () => void ran.push(i), controller.signal))
    for (const q of queued) q.then(() => settled++, () => settled++)
    controller.abort(new Error('stop'))
    // The clock does not move: nothing may wait for a pacing slot.
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r))
    expect(settled).toBe(20)
    for (const r of await Promise.allSettled(queued)) expect(r).toMatchObject({ status: 'rejected', reason: { message: 'stop' } })
    // The queue is left as it was: a later call still runs at its turn, and the aborted ones never do.
    const later = scheduler.schedule(async () => 'ran')
    await run()
    await expect(later).resolves.toBe('ran')
    expect(ran).toEqual([])
  })

  it('refuses at once a call whose signal is already aborted, with or without a limit', async () => {
    const signal = AbortSignal.abort(new Error('gone'))
    await expect(createScheduler({ requestsPerMinute: 50, concurrency: 1 }).schedule(async () => 1, signal)).rejects.toThrow('gone')
    await expect(createScheduler(undefined).schedule(async () => 1, signal)).rejects.toThrow('gone')
  })

  it('runs at once without a limit', async () => {
    const { most } = await run(createScheduler(undefined), 5, 10)
    expect(most).toBe(5)
  })
})
