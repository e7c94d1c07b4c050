/**
 * The IPRoyal fake's usage report (vendor sheet §3.8, §6.12): `GET
 * /residential/data-usage-report` answers a CSV `date,traffic` of the days with usage, in the
 * unit, rounding and time zone asked; a bad parameter is a 422.
 */
import type { FakeRequest, FakeResponse } from '../../../src/adapter'
import { invalid } from './replies'
import type { UsageEvent } from './store'

const UNITS: Readonly<Record<string, number>> = { B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30 }
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether a `Y-m-d` date is a real calendar day. */
const isDay = (value: string): boolean => {
  const m = DAY.exec(value)
  if (m === null) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

/** The `Y-m-d` day of an instant in a time zone; undefined for a zone the runtime does not know. */
const dayIn = (zone: string): ((at: number) => string) | undefined => {
  try {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    return (at) => format.format(new Date(at))
  } catch {
    return undefined
  }
}

/**
 * The report for `hash` (the account's own: every sub-user's usage together): one row per day
 * of the range that had usage, oldest first; headers only when there is none.
 * @example
 * usageReport(req, events, (h) => h === accountHash || store.get(h) !== undefined, accountHash).body // 'date,traffic\n2025-03-01,1024\n'
 */
export const usageReport = (req: FakeRequest, events: ReadonlyArray<UsageEvent>, known: (hash: string) => boolean, accountHash: string): FakeResponse => {
  const q = (name: string) => req.query.get(name) ?? undefined
  const errors: Record<string, string[]> = {}
  const fail = (field: string, text: string) => {
    errors[field] = [...(errors[field] ?? []), text]
  }
  const required = (name: string, label: string) => {
    const v = q(name)
    if (v === undefined || v === '') fail(name, `The ${label} field is required.`)
    return v
  }
  const hash = required('hash', 'hash')
  const from = required('date_from', 'date from')
  const to = required('date_to', 'date to')
  const unit = required('measurement_unit', 'measurement unit')
  const rounding = required('rounding_decimal', 'rounding decimal')
  const zone = q('time_zone') ?? 'UTC'
  if (hash !== undefined && hash !== '' && !known(hash)) fail('hash', 'The selected hash is invalid.')
  if (from !== undefined && from !== '' && !isDay(from)) fail('date_from', 'The date from field must match the format Y-m-d.')
  if (to !== undefined && to !== '' && !isDay(to)) fail('date_to', 'The date to field must match the format Y-m-d.')
  if (from !== undefined && to !== undefined && isDay(from) && isDay(to) && to < from) fail('date_to', 'The date to field must be a date after or equal to date from.')
  if (unit !== undefined && unit !== '' && UNITS[unit] === undefined) fail('measurement_unit', 'The selected measurement unit is invalid.')
  if (rounding !== undefined && rounding !== '' && !/^\d+$/.test(rounding)) fail('rounding_decimal', 'The rounding decimal field must be an integer of at least 0.')
  const day = dayIn(zone)
  if (day === undefined) fail('time_zone', 'The time zone field must be a valid timezone.')
  if (Object.keys(errors).length > 0 || day === undefined) return invalid(errors)
  const perDay = new Map<string, number>()
  for (const e of events) {
    if (hash !== accountHash && e.hash !== hash) continue
    const d = day(e.at)
    if (d >= from! && d <= to!) perDay.set(d, (perDay.get(d) ?? 0) + e.bytes)
  }
  const digits = Math.min(Number(rounding), 20)
  const rows = [...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([d, bytes]) => `${d},${(bytes / UNITS[unit!]!).toFixed(digits)}`)
  return { status: 200, headers: { 'Content-Type': 'text/csv; charset=UTF-8' }, body: ['date,traffic', ...rows].join('\n') + '\n' }
}
