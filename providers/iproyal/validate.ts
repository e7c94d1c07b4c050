/**
 * IPRoyal's input rules (vendor sheet §6.5, §6.9, §6.10, §6.13) and the JSON bodies built from
 * a checked input. Every problem is reported at once, in one `validation` error, before
 * anything is sent.
 */
import { randomInt } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { type CreateSubUser, type FieldProblem, type Operation, type SubUserError, toVendorUnits, type UpdateSubUser, validationError } from '../../src/adapter'
import type { IPRoyalRawLimits } from './domain'
import { IPROYAL_LIMIT_STEP, IPROYAL_TRAFFIC_UNIT } from './units'

const USERNAME = /^[A-Za-z0-9_]+$/
const PASSWORD = /^[A-Za-z0-9]{8,16}$/
const HASH = /^[0-9A-Za-z]{26}$/
const LIMIT_KEYS: ReadonlySet<string> = new Set(['daily_limit', 'monthly_limit', 'lifetime_limit'])
const OPTION_KEYS: ReadonlySet<string> = new Set(['limits'])

/**
 * The body of `POST /residential-subusers` (§3.3), values in wire form.
 * @example
 * const body: IPRoyalCreateBody = { username: 'subuser123', password: 'Pw12345678', traffic: 10 }
 */
export interface IPRoyalCreateBody {
  readonly username: string
  readonly password: string
  /** GB moved from the main balance into the sub-user. */
  readonly traffic: number
  readonly limits?: IPRoyalRawLimits
}

/**
 * The body of `PUT /residential-subusers/{hash}`: only the keys that change, never `traffic`
 * (a limit is changed by give-traffic or take-traffic, §6.4).
 * @example
 * const body: IPRoyalUpdateBody = { password: 'Pw87654321' }
 */
export interface IPRoyalUpdateBody {
  readonly username?: string
  readonly password?: string
  readonly limits?: IPRoyalRawLimits
}

/**
 * A checked patch: the credentials and settings it sets, and the new limit in bytes (whole MiB).
 * @example
 * const p: IPRoyalPatch = { password: 'Pw87654321', limitBytes: mib(500) }
 */
export interface IPRoyalPatch {
  readonly username?: string
  readonly password?: string
  readonly limits?: IPRoyalRawLimits
  readonly limitBytes?: number
}

/**
 * Why a value is not a username IPRoyal is given (letters, digits and `_`, at least one), or undefined.
 * @example
 * usernameProblem('team-a') // { path: 'username', message: 'must be letters, digits or _ (at least one)' }
 */
export const usernameProblem = (value: unknown): FieldProblem | undefined =>
  typeof value === 'string' && USERNAME.test(value) ? undefined : { path: 'username', message: 'must be letters, digits or _ (at least one)' }

/**
 * Why a value is not a password IPRoyal is given (8 to 16 letters or digits: `_`, `:` and `@`
 * would break the gateway login, which appends `_key-value` options to it), or undefined.
 * @example
 * passwordProblem('short') // { path: 'password', message: 'must be 8 to 16 letters or digits' }
 */
export const passwordProblem = (value: unknown): FieldProblem | undefined =>
  typeof value === 'string' && PASSWORD.test(value) ? undefined : { path: 'password', message: 'must be 8 to 16 letters or digits' }

/**
 * A traffic limit in bytes as the GB amount of the wire: whole MiB, 0 allowed, never null.
 * @example
 * limitToGB(mib(512)) // Right(0.5)
 */
export const limitToGB = (bytes: unknown): E.Either<FieldProblem, number> => {
  const r = toVendorUnits(bytes, { unit: IPROYAL_TRAFFIC_UNIT, step: IPROYAL_LIMIT_STEP, minBytes: 0, unlimited: false, path: 'trafficLimitBytes' })
  return r.ok ? E.right(r.value) : E.left(r.problem)
}

type Checked<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly problems: ReadonlyArray<FieldProblem> }

/** `vendor.iproyal`: only `limits`, an object of the documented keys, each a number ≥ 0 or null, passed through as given. */
const checkOptions = (input: Pick<CreateSubUser, 'vendor'>): Checked<IPRoyalRawLimits | undefined> => {
  const options: unknown = input.vendor?.iproyal
  if (options === undefined) return { ok: true, value: undefined }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return { ok: false, problems: [{ path: 'vendor.iproyal', message: 'must be an object' }] }
  const problems: FieldProblem[] = Object.keys(options)
    .filter((k) => !OPTION_KEYS.has(k))
    .map((k) => ({ path: `vendor.iproyal.${k}`, message: 'is not an IPRoyal option' }))
  const limits: unknown = (options as { limits?: unknown }).limits
  if (limits === undefined) return problems.length === 0 ? { ok: true, value: undefined } : { ok: false, problems }
  if (typeof limits !== 'object' || limits === null || Array.isArray(limits)) {
    problems.push({ path: 'vendor.iproyal.limits', message: 'must be an object of daily_limit, monthly_limit and lifetime_limit' })
  } else {
    for (const [key, value] of Object.entries(limits)) {
      if (!LIMIT_KEYS.has(key)) problems.push({ path: `vendor.iproyal.limits.${key}`, message: 'is not an IPRoyal limit (daily_limit, monthly_limit, lifetime_limit)' })
      else if (value !== null && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) problems.push({ path: `vendor.iproyal.limits.${key}`, message: 'must be a number ≥ 0 or null' })
    }
  }
  return problems.length === 0 ? { ok: true, value: { ...(limits as IPRoyalRawLimits) } } : { ok: false, problems }
}

const fail = (operation: Extract<Operation, 'create' | 'update'>, problems: ReadonlyArray<FieldProblem>): E.Either<SubUserError, never> =>
  E.left(validationError('iproyal', operation, problems))

/**
 * Checks a create input and builds its body (a password generated when none is given), with
 * the bytes the create moves out of the main balance.
 * @example
 * checkCreate({ username: 'team_a', trafficLimitBytes: gib(10) }) // Right({ body: { username: 'team_a', password: <16 letters or digits>, traffic: 10 }, trafficBytes: 10737418240 })
 */
export const checkCreate = (input: CreateSubUser): E.Either<SubUserError, { readonly body: IPRoyalCreateBody; readonly trafficBytes: number }> => {
  const traffic = limitToGB(input.trafficLimitBytes)
  const options = checkOptions(input)
  const problems = [
    usernameProblem(input.username),
    input.password === undefined ? undefined : passwordProblem(input.password),
    E.isLeft(traffic) ? traffic.left : undefined,
    ...(options.ok ? [] : options.problems),
  ].filter((p): p is FieldProblem => p !== undefined)
  if (problems.length > 0 || E.isLeft(traffic) || !options.ok) return fail('create', problems)
  const body: IPRoyalCreateBody = {
    username: input.username,
    password: input.password ?? generatePassword(),
    traffic: traffic.right,
    ...(options.value === undefined ? {} : { limits: options.value }),
  }
  return E.right({ body, trafficBytes: input.trafficLimitBytes as number })
}

/**
 * Checks an update patch: the fields present, in wire form (`status: 'active'` alone changes nothing and reads).
 * @example
 * checkPatch({ trafficLimitBytes: mib(500) }) // Right({ limitBytes: 524288000 })
 */
export const checkPatch = (patch: UpdateSubUser): E.Either<SubUserError, IPRoyalPatch> => {
  const limit = patch.trafficLimitBytes === undefined ? E.right(undefined) : limitToGB(patch.trafficLimitBytes)
  const options = checkOptions(patch)
  const problems = [
    patch.username === undefined ? undefined : usernameProblem(patch.username),
    patch.password === undefined ? undefined : passwordProblem(patch.password),
    E.isLeft(limit) ? limit.left : undefined,
    ...(options.ok ? [] : options.problems),
  ].filter((p): p is FieldProblem => p !== undefined)
  if (problems.length > 0 || !options.ok) return fail('update', problems)
  return E.right({
    ...(patch.username === undefined ? {} : { username: patch.username }),
    ...(patch.password === undefined ? {} : { password: patch.password }),
    ...(options.value === undefined ? {} : { limits: options.value }),
    ...(patch.trafficLimitBytes === undefined ? {} : { limitBytes: patch.trafficLimitBytes as number }),
  })
}

/**
 * Refuses an id that is not an IPRoyal hash (26 letters or digits), before sending.
 * @example
 * checkId('get', '01HQ5K3P97DY8EX9Y90YT1K6XA') // Right('01HQ5K3P97DY8EX9Y90YT1K6XA')
 * checkId('get', '5') // Left(validation: id), the legacy id is never used
 */
export const checkId = (operation: Operation, id: unknown): E.Either<SubUserError, string> =>
  typeof id === 'string' && HASH.test(id)
    ? E.right(id)
    : E.left(validationError('iproyal', operation, [{ path: 'id', message: 'must be an IPRoyal sub-user hash (26 letters or digits)' }]))

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * A random password IPRoyal's gateway takes: 16 letters and digits (§6.9), used when a create gives none.
 * @example
 * generatePassword() // e.g. 'Qm3xT9pLw0aZ7bK2'
 */
export const generatePassword = (): string => Array.from({ length: 16 }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]!).join('')
