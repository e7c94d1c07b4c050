/**
 * The Webshare fake's proxy stats (vendor sheet §8): hourly rows of the traffic its control
 * hooks booked, hours without traffic left out, projected rows for hours to come, and their
 * aggregate. `timestamp__gte` may not be older than 90 days; it must be before `timestamp__lte`.
 */
import type { FakeRequest, FakeResponse } from '../../../src/adapter'
import { HOUR_MS, formatHour, hourOf, parseDateTime } from './datetime'
import { fieldErrors, json, type FieldErrorShape, type Problems } from './replies'

const DAY_MS = 86_400_000
/** Oldest stats served, from now. */
const HISTORY_MS = 90 * DAY_MS
/** Latest projection served, from now (the fake's subscription end). */
const PROJECTION_MS = 31 * DAY_MS
/** Requests counted per hour row: one per 64 KiB started (the fake books bytes, not requests). */
const BYTES_PER_REQUEST = 65_536

/** One hourly row as the stats list renders it. */
interface Row {
  readonly hour: number
  readonly projected: boolean
  readonly bytes: number
}

/**
 * The rows of a stats query over `hourly` (hour start → bytes), or the 400 that refuses it.
 * Without `timestamp__gte` the window starts `defaultFrom`; without `timestamp__lte` it
 * ends a month later (projections included).
 */
const rowsOf = (req: FakeRequest, hourly: ReadonlyMap<number, number>, now: number, defaultFrom: number, shape: FieldErrorShape): { readonly rows: ReadonlyArray<Row> } | { readonly reply: FakeResponse } => {
  const problems: Record<string, Array<{ message: string; code: string }>> = {}
  const read = (name: string, fallback: number): number | undefined => {
    const raw = req.query.get(name)
    if (raw === null || raw === '') return fallback
    const at = parseDateTime(raw)
    if (at === undefined) problems[name] = [{ message: 'Enter a valid date/time.', code: 'invalid' }]
    return at
  }
  const gte = read('timestamp__gte', defaultFrom)
  const lte = read('timestamp__lte', (gte ?? defaultFrom) + 30 * DAY_MS)
  if (gte !== undefined && lte !== undefined) {
    if (gte >= lte) problems['timestamp__gte'] = [{ message: 'Must be before timestamp__lte.', code: 'invalid' }]
    else if (gte < now - HISTORY_MS) problems['timestamp__gte'] = [{ message: 'Cannot be older than 90 days from today.', code: 'invalid' }]
  }
  if (Object.keys(problems).length > 0 || gte === undefined || lte === undefined) return { reply: fieldErrors(problems as Problems, shape) }
  const real = [...hourly]
    .filter(([hour, bytes]) => bytes > 0 && hour >= gte && hour <= lte && hour <= now)
    .sort(([a], [b]) => a - b)
    .map(([hour, bytes]): Row => ({ hour, projected: false, bytes }))
  // Hours to come, each projected at the average of the last 24 hours.
  const current = hourOf(now)
  const lastDay = [...hourly].filter(([hour]) => hour > current - 24 * HOUR_MS && hour <= current).reduce((sum, [, bytes]) => sum + bytes, 0)
  const projected: Row[] = []
  for (let hour = current + HOUR_MS; hour <= Math.min(lte, now + PROJECTION_MS); hour += HOUR_MS) {
    if (hour >= gte) projected.push({ hour, projected: true, bytes: Math.round(lastDay / 24) })
  }
  return { rows: [...real, ...projected] }
}

const requestsOf = (row: Row): number => Math.ceil(row.bytes / BYTES_PER_REQUEST)

/** A row as Webshare writes it; a projected one has empty breakdowns and null averages. */
const renderRow = (row: Row) => {
  const requests = requestsOf(row)
  return {
    timestamp: formatHour(row.hour),
    is_projected: row.projected,
    bandwidth_total: row.bytes,
    bandwidth_average: requests === 0 ? 0 : Math.round(row.bytes / requests),
    requests_total: requests,
    requests_successful: requests,
    requests_failed: 0,
    error_reasons: [],
    countries_used: {},
    number_of_proxies_used: 0,
    protocols_used: {},
    average_concurrency: row.projected ? null : 0,
    average_rps: row.projected ? null : requests / 3_600,
  }
}

/**
 * `GET /api/v2/stats/`: a bare array of hourly rows, oldest first (not paginated).
 * @example
 * statsList(req, new Map([[Date.parse('2025-03-02T10:00:00Z'), 5000]]), Date.now(), 0, 'objects').body // [{ timestamp: '2025-03-02T03:00:00-07:00', is_projected: false, bandwidth_total: 5000, … }]
 */
export const statsList = (req: FakeRequest, hourly: ReadonlyMap<number, number>, now: number, defaultFrom: number, shape: FieldErrorShape): FakeResponse => {
  const r = rowsOf(req, hourly, now, defaultFrom, shape)
  return 'reply' in r ? r.reply : json(200, r.rows.map(renderRow))
}

/**
 * `GET /api/v2/stats/aggregate/`: the same rows added up; `bandwidth_projected` counts the
 * real traffic and the projected hours.
 * @example
 * statsAggregate(req, hourly, Date.now(), 0, 'objects').body // { bandwidth_total: 5000, bandwidth_projected: 5000, … }
 */
export const statsAggregate = (req: FakeRequest, hourly: ReadonlyMap<number, number>, now: number, defaultFrom: number, shape: FieldErrorShape): FakeResponse => {
  const r = rowsOf(req, hourly, now, defaultFrom, shape)
  if ('reply' in r) return r.reply
  const real = r.rows.filter((row) => !row.projected)
  const total = real.reduce((sum, row) => sum + row.bytes, 0)
  const requests = real.reduce((sum, row) => sum + requestsOf(row), 0)
  const last = real[real.length - 1]
  return json(200, {
    bandwidth_projected: r.rows.reduce((sum, row) => sum + row.bytes, 0),
    bandwidth_total: total,
    bandwidth_average: requests === 0 ? 0 : Math.round(total / requests),
    requests_total: requests,
    requests_successful: requests,
    requests_failed: 0,
    error_reasons: [],
    countries_used: {},
    number_of_proxies_used: 0,
    protocols_used: {},
    average_concurrency: null,
    average_rps: null,
    last_request_sent_at: last === undefined ? null : formatHour(last.hour + HOUR_MS - 1_000),
  })
}
