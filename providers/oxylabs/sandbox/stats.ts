/**
 * The Oxylabs fake's stats endpoints (vendor sheet §3.3, §3.6, §7): traffic per period from
 * the hourly usage the control hook records, in the v1 shape (`traffic_by_period`) or, when
 * switched, the v2 one (`results` rows `{date, traffic}`). Periods are UTC: `time_zone` is
 * checked to be a time zone, then not applied.
 */
import type { FakeResponse } from '../../../src/adapter'
import type { FakeUsage, StoredSubUser } from './store'
import { failure } from './wire'

/**
 * Which stats shape the fake answers with.
 * @example
 * const shape: OxylabsStatsShape = 'v2'
 */
export type OxylabsStatsShape = 'v1' | 'v2'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** How many days back target stats reach. */
const TARGET_STATS_DAYS = 30
/** The longest custom range given with hours. */
const HOURLY_RANGE_MS = 7 * DAY_MS

const dayStart = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS
const hourStart = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS
const dayKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
const hourKey = (ms: number): string => new Date(ms).toISOString().slice(0, 13).replace('T', ' ')

const POINT = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}))?$/

/** `YYYY-MM-DD` or `YYYY-MM-DD HH` as an instant (UTC), and whether it names an hour. */
const parsePoint = (text: string | null): { readonly ms: number; readonly hourly: boolean } | undefined => {
  const m = POINT.exec(text ?? '')
  if (m === null) return undefined
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const hour = m[4] === undefined ? 0 : Number(m[4])
  const ms = Date.UTC(year, month - 1, day, hour)
  const d = new Date(ms)
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day && hour < 24 ? { ms, hourly: m[4] !== undefined } : undefined
}

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

interface Window {
  readonly from: number
  /** Exclusive. */
  readonly to: number
  readonly by: 'hour' | 'day'
}

const TYPES = ['24h', 'week', 'month', 'current_month', 'lifetime', 'custom']

/** The window a stats query asks for, or the 400 that refuses it. */
const windowOf = (user: StoredSubUser, query: URLSearchParams, now: number): Window | FakeResponse => {
  const type = query.get('type')
  if (type === null || type === '') return failure(400, 'type is required')
  if (!TYPES.includes(type)) return failure(400, `type must be one of ${TYPES.join(', ')}`)
  const zone = query.get('time_zone')
  if (zone !== null && !isTimeZone(zone)) return failure(400, 'time_zone is not a valid time zone')
  const endOfToday = dayStart(now) + DAY_MS
  switch (type) {
    case '24h':
      return { from: hourStart(now) - 23 * HOUR_MS, to: hourStart(now) + HOUR_MS, by: 'hour' }
    case 'week':
      return { from: dayStart(now) - 6 * DAY_MS, to: endOfToday, by: 'day' }
    case 'month':
      return { from: dayStart(now) - 29 * DAY_MS, to: endOfToday, by: 'day' }
    case 'current_month': {
      const d = new Date(now)
      return { from: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), to: endOfToday, by: 'day' }
    }
    case 'lifetime':
      return user.lifetime ? { from: dayStart(user.createdAt), to: endOfToday, by: 'day' } : failure(400, 'lifetime statistics are available only for sub-users with lifetime')
    default: {
      const from = parsePoint(query.get('date_from'))
      const to = parsePoint(query.get('date_to'))
      if (from === undefined || to === undefined) return failure(400, 'date_from and date_to are required for custom: YYYY-MM-DD or YYYY-MM-DD HH')
      if (from.ms > to.ms) return failure(400, 'date_from must not be after date_to')
      const hourly = from.hourly || to.hourly
      const end = to.ms + (hourly ? HOUR_MS : DAY_MS)
      if (hourly && end - from.ms > HOURLY_RANGE_MS) return failure(400, 'a range given with hours is limited to 7 days')
      return { from: from.ms, to: end, by: hourly ? 'hour' : 'day' }
    }
  }
}

/** Traffic per period key within a window (only periods with traffic), and its total. */
const grouped = (usage: ReadonlyArray<FakeUsage>, w: Window): { readonly total: number; readonly periods: ReadonlyArray<readonly [string, number]> } => {
  const periods = new Map<string, number>()
  let total = 0
  for (const u of usage) {
    if (u.hour < w.from || u.hour >= w.to) continue
    const key = w.by === 'hour' ? hourKey(u.hour) : dayKey(u.hour)
    periods.set(key, (periods.get(key) ?? 0) + u.gb)
    total += u.gb
  }
  return { total, periods: [...periods].sort(([a], [b]) => a.localeCompare(b)) }
}

/**
 * `GET …/sub-users/{id}?type=…`: the sub-user's traffic over the period, by hour (`24h`, a
 * custom range with hours) or by day.
 * @example
 * subUserStats(user, new URLSearchParams('type=week'), Date.now(), 'v1').body // { traffic: 0, traffic_by_period: {} }
 */
export const subUserStats = (user: StoredSubUser, query: URLSearchParams, now: number, shape: OxylabsStatsShape): FakeResponse => {
  const w = windowOf(user, query, now)
  if ('status' in w) return w
  const { total, periods } = grouped(user.usage, w)
  return shape === 'v1'
    ? { status: 200, body: { traffic: total, traffic_by_period: Object.fromEntries(periods) } }
    : { status: 200, body: { traffic: total, results: periods.map(([date, traffic]) => ({ date, traffic })) } }
}

/**
 * `GET …/sub-users/{id}/target-stats?date=YYYY-MM-DD`: traffic and requests per target on one
 * day of the last 30.
 * @example
 * targetStats(user, new URLSearchParams('date=2025-01-01'), Date.parse('2025-01-02T00:00:00Z'), 'v1').status // 200
 */
export const targetStats = (user: StoredSubUser, query: URLSearchParams, now: number, shape: OxylabsStatsShape): FakeResponse => {
  const date = query.get('date')
  const day = date === null || date.includes(' ') ? undefined : parsePoint(date)
  if (day === undefined) return failure(400, 'date is required: YYYY-MM-DD')
  if (day.ms > dayStart(now)) return failure(400, 'date must not be in the future')
  if (day.ms <= dayStart(now) - TARGET_STATS_DAYS * DAY_MS) return failure(400, `only the last ${TARGET_STATS_DAYS} days are available`)
  const byTarget = new Map<string, { traffic: number; requests: number }>()
  for (const u of user.usage) {
    if (dayStart(u.hour) !== day.ms) continue
    const held = byTarget.get(u.target) ?? { traffic: 0, requests: 0 }
    byTarget.set(u.target, { traffic: held.traffic + u.gb, requests: held.requests + u.requests })
  }
  const results = [...byTarget].sort(([a], [b]) => a.localeCompare(b)).map(([target, t]) => ({ date: dayKey(day.ms), target, traffic: t.traffic, requests: t.requests }))
  if (shape === 'v1') return { status: 200, body: { results } }
  return { status: 200, body: { traffic: results.reduce((n, r) => n + r.traffic, 0), requests: results.reduce((n, r) => n + r.requests, 0), results } }
}

/**
 * `GET /users/{userId}/client-stats`: the whole account's traffic in the current month, GB.
 * @example
 * clientStats(users, Date.parse('2025-01-15T00:00:00Z')).body // { traffic: 0, date_from: '2025-01-01', date_to: '2025-01-15' }
 */
export const clientStats = (users: ReadonlyArray<StoredSubUser>, now: number): FakeResponse => {
  const d = new Date(now)
  const from = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
  const traffic = users.reduce((sum, u) => sum + grouped(u.usage, { from, to: dayStart(now) + DAY_MS, by: 'day' }).total, 0)
  return { status: 200, body: { traffic, date_from: dayKey(from), date_to: dayKey(now) } }
}
