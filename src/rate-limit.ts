/**
 * Client-side rate limiting: one scheduler per provider instance, shared by
 * all its calls, that spaces request starts evenly (so a sliding-window limit
 * on the vendor's side is never crossed) and caps the requests in flight.
 * When the vendor still says "too many", the spacing doubles.
 *
 * Starts follow an even timeline {@link HEADROOM} slower than the limit. A
 * timer that fires late is made up on the following starts, but no start
 * comes more than {@link CATCH_UP_MS} closer to the previous one than the
 * spacing: so a long run keeps the pace (timer lateness does not add up), and
 * any n + 1 starts span at least n spacings less {@link CATCH_UP_MS}, which
 * the headroom covers for every window of the vendor's.
 *
 * Why not a library: the maintained schedulers (p-queue, p-limit, p-throttle)
 * are ES-module-only, which this package's CommonJS build would have to
 * bundle, and Bottleneck has had no release since 2019. What is needed here
 * (even spacing, a concurrency cap, slowing down) fits in this module.
 */
import * as E from 'fp-ts/Either'
import type { FieldProblem } from './errors'
import { whenAborted } from './abort'

/**
 * The `rateLimit` option: requests per minute and requests in flight, or
 * `false` for no client-side limit.
 * @example
 * createWebshareProvider({ apiKey, rateLimit: { requestsPerMinute: 120, concurrency: 4 } })
 */
export type RateLimitOptions = { readonly requestsPerMinute?: number; readonly concurrency?: number } | false

/**
 * A resolved limit.
 * @example
 * const limit: RateLimit = { requestsPerMinute: 240, concurrency: 8 }
 */
export interface RateLimit {
  readonly requestsPerMinute: number
  readonly concurrency: number
}

/** How many times slower than its limit a scheduler may get after "too many" answers. @example MAX_SLOWDOWN === 8 */
export const MAX_SLOWDOWN = 8
/** Each successful call brings the spacing this much back toward the limit. @example RECOVERY === 0.9 */
export const RECOVERY = 0.9
/** How much slower than its limit a scheduler paces (3%), for clock differences and network jitter. @example HEADROOM === 0.03 */
export const HEADROOM = 0.03
/** How much closer than the spacing a start may follow the previous one, to make up for a late timer. @example CATCH_UP_MS === 2 */
export const CATCH_UP_MS = 2

/**
 * What a scheduler reads the time from and waits with (the system's, or a test's).
 * @example
 * const clock: Clock = { now: () => performance.now(), setTimeout: (f, ms) => setTimeout(f, ms) }
 */
export interface Clock {
  now(): number
  setTimeout(run: () => void, ms: number): unknown
}

const systemClock: Clock = { now: () => performance.now(), setTimeout: (run, ms) => setTimeout(run, ms) }

/**
 * Runs tasks no faster than its limit.
 * @example
 * const res = await scheduler.schedule(() => axios.get(url))
 */
export interface Scheduler {
  /**
   * Runs `task` when the limit allows. If `signal` aborts while the task is
   * still waiting for its turn, it leaves the queue at once and the promise
   * rejects with the signal's reason (the task never runs).
   */
  schedule<A>(task: () => Promise<A>, signal?: AbortSignal): Promise<A>
  /**
   * The vendor said "too many": doubles the spacing between request starts, once
   * per burst (answers within one spacing count once), up to {@link MAX_SLOWDOWN}
   * times the limit's own spacing.
   */
  slowDown(): void
  /** A call went through: the spacing recovers by {@link RECOVERY} toward the limit's own. */
  recover(): void
  /** The current spacing between request starts, in milliseconds (0 without a limit). */
  spacingMs(): number
}

/**
 * The limit an option describes over a vendor's default, or the problem with it.
 * @example
 * rateLimit({ concurrency: 2 }, { requestsPerMinute: 240, concurrency: 8 }) // Right({ requestsPerMinute: 240, concurrency: 2 })
 */
export const rateLimit = (options: RateLimitOptions | undefined, vendorDefault: RateLimit): E.Either<FieldProblem, RateLimit | undefined> => {
  if (options === false) return E.right(undefined)
  const limit = { ...vendorDefault, ...options }
  const bad = Object.entries(limit).find(([, v]) => typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
  return bad === undefined ? E.right({ ...limit, concurrency: Math.ceil(limit.concurrency) }) : E.left({ path: `rateLimit.${bad[0]}`, message: 'must be a number > 0' })
}

/**
 * A scheduler for a limit; without one, tasks run at once. `clock` is for tests.
 * @example
 * const scheduler = createScheduler({ requestsPerMinute: 240, concurrency: 8 })
 */
export const createScheduler = (limit: RateLimit | undefined, clock: Clock = systemClock): Scheduler => {
  if (limit === undefined) return { schedule: (task, signal) => (signal?.aborted ? Promise.reject(signal.reason) : task()), slowDown: () => undefined, recover: () => undefined, spacingMs: () => 0 }
  const base = (60_000 / limit.requestsPerMinute) * (1 + HEADROOM)
  let interval = base
  let lastSlowDown = -Infinity
  let lastStart = -Infinity
  let nextSlot = -Infinity
  let active = 0
  let waitingForTimer = false
  const waiting: Array<() => void> = []
  const pump = () => {
    while (!waitingForTimer && active < limit.concurrency && waiting.length > 0) {
      const now = clock.now()
      // The timeline's next slot, but never closer to the previous actual start than the spacing less the catch-up.
      const due = Math.max(nextSlot, lastStart + interval - CATCH_UP_MS)
      if (due > now) {
        waitingForTimer = true
        clock.setTimeout(() => {
          waitingForTimer = false
          pump()
        }, due - now)
        return
      }
      lastStart = now
      nextSlot = due + interval
      active++
      waiting.shift()!()
    }
  }
  return {
    schedule: <A>(task: () => Promise<A>, signal?: AbortSignal) =>
      new Promise<A>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason)
        const leave = () => {
          const at = waiting.indexOf(start)
          if (at >= 0) waiting.splice(at, 1)
          reject(signal?.reason)
        }
        const start = () => {
          stop()
          task()
            .then(resolve, reject)
            .finally(() => {
              active--
              pump()
            })
        }
        const stop = whenAborted(signal, leave)
        waiting.push(start)
        pump()
      }),
    slowDown: () => {
      const now = clock.now()
      if (now - lastSlowDown < interval) return
      lastSlowDown = now
      interval = Math.min(interval * 2, base * MAX_SLOWDOWN)
    },
    recover: () => {
      interval = Math.max(base, interval * RECOVERY)
    },
    spacingMs: () => interval,
  }
}
