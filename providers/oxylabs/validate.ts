/**
 * Oxylabs' input rules (vendor sheet §3.2, §3.4, §6.5, §6.10, §6.11) and the JSON bodies
 * built from a checked input. Every problem is reported at once, in one `validation` error,
 * before anything is sent.
 */
import { randomInt } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { type CreateSubUser, type FieldProblem, type Operation, type SubUserError, toVendorUnits, type UpdateSubUser, validationError } from '../../src/adapter'
import type { OxylabsStatus } from './codecs'
import { OXYLABS_LIMIT_STEP, OXYLABS_TRAFFIC_UNIT } from './units'

const USERNAME = /^[A-Za-z0-9_]+$/
/** The password characters accepted: letters, digits and `#_~+=` (`:` `@` `/` would break a proxy URL). */
const PASSWORD_CHARS = /^[A-Za-z0-9#_~+=]+$/
const SPECIALS = '#_~+='
/** Password length bounds (sheet §3.2). @example OXYLABS_PASSWORD_LENGTH.min === 12 */
export const OXYLABS_PASSWORD_LENGTH = { min: 12, max: 64 } as const

/**
 * The `POST …/sub-users` body, in wire form and key order of the vendor's example.
 * `traffic_limit` is always sent (null = unlimited), the settings only when given (§6.14).
 * @example
 * const body: OxylabsCreateBody = { username: 'team_a', password: 'Strong_Password#209', traffic_limit: null }
 */
export interface OxylabsCreateBody {
  readonly username: string
  readonly password: string
  /** GB; null = unlimited, 0 = no traffic. */
  readonly traffic_limit: number | null
  readonly lifetime?: boolean
  readonly auto_disable?: boolean
}

/**
 * The `PATCH …/sub-users/{id}` body: only the keys to change; an explicit `traffic_limit: null`
 * means unlimited and is sent as such (§6.6).
 * @example
 * const body: OxylabsPatchBody = { traffic_limit: null, status: 'disabled' }
 */
export interface OxylabsPatchBody {
  readonly password?: string
  readonly traffic_limit?: number | null
  readonly lifetime?: boolean
  readonly status?: OxylabsStatus
  readonly auto_disable?: boolean
}

/**
 * Why a value is not a username Oxylabs takes (letters, digits and underscores), or undefined.
 * @example
 * usernameProblem('team-a') // { path: 'username', message: 'must be letters, digits and underscores' }
 */
export const usernameProblem = (value: unknown): FieldProblem | undefined =>
  typeof value === 'string' && USERNAME.test(value) ? undefined : { path: 'username', message: 'must be letters, digits and underscores' }

/**
 * Why a value is not a password Oxylabs takes (12 to 64 characters from letters, digits and
 * `#_~+=`, with a lower-case letter, an upper-case letter, a digit and one of `#_~+=`), or
 * undefined. The problem never repeats the value.
 * @example
 * passwordProblem('short') // { path: 'password', message: 'must be 12 to 64 characters ...' }
 */
export const passwordProblem = (value: unknown): FieldProblem | undefined => {
  const ok =
    typeof value === 'string' &&
    value.length >= OXYLABS_PASSWORD_LENGTH.min &&
    value.length <= OXYLABS_PASSWORD_LENGTH.max &&
    PASSWORD_CHARS.test(value) &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    /\d/.test(value) &&
    [...SPECIALS].some((c) => value.includes(c))
  return ok
    ? undefined
    : {
        path: 'password',
        message: `must be ${OXYLABS_PASSWORD_LENGTH.min} to ${OXYLABS_PASSWORD_LENGTH.max} characters from letters, digits and ${SPECIALS}, with a lower-case letter, an upper-case letter, a digit and one of ${SPECIALS}`,
      }
}

/**
 * Bytes (or null = unlimited) to Oxylabs' `traffic_limit` in GB: whole MiB only, 0 included
 * (no traffic allowed).
 * @example
 * limitToWire(mib(512)) // Right(0.5)
 * limitToWire(null)     // Right(null)
 */
export const limitToWire = (bytes: unknown): E.Either<FieldProblem, number | null> => {
  if (bytes === null) return E.right(null)
  const r = toVendorUnits(bytes, { unit: OXYLABS_TRAFFIC_UNIT, step: OXYLABS_LIMIT_STEP, minBytes: 0, path: 'trafficLimitBytes' })
  return r.ok ? E.right(r.value) : E.left(r.problem)
}

const SETTING_KEYS: ReadonlySet<string> = new Set(['autoDisable', 'lifetime'])

/** `vendor.oxylabs` read into wire keys, or its problems. */
const settingsOf = (input: CreateSubUser | UpdateSubUser): { readonly body: Pick<OxylabsCreateBody, 'lifetime' | 'auto_disable'>; readonly problems: ReadonlyArray<FieldProblem> } => {
  const options: unknown = input.vendor?.oxylabs
  if (options === undefined) return { body: {}, problems: [] }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return { body: {}, problems: [{ path: 'vendor.oxylabs', message: 'must be an object' }] }
  const o = options as Record<string, unknown>
  const problems: FieldProblem[] = Object.keys(o)
    .filter((k) => !SETTING_KEYS.has(k))
    .map((k) => ({ path: `vendor.oxylabs.${k}`, message: 'is not an Oxylabs setting (autoDisable, lifetime)' }))
  const flag = (key: 'autoDisable' | 'lifetime'): boolean | undefined => {
    const v = o[key]
    if (v === undefined || typeof v === 'boolean') return v
    problems.push({ path: `vendor.oxylabs.${key}`, message: 'must be true or false' })
    return undefined
  }
  const lifetime = flag('lifetime')
  const autoDisable = flag('autoDisable')
  return { body: { ...(lifetime === undefined ? {} : { lifetime }), ...(autoDisable === undefined ? {} : { auto_disable: autoDisable }) }, problems }
}

/**
 * A checked create: its body, and whether the sub-user is to be disabled once created (the
 * create endpoint takes no status).
 * @example
 * const c: CheckedCreate = { body, disable: false }
 */
export interface CheckedCreate {
  readonly body: OxylabsCreateBody
  readonly disable: boolean
}

/**
 * Checks a create input and builds its body; a missing password is generated
 * ({@link generatePassword}).
 * @example
 * checkCreate({ username: 'team_a', trafficLimitBytes: gib(2) }) // Right({ body: { username: 'team_a', password: '…', traffic_limit: 2 }, disable: false })
 */
export const checkCreate = (input: CreateSubUser): E.Either<SubUserError, CheckedCreate> => {
  const limit = limitToWire(input.trafficLimitBytes ?? null)
  const settings = settingsOf(input)
  const problems = [
    usernameProblem(input.username),
    input.password === undefined ? undefined : passwordProblem(input.password),
    E.isLeft(limit) ? limit.left : undefined,
    ...settings.problems,
  ].filter((p): p is FieldProblem => p !== undefined)
  if (problems.length > 0 || E.isLeft(limit)) return E.left(validationError('oxylabs', 'create', problems))
  return E.right({
    body: { username: input.username, password: input.password ?? generatePassword(), traffic_limit: limit.right, ...settings.body },
    disable: input.status === 'disabled',
  })
}

/**
 * Checks a patch (ids aside) and builds the PATCH body of every field it sets; the adapter
 * then leaves out what the sub-user already holds. `username` never reaches here (Oxylabs
 * cannot rename: the capabilities refuse it first).
 * @example
 * checkPatch({ trafficLimitBytes: null, status: 'disabled' }) // Right({ traffic_limit: null, status: 'disabled' })
 */
export const checkPatch = (patch: UpdateSubUser): E.Either<SubUserError, OxylabsPatchBody> => {
  const limit = patch.trafficLimitBytes === undefined ? E.right(undefined) : limitToWire(patch.trafficLimitBytes)
  const settings = settingsOf(patch)
  const problems = [
    patch.password === undefined ? undefined : passwordProblem(patch.password),
    E.isLeft(limit) ? limit.left : undefined,
    ...settings.problems,
  ].filter((p): p is FieldProblem => p !== undefined)
  if (problems.length > 0 || E.isLeft(limit)) return E.left(validationError('oxylabs', 'update', problems))
  const body: OxylabsPatchBody = {
    ...(patch.password === undefined ? {} : { password: patch.password }),
    ...(limit.right === undefined ? {} : { traffic_limit: limit.right }),
    ...(settings.body.lifetime === undefined ? {} : { lifetime: settings.body.lifetime }),
    ...(patch.status === undefined ? {} : { status: patch.status }),
    ...(settings.body.auto_disable === undefined ? {} : { auto_disable: settings.body.auto_disable }),
  }
  return Object.keys(body).length === 0 ? E.left(validationError('oxylabs', 'update', [{ path: '', message: 'the patch changes nothing' }])) : E.right(body)
}

/**
 * Refuses an id that is not an Oxylabs sub-user id (a positive whole number), before sending.
 * @example
 * checkId('get', '12345') // Right('12345')
 * checkId('get', '../x')  // Left(validation: id)
 */
export const checkId = (operation: Operation, id: unknown): E.Either<SubUserError, string> =>
  typeof id === 'string' && /^[1-9]\d{0,15}$/.test(id) && Number.isSafeInteger(Number(id))
    ? E.right(id)
    : E.left(validationError('oxylabs', operation, [{ path: 'id', message: 'must be an Oxylabs sub-user id (a positive whole number)' }]))

const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const UPPER = LOWER.toUpperCase()
const DIGITS = '0123456789'
const ALL = `${LOWER}${UPPER}${DIGITS}${SPECIALS}`
const pick = (from: string): string => from[randomInt(from.length)]!

/**
 * A random password Oxylabs accepts (used when a create gives none, sheet §6.10): 16
 * characters from letters, digits and `#_~+=`, with at least one of each class, shuffled.
 * @example
 * generatePassword() // e.g. 'q7#Kd~m2Xw9=pLr4'
 */
export const generatePassword = (): string => {
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SPECIALS), ...Array.from({ length: 12 }, () => pick(ALL))]
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[chars[i], chars[j]] = [chars[j]!, chars[i]!]
  }
  return chars.join('')
}
