/**
 * Thordata's input rules, checked before anything is sent (vendor sheet §3.2,
 * §6.10, §6.11). Every problem is reported at once.
 */
import { randomInt } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { type CreateSubUser, type FieldProblem, type Operation, type SubUserError, toVendorUnits, unsupportedError, validationError } from '../../src/adapter'
import { THORDATA_LIMIT_UNIT, THORDATA_MIN_LIMIT_BYTES } from './units'

const USERNAME = /^[A-Za-z0-9]{6,15}$/
const PASSWORD = /^[A-Za-z][A-Za-z0-9]{5,14}$/

/**
 * Why a value is not a Thordata username (6 to 15 letters or digits), or undefined when it is one.
 * @example
 * usernameProblem('ab') // { path: 'username', message: 'must be 6 to 15 letters or digits' }
 */
export const usernameProblem = (value: unknown, path = 'username'): FieldProblem | undefined =>
  typeof value === 'string' && USERNAME.test(value) ? undefined : { path, message: 'must be 6 to 15 letters or digits' }

/**
 * Why a value is not a Thordata password (6 to 15 letters or digits, the first a letter), or undefined when it is one.
 * @example
 * passwordProblem('1abcdef') // { path: 'password', message: 'must be 6 to 15 letters or digits, starting with a letter' }
 */
export const passwordProblem = (value: unknown): FieldProblem | undefined =>
  typeof value === 'string' && PASSWORD.test(value)
    ? undefined
    : { path: 'password', message: 'must be 6 to 15 letters or digits, starting with a letter' }

/**
 * Bytes (or null = unlimited) to Thordata's `traffic_limit` in MiB (0 = unlimited).
 * @example
 * limitToWire(mib(500)) // Right(500)
 */
export const limitToWire = (bytes: number | null): E.Either<FieldProblem, number> => {
  if (bytes === null) return E.right(0)
  const r = toVendorUnits(bytes, { unit: THORDATA_LIMIT_UNIT, minBytes: THORDATA_MIN_LIMIT_BYTES, path: 'trafficLimitBytes' })
  return r.ok ? E.right(r.value) : E.left(r.problem)
}

/**
 * Checks the fields present in a create input or update patch (a field left
 * out is not checked; ids are checked by {@link checkId}), then converts the traffic limit to the wire value (undefined when the input has
 * none). All problems come back in one error.
 * @example
 * checkFields('create', { username: 'alice001', trafficLimitBytes: mib(500) }) // Right({ limit: 500 })
 */
export const checkFields = (
  operation: Extract<Operation, 'create' | 'update'>,
  input: { readonly username?: unknown; readonly password?: unknown; readonly trafficLimitBytes?: number | null | undefined },
): E.Either<SubUserError, { readonly limit: number | undefined }> => {
  const limit = input.trafficLimitBytes === undefined ? E.right(undefined) : limitToWire(input.trafficLimitBytes)
  const problems = [
    input.username === undefined ? undefined : usernameProblem(input.username),
    input.password === undefined ? undefined : passwordProblem(input.password),
    E.isLeft(limit) ? limit.left : undefined,
  ].filter((p): p is FieldProblem => p !== undefined)
  return problems.length === 0 && E.isRight(limit)
    ? E.right({ limit: limit.right })
    : E.left(validationError('thordata', operation, problems))
}

/**
 * Checks `vendor.thordata`: Thordata has no vendor-specific settings, so any
 * key in it is `unsupported`. `vendor.webshare` is addressed to another vendor
 * and is not looked at.
 * @example
 * checkVendorOptions('create', { vendor: { thordata: {} } }) // Right(undefined)
 */
export const checkVendorOptions = (
  operation: Extract<Operation, 'create' | 'update'>,
  input: Pick<CreateSubUser, 'vendor'>,
): E.Either<SubUserError, void> => {
  const options: unknown = input.vendor?.thordata
  if (options === undefined) return E.right(undefined)
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return E.left(validationError('thordata', operation, [{ path: 'vendor.thordata', message: 'must be an object' }]))
  }
  const key = Object.keys(options)[0]
  return key === undefined
    ? E.right(undefined)
    : E.left(unsupportedError('thordata', operation, `vendor.thordata.${key}`, 'Thordata has no vendor-specific settings'))
}

/**
 * Refuses an id that cannot be a Thordata username (ids are usernames), before sending.
 * @example
 * checkId('get', 'alice001') // Right('alice001')
 */
export const checkId = (operation: Operation, id: unknown): E.Either<SubUserError, string> => {
  const problem = usernameProblem(id, 'id')
  return problem === undefined ? E.right(id as string) : E.left(validationError('thordata', operation, [problem]))
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const ALPHANUMERIC = `${LETTERS}0123456789`

/**
 * A random password Thordata accepts: 15 letters and digits, starting with a
 * letter (used when a create gives none, vendor sheet §6.11).
 * @example
 * generatePassword() // e.g. 'Qm3xT9pLw0aZ7bK'
 */
export const generatePassword = (): string =>
  LETTERS[randomInt(LETTERS.length)]! + Array.from({ length: 14 }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]!).join('')
