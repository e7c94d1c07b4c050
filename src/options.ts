/**
 * The rules every provider's options follow, checked at construction, the
 * same for every vendor: credentials, `timeoutMs`, `baseURL`, `retry`,
 * `rateLimit`, `axios`, `gateway` and `now`. A vendor adds only its own options' rules.
 */
import * as E from 'fp-ts/Either'
import type { ProviderId } from './domain'
import { validationError, type FieldProblem, type SubUserError } from './errors'
import { gatewayProblems } from './gateway'
import type { CommonOptions } from './http'
import { rateLimit, type RateLimit } from './rate-limit'
import { retryPolicy } from './retry'
import { MIN_SECRET_LENGTH } from './secret'
import { snapshot } from './snapshot'

/** The longest wait Node's timers can hold (2^31 − 1 ms, about 24.8 days). @example MAX_TIMER_MS === 2_147_483_647 */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** Shortest credential accepted: shorter ones could not be redacted safely. @example MIN_CREDENTIAL_LENGTH === 4 */
export const MIN_CREDENTIAL_LENGTH = MIN_SECRET_LENGTH

// Printable Latin-1: what an HTTP header carries unchanged (no C0/C1 control character, no DEL).
const HEADER_SAFE = /^[\u0020-\u007e\u00a0-\u00ff]*$/

/**
 * Why a value cannot be a credential (a token, key, API key or password sent
 * in a header or a query), or undefined when it can: it must be a string of
 * at least {@link MIN_CREDENTIAL_LENGTH} characters, every one of which a
 * header carries unchanged (printable Latin-1: no CR, LF or other control
 * character, nothing beyond U+00FF), without leading or trailing whitespace.
 * The problem never holds the value.
 * @example
 * credentialProblem('token', 'ab') // { path: 'token', message: 'is too short: ...' }
 * credentialProblem('token', 'tök€n') // { path: 'token', message: 'holds a character ...' }
 */
export const credentialProblem = (path: string, value: unknown): FieldProblem | undefined => {
  if (typeof value !== 'string' || value === '') return { path, message: 'is required' }
  if (value.length < MIN_CREDENTIAL_LENGTH) {
    return { path, message: `is too short: credentials of fewer than ${MIN_CREDENTIAL_LENGTH} characters are refused (they could not be redacted from messages safely)` }
  }
  if (!HEADER_SAFE.test(value)) {
    return { path, message: 'holds a character an HTTP header cannot carry unchanged (CR, LF or another control character, or one beyond Latin-1 such as €)' }
  }
  if (value.trim() !== value) return { path, message: 'starts or ends with whitespace, which HTTP drops' }
  return undefined
}

/**
 * Why a value cannot be a `timeoutMs` (of a provider or of one call), or
 * undefined when it can: a whole number of milliseconds from 1 to {@link MAX_TIMER_MS}.
 * @example
 * timeoutProblem(-1) // { path: 'timeoutMs', message: 'must be a whole number of milliseconds from 1 to 2147483647' }
 */
export const timeoutProblem = (value: unknown, path = 'timeoutMs'): FieldProblem | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_TIMER_MS
    ? undefined
    : { path, message: `must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}` }

/**
 * Why a value cannot be a `retry` option, or undefined when it can: `false`,
 * or an object of the policy's keys only, whose `retries` is a whole number
 * and whose delays are milliseconds from 0 to {@link MAX_TIMER_MS}.
 * @example
 * retryProblem({ maxDelayMs: 2 ** 40 }) // { path: 'retry.maxDelayMs', ... }
 */
export const retryProblem = (value: unknown): FieldProblem | undefined => {
  if (value === false) return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { path: 'retry', message: 'must be false or an object' }
  const policy = retryPolicy(value)
  if (E.isLeft(policy)) return policy.left
  const defaults = retryPolicy(undefined)
  const unknown = E.isRight(defaults) ? unknownKey(value, defaults.right) : undefined
  if (unknown !== undefined) return { path: `retry.${unknown}`, message: 'is not a retry option' }
  const { retries, baseDelayMs, maxDelayMs } = value as { retries?: unknown; baseDelayMs?: unknown; maxDelayMs?: unknown }
  if (retries !== undefined && !Number.isSafeInteger(retries)) return { path: 'retry.retries', message: 'must be a whole number ≥ 0' }
  for (const [key, ms] of [['baseDelayMs', baseDelayMs], ['maxDelayMs', maxDelayMs]] as const) {
    if (typeof ms === 'number' && ms > MAX_TIMER_MS) return { path: `retry.${key}`, message: `must be milliseconds from 0 to ${MAX_TIMER_MS}` }
  }
  return undefined
}

/**
 * Why a value cannot be a `baseURL`, or undefined when it can: an absolute
 * http(s) URL without user info, query or fragment (a path is kept).
 * @example
 * baseUrlProblem('ftp://example.com') // { path: 'baseURL', message: 'must be an http(s) URL ...' }
 */
export const baseUrlProblem = (value: unknown): FieldProblem | undefined => {
  const problem = { path: 'baseURL', message: 'must be an http(s) URL without user info, query or fragment' }
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return problem
  try {
    const url = new URL(value)
    return url.username === '' && url.password === '' && url.search === '' && url.hash === '' && !/[?#]/.test(value) ? undefined : problem
  } catch {
    return problem
  }
}

/**
 * Every problem with the options all providers share (see {@link CommonOptions}),
 * against the vendor's default rate limit. Reads each option once.
 * @example
 * commonOptionProblems({ timeoutMs: 'abc', baseURL: 'not a url' }, { requestsPerMinute: 50, concurrency: 1 })
 * // [{ path: 'timeoutMs', ... }, { path: 'baseURL', ... }]
 */
export const commonOptionProblems = (options: CommonOptions & { readonly baseURL?: unknown }, vendorRateLimit: RateLimit): ReadonlyArray<FieldProblem> => {
  const { timeoutMs, retry, rateLimit: limit, axios, baseURL, maxResponseBytes, maxListPages, gateway, now } = options
  const wholeAtLeastOne = (path: string, value: unknown): FieldProblem | undefined =>
    value === undefined || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) ? undefined : { path, message: 'must be a whole number of at least 1' }
  const problems: Array<FieldProblem | undefined> = [
    wholeAtLeastOne('maxResponseBytes', maxResponseBytes),
    wholeAtLeastOne('maxListPages', maxListPages),
    baseURL === undefined ? undefined : baseUrlProblem(baseURL),
    timeoutMs === undefined ? undefined : timeoutProblem(timeoutMs),
    retry === undefined ? undefined : retryProblem(retry),
    limit === undefined ? undefined : rateLimitProblem(limit, vendorRateLimit),
    axios === undefined || (typeof axios === 'function' || typeof axios === 'object') && axios !== null && typeof axios.request === 'function'
      ? undefined
      : { path: 'axios', message: 'must be an axios instance' },
    ...(gateway === undefined ? [] : gatewayProblems(gateway)),
    now === undefined || typeof now === 'function' ? undefined : { path: 'now', message: 'must be a function returning epoch milliseconds' },
  ]
  return problems.filter((p): p is FieldProblem => p !== undefined)
}

const rateLimitProblem = (value: unknown, vendorRateLimit: RateLimit): FieldProblem | undefined => {
  if (value === false) return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { path: 'rateLimit', message: 'must be false or an object' }
  const r = rateLimit(value, vendorRateLimit)
  if (E.isLeft(r)) return r.left
  const unknown = unknownKey(value, vendorRateLimit)
  return unknown === undefined ? undefined : { path: `rateLimit.${unknown}`, message: 'is not a rate-limit option' }
}

/** The first key of an option object that its defaults do not have (a typo such as `retires`). */
const unknownKey = (value: object, defaults: object): string | undefined => Object.keys(value).find((k) => !Object.prototype.hasOwnProperty.call(defaults, k))

/** The keys of {@link CommonOptions}. @example COMMON_OPTION_KEYS.includes('timeoutMs') */
export const COMMON_OPTION_KEYS = ['timeoutMs', 'axios', 'retry', 'rateLimit', 'maxResponseBytes', 'maxListPages', 'gateway', 'now'] as const

/**
 * A provider's options read once into a plain object: each of `keys` by
 * property access (so a getter runs once), `retry`, `rateLimit` and `gateway` copied
 * deep; the `axios` instance and other values kept as they are. Options that
 * are not an object, or that throw while being read, are a `validation` error
 * (operation `list`, as every construction error).
 * @example
 * const o = readOptions('webshare', options, ['apiKey', 'baseURL', ...COMMON_OPTION_KEYS])
 */
export const readOptions = (provider: ProviderId, options: unknown, keys: ReadonlyArray<string>): E.Either<SubUserError, Readonly<Record<string, unknown>>> => {
  if (typeof options !== 'object' || options === null) return E.left(validationError(provider, 'list', [{ path: '', message: 'options must be an object' }]))
  const out: Record<string, unknown> = {}
  for (const key of keys) {
    let value: unknown
    try {
      value = (options as Record<string, unknown>)[key]
    } catch {
      return E.left(validationError(provider, 'list', [{ path: key, message: 'could not be read (a getter or Proxy threw)' }]))
    }
    if (value === undefined) continue
    if (key === 'retry' || key === 'rateLimit' || key === 'gateway') {
      const copied = snapshot(value)
      if (E.isLeft(copied)) return E.left(validationError(provider, 'list', [{ path: key, message: copied.left }]))
      value = copied.right
    }
    out[key] = value
  }
  return E.right(out)
}
