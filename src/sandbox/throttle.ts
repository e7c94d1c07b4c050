/**
 * A fake's rate limit as a sliding window of accepted requests, the way Django REST framework's
 * `SimpleRateThrottle` counts (the Webshare fake's own limit), and the sandbox's `requestsPerMinute`
 * fault for any fake. A refused request is not recorded, so it neither counts nor is applied.
 */

/**
 * A sliding-window limit.
 * @example
 * const throttle = createThrottle(240, 60_000)
 * throttle.admit(Date.now()) // { admitted: true }
 */
export interface Throttle {
  /** Records the request at `at` (epoch ms) if the window has room; otherwise how long until it has. */
  admit(at: number): { readonly admitted: true } | { readonly admitted: false; readonly waitMs: number }
  /** Forgets every recorded request. */
  clear(): void
}

/**
 * A throttle of `limit` requests per `windowMs`. The wait, as DRF computes it
 * when the window is full, is the time until the oldest recorded request
 * leaves the window.
 * @example
 * const throttle = createThrottle(1, 60_000)
 * throttle.admit(0)      // { admitted: true }
 * throttle.admit(20_000) // { admitted: false, waitMs: 40000 }
 */
export const createThrottle = (limit: number, windowMs: number): Throttle => {
  // Accepted instants, oldest first, from `head` on: expired ones are dropped from the front (no copy per request).
  let history: number[] = []
  let head = 0
  return {
    admit: (at) => {
      while (head < history.length && at - history[head]! >= windowMs) head++
      if (head > 1024 && head * 2 > history.length) {
        history = history.slice(head)
        head = 0
      }
      if (history.length - head >= limit) {
        const oldest = history[head]
        return { admitted: false, waitMs: oldest === undefined ? windowMs : windowMs - (at - oldest) }
      }
      history.push(at)
      return { admitted: true }
    },
    clear: () => {
      history = []
      head = 0
    },
  }
}
