/**
 * Usage by UTC day, the same on every vendor: the range checked before any request (real
 * `YYYY-MM-DD` dates, `from` ≤ `to`, not in the future, not older than the vendor keeps),
 * split into the vendor's longest window per call, and the vendor's samples (days, or hours
 * to be summed) made into one row per day, oldest first, days without traffic as 0.
 */
import * as E from 'fp-ts/Either'
import type { UsageCapabilities } from './capabilities'
import type { DailyUsage, ProviderId, UsageRange } from './domain'
import { SubUserError, validationError, type FieldProblem } from './errors'
import { isoDateMillis } from './datetime'
import { snapshot } from './snapshot'

/** One day in milliseconds. @example DAY_MS === 86_400_000 */
export const DAY_MS = 86_400_000


/**
 * A `YYYY-MM-DD` calendar date as UTC midnight in epoch ms; undefined when it is not one.
 * @example
 * parseUtcDay('2025-03-02') // 1740873600000
 * parseUtcDay('2025-02-30') // undefined
 */
export const parseUtcDay = (value: unknown): number | undefined => {
  const ms = typeof value === 'string' ? isoDateMillis(value) : NaN
  return Number.isNaN(ms) ? undefined : ms
}

/**
 * The UTC calendar date of an instant, `YYYY-MM-DD`.
 * @example
 * utcDay(Date.parse('2025-03-02T23:30:00-07:00')) // '2025-03-03'
 */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/**
 * Checks a usage range before any request: both dates real `YYYY-MM-DD` days, `from` not
 * after `to`, `to` not after today (UTC, by `now`), and `from` within the days the vendor
 * keeps. Each problem is a `validation` error field naming the vendor's rule.
 * @example
 * checkRange('webshare', { historyDays: 90, windowDays: null }, { from: '2020-01-01', to: '2020-01-02' }, Date.now())
 * // Left(validation: from webshare keeps usage for the last 90 days (today, UTC, included): must be on or after ...)
 */
export const checkRange = (provider: ProviderId, capabilities: UsageCapabilities, range: unknown, now: number): E.Either<SubUserError, UsageRange> => {
  const read = snapshot(range, ['from', 'to'])
  if (E.isLeft(read)) return E.left(validationError(provider, 'usage', [{ path: 'range', message: read.left }]))
  const r = read.right
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return E.left(validationError(provider, 'usage', [{ path: 'range', message: 'must be an object of from and to' }]))
  const { from, to } = r as Record<string, unknown>
  const fromMs = parseUtcDay(from)
  const toMs = parseUtcDay(to)
  const problems: FieldProblem[] = []
  if (fromMs === undefined) problems.push({ path: 'from', message: 'must be a date as YYYY-MM-DD' })
  if (toMs === undefined) problems.push({ path: 'to', message: 'must be a date as YYYY-MM-DD' })
  if (fromMs === undefined || toMs === undefined) return E.left(validationError(provider, 'usage', problems))
  const today = parseUtcDay(utcDay(now)) as number
  if (fromMs > toMs) problems.push({ path: 'from', message: 'must not be after to' })
  if (toMs > today) problems.push({ path: 'to', message: `must not be after today (${utcDay(today)}, UTC): usage of days to come is not known` })
  if (capabilities.historyDays !== null) {
    const oldest = today - (capabilities.historyDays - 1) * DAY_MS
    if (fromMs < oldest) {
      problems.push({ path: 'from', message: `must be on or after ${utcDay(oldest)}: ${provider} keeps usage for the last ${capabilities.historyDays} days (today, UTC, included)` })
    }
  }
  return problems.length > 0 ? E.left(validationError(provider, 'usage', problems)) : E.right({ from: from as string, to: to as string })
}

/**
 * Every day of a range, oldest first.
 * @example
 * daysOf({ from: '2025-02-27', to: '2025-03-01' }) // ['2025-02-27', '2025-02-28', '2025-03-01']
 */
export const daysOf = (range: UsageRange): ReadonlyArray<string> => {
  const from = parseUtcDay(range.from) as number
  const to = parseUtcDay(range.to) as number
  return Array.from({ length: Math.round((to - from) / DAY_MS) + 1 }, (_, i) => utcDay(from + i * DAY_MS))
}

/**
 * A range split into consecutive windows of at most `windowDays` days (null: the whole range).
 * @example
 * usageWindows({ from: '2025-01-01', to: '2025-01-10' }, 4)
 * // [{ from: '2025-01-01', to: '2025-01-04' }, { from: '2025-01-05', to: '2025-01-08' }, { from: '2025-01-09', to: '2025-01-10' }]
 */
export const usageWindows = (range: UsageRange, windowDays: number | null): ReadonlyArray<UsageRange> => {
  if (windowDays === null) return [range]
  const days = daysOf(range)
  const windows: UsageRange[] = []
  for (let i = 0; i < days.length; i += windowDays) windows.push({ from: days[i]!, to: days[Math.min(i + windowDays, days.length) - 1]! })
  return windows
}

/**
 * What a vendor reports: the traffic of a day (`YYYY-MM-DD`, UTC), or of a period starting at
 * an instant (an hour), to be summed into its UTC day. Bytes are whole and ≥ 0.
 * @example
 * const day: UsageSample = { day: '2025-03-02', bytes: 1024 }
 * const hour: UsageSample = { at: new Date('2025-03-02T17:00:00-07:00'), bytes: 512 }
 */
export type UsageSample = { readonly day: string; readonly bytes: number } | { readonly at: Date; readonly bytes: number }

/**
 * One row per day of the range, oldest first: each day the sum of its samples (hours summed
 * into their UTC day, repeated days added), 0 where there are none. A sample outside the range,
 * on no real day, or of bytes that are not a whole number ≥ 0 is a `vendor` error: the vendor
 * answered something other than what was asked.
 * @example
 * dailyUsage('webshare', 'usage', { from: '2025-03-01', to: '2025-03-02' }, [{ at: new Date('2025-03-02T01:00:00Z'), bytes: 5 }, { at: new Date('2025-03-02T02:00:00Z'), bytes: 7 }])
 * // Right([{ date: '2025-03-01', bytes: 0 }, { date: '2025-03-02', bytes: 12 }])
 */
export const dailyUsage = (provider: ProviderId, range: UsageRange, samples: Iterable<UsageSample>): E.Either<SubUserError, ReadonlyArray<DailyUsage>> => {
  const totals = new Map(daysOf(range).map((day) => [day, 0]))
  for (const sample of samples) {
    const day = 'day' in sample ? (parseUtcDay(sample.day) === undefined ? undefined : sample.day) : Number.isNaN(sample.at.getTime()) ? undefined : utcDay(sample.at.getTime())
    const held = day === undefined ? undefined : totals.get(day)
    if (held === undefined) return E.left(strayError(provider, day === undefined ? 'a sample on no real day' : `usage for ${day}, outside ${range.from} to ${range.to}`))
    if (!Number.isSafeInteger(sample.bytes) || sample.bytes < 0) return E.left(strayError(provider, `a traffic figure for ${day} that is not a whole number of bytes`))
    totals.set(day as string, held + sample.bytes)
  }
  return E.right([...totals].map(([date, bytes]) => ({ date, bytes })))
}

const strayError = (provider: ProviderId, what: string): SubUserError =>
  new SubUserError({ kind: 'vendor', provider, operation: 'usage', retryable: false, message: `${provider} usage: the vendor answered ${what}` })
