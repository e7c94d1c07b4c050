/**
 * One line of `bench/results.json` and of the README table, and the goals a
 * line is judged against.
 */

/**
 * A measured figure. `baseline` and `ratio` (value / baseline) are there when
 * the figure was measured side by side with a baseline; `met` is null when
 * there is no goal.
 * @example
 * const r: BenchResult = { name: 'webshare get p50', value: 1.2, unit: 'ms', goal: 'ratio ≤ 1.15', met: true, baseline: 1.1, ratio: 1.09 }
 */
export interface BenchResult {
  readonly name: string
  readonly value: number
  readonly unit: string
  readonly goal: string
  readonly met: boolean | null
  readonly baseline?: number
  readonly ratio?: number
  /** Set when the figure could not be measured on this machine: why (then `value` is 0 and `met` null). */
  readonly skipped?: string
}

/**
 * What a figure must reach: a text for the table and the check.
 * @example
 * const g: Goal = ratioAtMost(1.15)
 */
export interface Goal {
  readonly text: string
  readonly met: (value: number, ratio: number | undefined) => boolean | null
}

/** The ratio to the baseline at most `limit`. @example ratioAtMost(1.15).met(1, 1.1) // true */
export const ratioAtMost = (limit: number): Goal => ({ text: `ratio ≤ ${limit}`, met: (_, ratio) => (ratio === undefined ? null : ratio <= limit) })

/** The value at most `limit` (in the figure's unit). @example atMost(64, 'MB').text // '≤ 64 MB' */
export const atMost = (limit: number, unit: string): Goal => ({ text: `≤ ${limit} ${unit}`, met: (value) => value <= limit })

/** The value at least `limit`. @example atLeast(250_000, 'records/s').met(300_000, undefined) // true */
export const atLeast = (limit: number, unit: string): Goal => ({ text: `≥ ${limit.toLocaleString('en-US')} ${unit}`, met: (value) => value >= limit })

/** The ratio to the baseline at least `limit`. @example ratioAtLeast(1).met(300_000, 1.2) // true */
export const ratioAtLeast = (limit: number): Goal => ({ text: `ratio ≥ ${limit.toFixed(1)}`, met: (_, ratio) => (ratio === undefined ? null : ratio >= limit) })

/** Every goal met (none unknown). @example allOf(atLeast(250_000, 'records/s'), ratioAtLeast(1)).text // '≥ 250,000 records/s and ratio ≥ 1.0' */
export const allOf = (...goals: ReadonlyArray<Goal>): Goal => ({
  text: goals.map((g) => g.text).join(' and '),
  met: (value, ratio) => {
    const verdicts = goals.map((g) => g.met(value, ratio))
    return verdicts.includes(null) ? null : verdicts.every(Boolean)
  },
})

/** No goal: the figure is reported only. @example reportOnly.met(1, 2) // null */
export const reportOnly: Goal = { text: 'none (reported)', met: () => null }

/**
 * A result line, with its ratio when a baseline is given.
 * @example
 * result('webshare get p50', 1.2, 'ms', ratioAtMost(1.15), 1.1) // { ..., ratio: 1.09, met: true }
 */
export const result = (name: string, value: number, unit: string, goal: Goal, baseline?: number): BenchResult => {
  const ratio = baseline === undefined || baseline === 0 ? undefined : round(value / baseline, 3)
  return {
    name,
    value: round(value, 3),
    unit,
    goal: goal.text,
    met: goal.met(value, ratio),
    ...(baseline === undefined ? {} : { baseline: round(baseline, 3) }),
    ...(ratio === undefined ? {} : { ratio }),
  }
}

/** Rounds to `digits` significant decimals, keeping large numbers whole. */
const round = (n: number, digits: number): number => (Math.abs(n) >= 1000 ? Math.round(n) : Number(n.toFixed(digits)))

/**
 * The line of a figure that could not be measured here, with the reason recorded.
 * @example
 * skippedResult('4 × 250 creates sharing one limit: wall time vs N/rate', 'ratio ≤ 1.1', 'no Redis: redis-server is not installed')
 */
export const skippedResult = (name: string, goal: string, reason: string): BenchResult => ({ name, value: 0, unit: '', goal, met: null, skipped: reason })
