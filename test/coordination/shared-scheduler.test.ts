/**
 * The scheduler of a provider with coordination, on a pacer of the test's
 * own: starts wait for their slot, a start whose timer fires late takes a new
 * slot (a bounded number of times), the cap on requests in flight holds, a
 * pacer failure rejects the task without running it, and an abort while
 * waiting leaves at once.
 */
import { createSharedScheduler, LATE_START_MS, MAX_RESERVATIONS, paceRule } from '../../src/coordination/shared-scheduler'
import { CoordinationError, type SharedPacer } from '../../src'
import type { Clock } from '../../src/rate-limit'

const limit = { requestsPerMinute: 600, concurrency: 2 }

/** A pacer handing out the given waits one after the other (then 0), counting reservations and slow-downs. */
const scripted = (waits: number[]) => {
  const calls = { reserve: 0, slowDown: 0, recover: 0 }
  const pacer: SharedPacer = {
    reserve: async () => {
      calls.reserve++
      return { waitMs: waits.shift() ?? 0, spacingMs: calls.slowDown > 0 ? 200 : 100 }
    },
    slowDown: async () => {
      calls.slowDown++
    },
    recover: async () => {
      calls.recover++
    },
  }
  return { pacer, calls }
}

/** A clock of the test's own: a timer moves the time on by its delay plus `late()` ms, then fires. */
const fakeClock = (late: () => number = () => 0) => {
  let t = 1_000
  const clock: Clock = {
    now: () => t,
    setTimeout: (run, ms) =>
      setImmediate(() => {
        t += ms + late()
        run()
      }),
  }
  return { clock, now: () => t }
}

it('starts a task once its slot comes', async () => {
  const { pacer, calls } = scripted([40])
  const { clock, now } = fakeClock()
  const scheduler = createSharedScheduler(limit, pacer, clock)
  let startedAt = 0
  await scheduler.schedule(async () => void (startedAt = now()))
  expect(startedAt).toBe(1_040)
  expect(calls.reserve).toBe(1)
})

it('gives a slot up and takes the next when its timer fires too late, at most a few times', async () => {
  const { pacer, calls } = scripted([10, 10, 10, 10])
  let lateness = [LATE_START_MS + 30, 0]
  const scheduler = createSharedScheduler(limit, pacer, fakeClock(() => lateness.shift() ?? 0).clock)
  await scheduler.schedule(async () => undefined)
  expect(calls.reserve).toBe(2)

  const always = scripted([10, 10, 10, 10, 10])
  lateness = []
  const slow = createSharedScheduler(limit, always.pacer, fakeClock(() => LATE_START_MS + 30).clock)
  await slow.schedule(async () => undefined)
  expect(always.calls.reserve).toBe(MAX_RESERVATIONS)
})

it('keeps at most `concurrency` tasks in flight', async () => {
  const { pacer } = scripted([])
  const scheduler = createSharedScheduler(limit, pacer)
  let inFlight = 0
  let most = 0
  await Promise.all(
    Array.from({ length: 6 }, () =>
      scheduler.schedule(async () => {
        most = Math.max(most, ++inFlight)
        await new Promise((r) => setTimeout(r, 10))
        inFlight--
      }),
    ),
  )
  expect(most).toBe(2)
})

it('rejects with the pacer failure and never runs the task: no fallback to local pacing', async () => {
  let failures = 1
  const failingOnce: SharedPacer = {
    reserve: async () => {
      if (failures-- > 0) throw new CoordinationError('network', 'Redis did not answer within 10 ms (a pacing slot)')
      return { waitMs: 0, spacingMs: 100 }
    },
    slowDown: async () => undefined,
    recover: async () => undefined,
  }
  const task = jest.fn(async () => 'sent')
  const scheduler = createSharedScheduler({ ...limit, concurrency: 1 }, failingOnce)
  await expect(scheduler.schedule(task)).rejects.toMatchObject({ kind: 'network', message: 'Redis did not answer within 10 ms (a pacing slot)' })
  expect(task).not.toHaveBeenCalled()
  // Its one place in flight was given back: the next task runs.
  await expect(scheduler.schedule(task)).resolves.toBe('sent')
})

it('leaves at once when aborted while waiting for its slot', async () => {
  const { pacer } = scripted([10_000])
  // A timer that never fires: only the abort can end the wait.
  const scheduler = createSharedScheduler(limit, pacer, { now: () => 0, setTimeout: () => undefined })
  const controller = new AbortController()
  const task = jest.fn(async () => 'sent')
  const waiting = scheduler.schedule(task, controller.signal)
  setTimeout(() => controller.abort(new Error('stop')), 20)
  await expect(waiting).rejects.toThrow('stop')
  expect(task).not.toHaveBeenCalled()
})

it('asks the pacer to recover only after a slow-down, and reports the shared spacing', async () => {
  const { pacer, calls } = scripted([])
  const scheduler = createSharedScheduler(limit, pacer)
  await scheduler.schedule(async () => undefined)
  scheduler.recover()
  expect(calls.recover).toBe(0)
  scheduler.slowDown()
  await new Promise((r) => setTimeout(r, 0))
  await scheduler.schedule(async () => undefined)
  expect(scheduler.spacingMs()).toBe(200)
  scheduler.recover()
  expect(calls).toMatchObject({ slowDown: 1, recover: 1 })
  expect(paceRule(limit).spacingMs).toBeCloseTo(103, 6)
})
