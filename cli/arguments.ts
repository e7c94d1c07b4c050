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

