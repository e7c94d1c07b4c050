/**
 * Webshare's input rules and the request body built from a checked input.
 * Every problem is reported at once, before anything is sent.
 */
import * as E from 'fp-ts/Either'
import type { CreateSubUser, Operation, UpdateSubUser } from '../../src/domain'
import { validationError, type FieldProblem, type SubUserError } from '../../src/errors'
import { toVendorUnits } from '../../src/units'
import { WEBSHARE_LIMIT_STEP, WEBSHARE_LIMIT_UNIT } from './units'

/**
 * Longest label accepted. Webshare documents no limit; 255 is the usual
 * Django CharField bound, and refusing early beats a vendor 400.
 * @example MAX_LABEL_LENGTH === 255
 */
export const MAX_LABEL_LENGTH = 255

const OPTION_KEYS = new Set(['maxThreadCount', 'proxyCountries', 'bandwidthUseStartDate'])

const labelProblem = (label: unknown): FieldProblem | undefined =>
  typeof label === 'string' && label.trim() !== '' && label.length <= MAX_LABEL_LENGTH && !/[\u0000-\u001f\u007f]/.test(label)
    ? undefined
    : { path: 'username', message: `must be 1 to ${MAX_LABEL_LENGTH} characters without control characters` }

const countriesProblem = (value: unknown): FieldProblem | undefined => {
  const path = 'vendor.webshare.proxyCountries'
  if (value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) return { path, message: 'must be null or an object of country code to proxy count' }
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.length === 0) return { path, message: 'must not be empty: use null to remove the custom proxy list' }
  const bad = entries.find(([code, n]) => !/^[A-Z]{2}$/.test(code) || typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
  return bad === undefined ? undefined : { path: `${path}.${bad[0]}`, message: 'keys must be 2-letter upper-case country codes (ZZ = any) and values whole numbers ≥ 0' }
}

/**
 * Checks an input and builds the JSON body: `label` and `proxy_limit` always on
 * create (§6.12), only the fields present on update; vendor options only when given;
 * `proxyCountries: null` is sent as an explicit null (§6.5).
 * @example
 * toWireBody('create', { username: 'team-a', trafficLimitBytes: gib(10) }) // Right({ label: 'team-a', proxy_limit: 10 })
 */
export const toWireBody = (
  operation: Extract<Operation, 'create' | 'update'>,
  input: CreateSubUser | UpdateSubUser,
): E.Either<SubUserError, Record<string, unknown>> => {
  const body: Record<string, unknown> = {}
  const problems: FieldProblem[] = []
  const add = (problem: FieldProblem | undefined, key: string, value: unknown) => (problem === undefined ? (body[key] = value) : problems.push(problem))

  if (operation === 'create' || input.username !== undefined) add(labelProblem(input.username), 'label', input.username)
  const bytes = input.trafficLimitBytes
  if (operation === 'create' || bytes !== undefined) {
    if (bytes === null || bytes === undefined) body.proxy_limit = 0
    else {
      const r = toVendorUnits(bytes, { unit: WEBSHARE_LIMIT_UNIT, step: WEBSHARE_LIMIT_STEP, minBytes: WEBSHARE_LIMIT_STEP, path: 'trafficLimitBytes' })
      if (r.ok) body.proxy_limit = r.value
      else problems.push(r.problem)
    }
  }
  const options = input.vendor?.webshare
  if (options !== undefined) {
    if (typeof options !== 'object' || options === null) problems.push({ path: 'vendor.webshare', message: 'must be an object' })
    else {
      for (const key of Object.keys(options)) if (!OPTION_KEYS.has(key)) problems.push({ path: `vendor.webshare.${key}`, message: 'is not a Webshare option' })
      const { maxThreadCount, proxyCountries, bandwidthUseStartDate } = options
      if (maxThreadCount !== undefined) {
        const ok = typeof maxThreadCount === 'number' && Number.isSafeInteger(maxThreadCount) && maxThreadCount > 0
        add(ok ? undefined : { path: 'vendor.webshare.maxThreadCount', message: 'must be a whole number ≥ 1' }, 'max_thread_count', maxThreadCount)
      }
      if (proxyCountries !== undefined) add(countriesProblem(proxyCountries), 'proxy_countries', proxyCountries)
      if (bandwidthUseStartDate !== undefined) {
        const ok = bandwidthUseStartDate instanceof Date && !Number.isNaN(bandwidthUseStartDate.getTime())
        add(ok ? undefined : { path: 'vendor.webshare.bandwidthUseStartDate', message: 'must be a valid Date' }, 'bandwidth_use_start_date', ok ? bandwidthUseStartDate.toISOString() : undefined)
      }
    }
  }
  return problems.length === 0 ? E.right(body) : E.left(validationError('webshare', operation, problems))
}

/**
 * Refuses an id that is not a Webshare id (a positive decimal integer), before sending.
 * @example
 * checkId('get', '42') // Right('42')
 */
export const checkId = (operation: Operation, id: unknown): E.Either<SubUserError, string> =>
  typeof id === 'string' && /^[1-9]\d{0,15}$/.test(id)
    ? E.right(id)
    : E.left(validationError('webshare', operation, [{ path: 'id', message: 'must be a Webshare sub-user id (a positive whole number)' }]))
