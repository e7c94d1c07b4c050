/**
 * The scheduler of a provider that has `coordination`: request starts come
 * from the account's shared schedule (one timeline for every process, spaced
 * as the in-process scheduler spaces them, doubling when any process is told
 * "too many"), while the cap on requests in flight stays this process's own.
 *
 * A start is held to its slot: one whose timer fires more than
 * {@link LATE_START_MS} after the slot (a busy event loop, a loaded machine)
 * gives that slot up and takes the next free one, at most
 * {@link MAX_RESERVATIONS} times. Otherwise late starts of some processes
 * would bunch up with the timely ones of others, and a sliding-window limit
 * on the vendor's side counts bunches; a slot given up only leaves a gap.
 */
import { HEADROOM, MAX_SLOWDOWN, RECOVERY, type Clock, type RateLimit, type Scheduler } from '../rate-limit'
import type { PaceRule, SharedPacer } from './types'
import { whenAborted } from '../abort'

/** How late after its slot a start may still go. @example LATE_START_MS === 5 */
export const LATE_START_MS = 5
/** How many slots one start reserves at most (the last one is kept however late). @example MAX_RESERVATIONS === 3 */
export const MAX_RESERVATIONS = 3

const systemClock: Clock = { now: () => performance.now(), setTimeout: (run, ms) => setTimeout(run, ms) }

/**
 * The shared schedule's rule for a limit: the in-process scheduler's spacing
 * ({@link HEADROOM} slower than the limit), slowing down to {@link MAX_SLOWDOWN}
 * times it and recovering by {@link RECOVERY}.
 * @example
 * paceRule({ requestsPerMinute: 240, concurrency: 8 }) // { spacingMs: 257.5, maxSpacingMs: 2060, recovery: 0.9 }
 */
export const paceRule = (limit: RateLimit): PaceRule => {
  const spacingMs = (60_000 / limit.requestsPerMinute) * (1 + HEADROOM)
  return { spacingMs, maxSpacingMs: spacingMs * MAX_SLOWDOWN, recovery: RECOVERY }
}

/**
 * A scheduler whose starts come from a shared pacer. A task waits for a place
 * among the `concurrency` in flight, then reserves its start and waits for it;
 * a pacer failure rejects the task (it never runs: no fallback to local pacing).
 * An abort while waiting rejects with the signal's reason.
 * @example
 * const scheduler = createSharedScheduler({ requestsPerMinute: 240, concurrency: 8 }, coordination.pacer(account, rule))
 */
export const createSharedScheduler = (limit: RateLimit, pacer: SharedPacer, clock: Clock = systemClock): Scheduler => {
  const base = paceRule(limit).spacingMs
  let spacing = base
  let active = 0
  const waiting: Array<() => void> = []
  const release = () => {
    active--
    const next = waiting.shift()
    if (next !== undefined) {
      active++
      next()
    }
  }
  /** Resolves once this task has a place in flight; `leave` gives up a place not yet granted. */
  const place = (signal: AbortSignal | undefined): Promise<void> =>
    new Promise((resolve, reject) => {
      if (active < limit.concurrency) {
        active++
        return resolve()
      }
      const granted = () => {
        stop()
        resolve()
      }
      const leave = () => {
        const at = waiting.indexOf(granted)
        if (at >= 0) waiting.splice(at, 1)
        reject(signal?.reason)
      }
      const stop = whenAborted(signal, leave)
      waiting.push(granted)
    })
  const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
    new Promise((resolve, reject) => {
      if (ms <= 0) return resolve()
      let done = false
      const onAbort = () => {
        if (done) return
        done = true
        reject(signal?.reason)
      }
      const stop = whenAborted(signal, onAbort)
      clock.setTimeout(() => {
        if (done) return
        done = true
        stop()
        resolve()
      }, ms)
    })
  /**
   * The reservation, as the instant of the slot on this process's clock (the
   * backend's answer taken to hold halfway through the round trip), given up
   * (rejecting) as soon as the signal aborts.
   */
  const reserve = (signal: AbortSignal | undefined): Promise<number> =>
    new Promise((resolve, reject) => {
      const stop = whenAborted(signal, () => reject(signal?.reason))
      const sent = clock.now()
      pacer.reserve().then(
        (slot) => {
          stop()
          spacing = slot.spacingMs
          const answered = clock.now()
          resolve((sent + answered) / 2 + slot.waitMs)
        },
        (e: unknown) => {
          stop()
          reject(e)
        },
      )
    })
  return {
    schedule: async <A>(task: () => Promise<A>, signal?: AbortSignal): Promise<A> => {
      if (signal?.aborted) throw signal.reason
      await place(signal)
      try {
        for (let reserved = 1; ; reserved++) {
          const at = await reserve(signal)
          await sleep(at - clock.now(), signal)
          if (clock.now() - at <= LATE_START_MS || reserved >= MAX_RESERVATIONS) break
        }
        if (signal?.aborted) throw signal.reason
        return await task()
      } finally {
        release()
      }
    },
    // Errors of these two are dropped: the next reservation fails loudly if the backend is gone.
    slowDown: () => {
      void pacer.slowDown().catch(() => undefined)
    },
    recover: () => {
      if (spacing > base) void pacer.recover().catch(() => undefined)
    },
    spacingMs: () => spacing,
  }
}
