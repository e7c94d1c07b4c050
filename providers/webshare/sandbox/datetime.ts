/**
 * Date-times as the Webshare fake writes and reads them: Django REST
 * framework's ISO 8601 with microseconds and an offset, in the vendor's zone.
 */

/** The offset every date-time is written in: the one of the vendor's own example (vendor sheet §2), fixed (no daylight saving time). */
const FAKE_UTC_OFFSET = '-07:00'
const OFFSET_MS = -7 * 3_600_000

/**
 * An instant (epoch ms) as DRF renders it: microseconds and {@link FAKE_UTC_OFFSET}.
 * @example
 * formatDateTime(Date.parse('2025-04-01T17:00:00.123Z')) // '2025-04-01T10:00:00.123000-07:00'
 */
export const formatDateTime = (ms: number): string => `${new Date(ms + OFFSET_MS).toISOString().slice(0, 23)}000${FAKE_UTC_OFFSET}`

/**
 * The start of an hour as proxy stats write it: whole seconds and {@link FAKE_UTC_OFFSET}.
 * @example
 * formatHour(Date.parse('2022-08-12T00:00:00Z')) // '2022-08-11T17:00:00-07:00'
 */
export const formatHour = (ms: number): string => `${new Date(ms + OFFSET_MS).toISOString().slice(0, 19)}${FAKE_UTC_OFFSET}`

/** One hour in milliseconds. @example HOUR_MS === 3_600_000 */
export const HOUR_MS = 3_600_000

/**
 * The start of the hour an instant falls in (hours start on the hour in the fake's zone too).
 * @example
 * hourOf(Date.parse('2025-03-02T10:42:00Z')) === Date.parse('2025-03-02T10:00:00Z')
 */
export const hourOf = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/

/**
 * Reads a date-time the way Django's `parse_datetime` does: `T` or a space,
 * optional seconds and fraction (sub-millisecond digits are dropped), `Z` or
 * an offset; without one it is in the fake's zone. Undefined when invalid.
 * @example
 * parseDateTime('2025-04-01T10:00:00.123456-07:00') // 1743526800123
 * parseDateTime('2025-02-30T00:00:00Z')             // undefined
 */
export const parseDateTime = (value: string): number | undefined => {
  const m = DATE_TIME.exec(value.trim())
  if (m === null) return undefined
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone] = m
  const fields = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number]
  const [year, month, day, hour, minute, second] = fields
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)))
  const check = new Date(local)
  const valid =
    check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day && hour < 24 && minute < 60 && second < 60
  return valid ? local - offsetMs(zone) : undefined
}

const offsetMs = (zone: string | undefined): number => {
  if (zone === undefined) return OFFSET_MS
  if (zone === 'Z') return 0
  const digits = zone.slice(1).replace(':', '')
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')
  return (zone.startsWith('-') ? -1 : 1) * minutes * 60_000
}

/**
 * One calendar month later in the fake's zone, clamped to the month's last
 * day as `relativedelta(months=1)` does (31 January → 28 or 29 February).
 * @example
 * formatDateTime(addOneMonth(Date.parse('2025-01-31T17:00:00Z'))) // '2025-02-28T10:00:00.000000-07:00'
 */
export const addOneMonth = (ms: number): number => {
  const local = new Date(ms + OFFSET_MS)
  const year = local.getUTCFullYear()
  const month = local.getUTCMonth() + 1
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const moved = Date.UTC(year, month, Math.min(local.getUTCDate(), lastDay), local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds())
  return moved - OFFSET_MS
}
