/**
 * Problems told in the words the user wrote: the option (`--limit`) or the
 * manifest key (`trafficLimit`) rather than the library's field
 * (`trafficLimitBytes`), `unlimited` rather than `null`, and a size with what
 * it was read as.
 */
import type { CreateSubUser } from '../src/domain'
import type { FieldProblem } from '../src/errors'
import { formatBytes } from '../src/units'
import type { CliFailure } from './failure'
import { SETTING_FLAG_NAMES } from './subuser-options'

/**
 * A library message in a person's words: `null (unlimited)` becomes `unlimited`.
 * @example
 * userMessage('must be null (unlimited) or a whole number of MiB') // 'must be unlimited or a whole number of MiB'
 */
export const userMessage = (message: string): string => message.replace(/\bnull \(unlimited\)/g, 'unlimited')

/**
 * What a limit in bytes was read as, for a message.
 * @example
 * limitReadAs(1024000) // 'is 1000KiB (1024000 bytes)'
 * limitReadAs(null)    // 'is unlimited'
 */
export const limitReadAs = (bytes: number | null | undefined): string =>
  bytes === null || bytes === undefined ? 'is unlimited' : formatBytes(bytes) === `${bytes}B` ? `is ${bytes} bytes` : `is ${formatBytes(bytes)} (${bytes} bytes)`

/**
 * The names of the input fields as a sub-user command's options give them.
 * @example
 * SUBUSER_FLAGS.trafficLimitBytes // '--limit'
 */
export const SUBUSER_FLAGS: Readonly<Record<string, string>> = {
  username: '--username',
  password: '--password-env',
  status: '--status',
  trafficLimitBytes: '--limit',
  ...SETTING_FLAG_NAMES,
}

/**
 * A validation failure whose problems name the library's fields, retold with the
 * user's names (`names[path]`) and words; the limit's problem says what the
 * limit was read as. Any other failure is returned as it is.
 * @example
 * inUserWords(failure, SUBUSER_FLAGS, 1024000).message
 * // 'webshare create: invalid input: --limit is 1000KiB (1024000 bytes): must be unlimited or a whole number of MiB of at least 1MiB'
 */
export const inUserWords = (failure: CliFailure, names: Readonly<Record<string, string>>, limit?: number | null): CliFailure => {
  if (failure.kind !== 'validation' || failure.fields === undefined || failure.fields.length === 0 || failure.provider === undefined || failure.operation === undefined) return failure
  const told = failure.fields.map((f) => {
    const name = names[f.path] ?? (f.path === '' ? '(input)' : f.path)
    return f.path === 'trafficLimitBytes' && limit !== undefined ? `${name} ${limitReadAs(limit)}: ${userMessage(f.message)}` : `${name} ${userMessage(f.message)}`
  })
  return { ...failure, message: `${failure.provider} ${failure.operation}: invalid input: ${told.join('; ')}` }
}

/**
 * A provider's problem with a manifest entry (`[0].trafficLimitBytes`), in
 * the manifest's words: `trafficLimit` (the key a manifest writes a limit
 * with), what the limit was read as, `unlimited`.
 * @example
 * manifestProblem({ path: '[0].trafficLimitBytes', message: 'must be null (unlimited) or ...' }, [{ username: 'a', trafficLimitBytes: 1024000 }])
 * // { path: '[0].trafficLimit', message: 'is 1000KiB (1024000 bytes): must be unlimited or ...' }
 */
export const manifestProblem = (problem: FieldProblem, wanted: ReadonlyArray<CreateSubUser>): FieldProblem => {
  const match = /^\[(\d+)\]\.trafficLimitBytes$/.exec(problem.path)
  if (match === null) return { ...problem, message: userMessage(problem.message) }
  const index = Number(match[1])
  return { path: `[${index}].trafficLimit`, message: `${limitReadAs(wanted[index]?.trafficLimitBytes)}: ${userMessage(problem.message)}` }
}
