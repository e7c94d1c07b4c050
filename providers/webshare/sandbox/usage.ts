/**
 * How the Webshare fake books traffic: per hour, so that proxy stats can list it, with the
 * sub-user's `bandwidth_total` always the sum of its hours.
 */
import { hourOf } from './datetime'
import type { StoredSubUser } from './store'

/**
 * The sub-user with `bytes` more traffic in the hour of `at`.
 * @example
 * withTraffic(stored, 5000, Date.parse('2025-03-02T10:42:00Z')).hourly.get(Date.parse('2025-03-02T10:00:00Z')) // 5000 more
 */
export const withTraffic = (s: StoredSubUser, bytes: number, at: number): StoredSubUser => {
  const hourly = new Map(s.hourly)
  const hour = hourOf(at)
  hourly.set(hour, (hourly.get(hour) ?? 0) + bytes)
  return { ...s, hourly, bandwidthTotal: s.bandwidthTotal + bytes }
}

/**
 * The sub-user with a total of `bytes`: a rise is booked in the current hour; a fall (a
 * reset) leaves only the current hour, holding the new total.
 * @example
 * withTotal(stored, 73_400_320, Date.now()).bandwidthTotal // 73400320
 */
export const withTotal = (s: StoredSubUser, bytes: number, now: number): StoredSubUser =>
  bytes >= s.bandwidthTotal
    ? withTraffic(s, bytes - s.bandwidthTotal, now)
    : { ...s, hourly: new Map(bytes === 0 ? [] : [[hourOf(now), bytes]]), bandwidthTotal: bytes }

/**
 * Every hour of several sub-users added up (the account's own stats: its sub-users' traffic).
 * @example
 * mergedHours(store.inPlan(null)).size
 */
export const mergedHours = (subUsers: ReadonlyArray<StoredSubUser>): ReadonlyMap<number, number> => {
  const merged = new Map<number, number>()
  for (const s of subUsers) for (const [hour, bytes] of s.hourly) merged.set(hour, (merged.get(hour) ?? 0) + bytes)
  return merged
}
