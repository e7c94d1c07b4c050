/**
 * What `usage` prints: a table of the days with the total in human sizes, a small chart of
 * the days above it on a terminal (asciichart), JSON or YAML (`-o`), or CSV (`--csv`).
 */
import { plot } from 'asciichart'
import type { DailyUsage, ProviderId } from '../src/domain'
import { dataText, isData, TABLE, type View } from './output'

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const

/** The unit a byte count reads best in, and its size. */
const unitFor = (bytes: number): { readonly name: (typeof UNITS)[number]; readonly size: number } => {
  let i = 0
  while (i < UNITS.length - 1 && bytes >= 1024 ** (i + 1)) i++
  return { name: UNITS[i]!, size: 1024 ** i }
}

/**
 * A byte count for people, in 1024s, with at most one decimal (trailing `.0` left out).
 * @example
 * humanBytes(0)          // '0B'
 * humanBytes(1536)       // '1.5KiB'
 * humanBytes(73_400_320) // '70MiB'
 */
export const humanBytes = (bytes: number): string => {
  const { name, size } = unitFor(bytes)
  return `${Number((bytes / size).toFixed(1))}${name}`
}

/** Most points the chart draws: a longer range is drawn as the mean of consecutive days. @example CHART_POINTS === 60 */
export const CHART_POINTS = 60

/**
 * A chart of the days (asciichart), the values in the unit of the busiest day; more than
 * {@link CHART_POINTS} days are drawn as the means of groups of consecutive days. Empty for
 * fewer than two days.
 * @example
 * usageChart(days) // '   2.0MiB ┤ ╭╮\n   1.0MiB ┤╭╯╰ ...'
 */
export const usageChart = (days: ReadonlyArray<DailyUsage>): string => {
  if (days.length < 2) return ''
  const group = Math.ceil(days.length / CHART_POINTS)
  const points: number[] = []
  for (let i = 0; i < days.length; i += group) {
    const part = days.slice(i, i + group)
    points.push(part.reduce((sum, d) => sum + d.bytes, 0) / part.length)
  }
  const { name, size } = unitFor(Math.max(...points))
  const chart = plot(
    points.map((p) => p / size),
    { height: 8, format: (x: number) => `${x.toFixed(1).padStart(7)}${name.padEnd(3)} ` },
  )
  const caption = group === 1 ? 'per day' : `per day, each point the mean of ${group} days`
  return `${chart}\n${' '.repeat(12)}${days[0]!.date} … ${days[days.length - 1]!.date} (${caption})\n\n`
}

/**
 * The usage as `-o json|yaml` prints it: the range, the total and the days, in bytes.
 * @example
 * usageToJson('thordata', 'alice001', days).totalBytes // 3072
 */
export const usageToJson = (provider: ProviderId, id: string, days: ReadonlyArray<DailyUsage>) => ({
  provider,
  subUserId: id,
  from: days[0]?.date ?? null,
  to: days[days.length - 1]?.date ?? null,
  totalBytes: days.reduce((sum, d) => sum + d.bytes, 0),
  days: days.map((d) => ({ date: d.date, bytes: d.bytes })),
})

/**
 * The usage as `--csv` prints it: a `date,bytes` header, then one line per day.
 * @example
 * usageCsv([{ date: '2025-03-02', bytes: 1024 }]) // 'date,bytes\n2025-03-02,1024\n'
 */
export const usageCsv = (days: ReadonlyArray<DailyUsage>): string => `date,bytes\n${days.map((d) => `${d.date},${d.bytes}\n`).join('')}`

/**
 * The output of `usage`: on a terminal a chart of the days, then a table of the days in human
 * sizes and the total; or the JSON or YAML of {@link usageToJson}.
 * @example
 * renderUsage('thordata', 'alice001', days, false) // 'DATE        USED\n2025-03-01  0B\n...\ntotal       3KiB over 2 days\n'
 */
export const renderUsage = (provider: ProviderId, id: string, days: ReadonlyArray<DailyUsage>, chart: boolean, view: View = TABLE): string => {
  if (isData(view.format)) return dataText(usageToJson(provider, id, days), view.format)
  const total = days.reduce((sum, d) => sum + d.bytes, 0)
  const rows = days.map((d) => `${d.date}  ${humanBytes(d.bytes)}\n`).join('')
  const summary = `${view.paint.bold('total'.padEnd(10))}  ${humanBytes(total)} over ${days.length} day${days.length === 1 ? '' : 's'} (${total} bytes)\n`
  return `${chart ? usageChart(days) : ''}${view.paint.bold(`${'DATE'.padEnd(10)}  USED`)}\n${rows}${summary}`
}
