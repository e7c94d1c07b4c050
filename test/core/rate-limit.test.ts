import * as E from 'fp-ts/Either'
import { MAX_SLOWDOWN, createScheduler, rateLimit } from '../../src/rate-limit'

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
    expect(scheduler.spacingMs()).toBe(50)
    for (let i = 0; i < 10; i++) scheduler.slowDown()
    expect(scheduler.spacingMs()).toBe(100)
    const now = jest.spyOn(performance, 'now')
    let t = performance.now()
    for (let i = 0; i < 10; i++) {
      t += 1_000
      now.mockReturnValue(t)
      scheduler.slowDown()
    }
    now.mockRestore()
    expect(scheduler.spacingMs()).toBe(50 * MAX_SLOWDOWN)
    for (let i = 0; i < 100; i++) scheduler.recover()
    expect(scheduler.spacingMs()).toBe(50)
  })

  it('runs at once without a limit', async () => {
    const { most } = await run(createScheduler(undefined), 5, 10)
    expect(most).toBe(5)
  })
})
