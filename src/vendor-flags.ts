/**
 * Readers for the values of vendors' CLI flags (see {@link CliFlag}), shared so that every
 * vendor reads a number or a list the same way.
 */
import type { CliFlag } from './vendor'

type Parsed = ReturnType<NonNullable<CliFlag['parse']>>

/**
 * A whole number, such as `--max-threads 50`.
 * @example
 * wholeNumberFlag('50') // { ok: true, value: 50 }
 */
export const wholeNumberFlag = (text: string): Parsed => {
  const n = Number(text)
  return /^\d+$/.test(text.trim()) && Number.isSafeInteger(n) ? { ok: true, value: n } : { ok: false, message: 'It must be a whole number.' }
}

const COUNTRY = /^([A-Za-z]{2})=(\d+)$/

/**
 * `CODE=COUNT` pairs separated by commas (codes upper-cased), or `none` (null).
 * @example
 * countryCountsFlag('US=10,zz=5') // { ok: true, value: { US: 10, ZZ: 5 } }
 * countryCountsFlag('none')       // { ok: true, value: null }
 */
export const countryCountsFlag = (text: string): Parsed => {
  if (text.trim().toLowerCase() === 'none') return { ok: true, value: null }
  const counts: Record<string, number> = {}
  for (const pair of text.split(',')) {
    const match = COUNTRY.exec(pair.trim())
    if (match === null) return { ok: false, message: 'It must be CODE=COUNT pairs such as US=10,ZZ=5, or none.' }
    const code = (match[1] ?? '').toUpperCase()
    if (Object.prototype.hasOwnProperty.call(counts, code)) return { ok: false, message: `It names ${code} twice.` }
    counts[code] = Number(match[2])
  }
  return { ok: true, value: counts }
}

const YES = new Set(['on', 'true', 'yes'])
const NO = new Set(['off', 'false', 'no'])

/**
 * A yes-or-no setting, such as `--auto-disable on`: `on`, `true` or `yes`; `off`, `false` or `no`.
 * @example
 * booleanFlag('off') // { ok: true, value: false }
 */
export const booleanFlag = (text: string): Parsed => {
  const word = text.trim().toLowerCase()
  if (YES.has(word)) return { ok: true, value: true }
  if (NO.has(word)) return { ok: true, value: false }
  return { ok: false, message: 'It must be on or off.' }
}
