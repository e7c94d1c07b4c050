/**
 * Parsers for option values, in commander's shape: they return the value or
 * throw commander's `InvalidArgumentError`, which commander reports as
 * "option '--limit <size>' argument 'x' is invalid. <reason>".
 *
 * A value that may be null comes wrapped in an object: commander turns a
 * parser's null into an empty string.
 */
import { InvalidArgumentError } from 'commander'
import { parseSize } from '../src/size'

/**
 * `--limit`: a byte count, a size such as `500MiB`, or `unlimited` (null).
 * @example
 * sizeArgument('10GiB')     // { bytes: 10737418240 }
 * sizeArgument('unlimited') // { bytes: null }
 */
export const sizeArgument = (text: string): { readonly bytes: number | null } => {
  const size = parseSize(text)
  if (!size.ok) throw new InvalidArgumentError(`It ${size.message}.`)
  return { bytes: size.bytes }
}

/**
 * `--max-threads`: a whole number.
 * @example
 * wholeNumberArgument('50') // 50
 */
export const wholeNumberArgument = (text: string): number => {
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('It must be a whole number.')
  return n
}

/**
 * `--concurrency`: a whole number of at least 1 (0 would start nothing).
 * @example
 * positiveNumberArgument('4') // 4
 * positiveNumberArgument('0') // throws: It must be a whole number of at least 1.
 */
export const positiveNumberArgument = (text: string): number => {
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('It must be a whole number of at least 1.')
  return n
}

/**
 * `--port`: a TCP port, 0 to 65535 (0 = any free port).
 * @example
 * portArgument('4010') // 4010
 */
export const portArgument = (text: string): number => {
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || n > 65535) throw new InvalidArgumentError('It must be a port number from 0 to 65535.')
  return n
}

const COUNTRY = /^([A-Za-z]{2})=(\d+)$/

/**
 * `--countries`: `CODE=COUNT` pairs separated by commas (`ZZ` = any country),
 * or `none` (null: no custom proxy list). Codes are upper-cased.
 * @example
 * countriesArgument('US=10,zz=5') // { proxyCountries: { US: 10, ZZ: 5 } }
 * countriesArgument('none')       // { proxyCountries: null }
 */
export const countriesArgument = (text: string): { readonly proxyCountries: Readonly<Record<string, number>> | null } => {
  if (text.trim().toLowerCase() === 'none') return { proxyCountries: null }
  const countries: Record<string, number> = {}
  for (const pair of text.split(',')) {
    const match = COUNTRY.exec(pair.trim())
    if (match === null) throw new InvalidArgumentError('It must be CODE=COUNT pairs such as US=10,ZZ=5, or none.')
    const code = (match[1] ?? '').toUpperCase()
    if (Object.prototype.hasOwnProperty.call(countries, code)) throw new InvalidArgumentError(`It names ${code} twice.`)
    countries[code] = Number(match[2])
  }
  return { proxyCountries: countries }
}
