/**
 * The neutral checks of an `access` target, done before any request: its shape (a real
 * country code, a session id of letters and digits, whole minutes, a known protocol) is
 * `validation`; what the provider's capabilities do not honour is `unsupported`; a value out
 * of the vendor's range (a session too long) is `validation` naming the vendor's rule. No
 * message repeats a value of the target.
 */
import * as E from 'fp-ts/Either'
import type { AccessCapabilities } from './capabilities'
import { COUNTRY_CODES } from './countries'
import type { AccessTarget, ProviderId, ProxyProtocol } from './domain'
import { unsupportedError, validationError, type FieldProblem, type SubUserError } from './errors'
import { snapshot } from './snapshot'

/**
 * Every protocol an endpoint can speak.
 * @example
 * PROXY_PROTOCOLS.includes('socks5') // true
 */
export const PROXY_PROTOCOLS: ReadonlyArray<ProxyProtocol> = ['http', 'https', 'socks5']

/** Longest session id any vendor is asked to carry (a vendor's own rule may be shorter). @example MAX_SESSION_ID_LENGTH === 64 */
export const MAX_SESSION_ID_LENGTH = 64

/**
 * A target once checked, as an adapter writes it: the country upper-case, the session and
 * protocol as given, and the protocols the endpoints are to speak (the one asked for, else
 * the provider's defaults).
 * @example
 * const t: CheckedTarget = { country: 'US', session: { id: 'abc123', minutes: 10 }, protocol: 'http', protocols: ['http'] }
 */
export interface CheckedTarget extends AccessTarget {
  readonly protocols: ReadonlyArray<ProxyProtocol>
}

const SESSION_ID = /^[A-Za-z0-9]+$/
const KEYS = ['country', 'session', 'protocol']

/**
 * Checks a target against the neutral rules, then against what the provider honours.
 * Every shape problem comes back in one `validation` error; then the first option the
 * provider cannot honour, as `unsupported`; then a value out of the vendor's range, as
 * `validation`.
 * @example
 * checkTarget('thordata', caps, { country: 'us' }) // Right({ country: 'US', protocols: ['http', 'https'] })
 * checkTarget('webshare', caps, { country: 'us' }) // Left(unsupported: country)
 * checkTarget('thordata', caps, { country: 'usa' }) // Left(validation: country must be ...)
 */
export const checkTarget = (provider: ProviderId, capabilities: AccessCapabilities, target: unknown): E.Either<SubUserError, CheckedTarget> => {
  if (target === undefined) return E.right({ protocols: capabilities.defaultProtocols })
  const read = snapshot(target, KEYS)
  if (E.isLeft(read)) return E.left(validationError(provider, 'access', [{ path: 'target', message: read.left }]))
  const t = read.right
  if (typeof t !== 'object' || t === null || Array.isArray(t)) return E.left(validationError(provider, 'access', [{ path: 'target', message: 'must be an object' }]))
  const { country, session, protocol } = t as Record<string, unknown>
  const problems: FieldProblem[] = Object.keys(t).some((k) => !KEYS.includes(k)) ? [{ path: 'target', message: 'holds a key that is not country, session or protocol' }] : []
  if (country !== undefined && (typeof country !== 'string' || !COUNTRY_CODES.has(country.toUpperCase()))) {
    problems.push({ path: 'country', message: 'must be an ISO 3166-1 alpha-2 country code (two letters, such as US)' })
  }
  const sessionShape = session === undefined ? undefined : sessionProblems(session)
  if (sessionShape !== undefined) problems.push(...sessionShape)
  if (protocol !== undefined && !PROXY_PROTOCOLS.includes(protocol as ProxyProtocol)) {
    problems.push({ path: 'protocol', message: `must be one of ${PROXY_PROTOCOLS.join(', ')}` })
  }
  if (problems.length > 0) return E.left(validationError(provider, 'access', problems))
  const s = session as { readonly id: string; readonly minutes?: number } | undefined

  if (protocol !== undefined && !capabilities.protocols.includes(protocol as ProxyProtocol)) {
    return E.left(unsupportedError(provider, 'access', 'protocol', `${provider} endpoints speak ${capabilities.protocols.join(', ')} only`))
  }
  if (country !== undefined && !capabilities.country) return E.left(unsupportedError(provider, 'access', 'country', `${provider} cannot target a country`))
  if (s !== undefined && capabilities.session === null) return E.left(unsupportedError(provider, 'access', 'session', `${provider} has no sticky sessions`))
  if (s?.minutes !== undefined && capabilities.session?.minutes === null) {
    return E.left(unsupportedError(provider, 'access', 'session.minutes', `${provider} sessions have the vendor's own length, which cannot be chosen`))
  }
  const rule = capabilities.session
  if (s !== undefined && rule !== null) {
    const ranged: FieldProblem[] = []
    const { min, max } = rule.idLength
    if (s.id.length < min || s.id.length > max) ranged.push({ path: 'session.id', message: `must be ${min === max ? `exactly ${min}` : `${min} to ${max}`} letters or digits on ${provider}` })
    const minutes = rule.minutes
    if (s.minutes !== undefined && minutes !== null && (s.minutes < minutes.min || s.minutes > minutes.max)) {
      ranged.push({ path: 'session.minutes', message: `must be ${minutes.min} to ${minutes.max} minutes on ${provider}` })
    }
    if (ranged.length > 0) return E.left(validationError(provider, 'access', ranged))
  }
  return E.right({
    ...(country === undefined ? {} : { country: (country as string).toUpperCase() }),
    ...(s === undefined ? {} : { session: s.minutes === undefined ? { id: s.id } : { id: s.id, minutes: s.minutes } }),
    ...(protocol === undefined ? { protocols: capabilities.defaultProtocols } : { protocol: protocol as ProxyProtocol, protocols: [protocol as ProxyProtocol] }),
  })
}

/** The neutral shape of a session: an object of `id` (letters and digits, up to 64) and optional whole `minutes` ≥ 1. */
const sessionProblems = (session: unknown): ReadonlyArray<FieldProblem> | undefined => {
  if (typeof session !== 'object' || session === null || Array.isArray(session)) return [{ path: 'session', message: 'must be an object with an id' }]
  const { id, minutes, ...rest } = session as Record<string, unknown>
  const problems: FieldProblem[] = []
  if (Object.keys(rest).length > 0) problems.push({ path: 'session', message: 'holds a key that is not id or minutes' })
  if (typeof id !== 'string' || !SESSION_ID.test(id) || id.length > MAX_SESSION_ID_LENGTH) {
    problems.push({ path: 'session.id', message: `must be 1 to ${MAX_SESSION_ID_LENGTH} letters or digits` })
  }
  if (minutes !== undefined && !(typeof minutes === 'number' && Number.isSafeInteger(minutes) && minutes >= 1)) {
    problems.push({ path: 'session.minutes', message: 'must be a whole number of minutes of at least 1' })
  }
  return problems.length === 0 ? undefined : problems
}
