/**
 * Webshare's input rules and the JSON bodies built from a checked input.
 * Every problem is reported at once, in one `validation` error, before
 * anything is sent.
 */
import * as E from 'fp-ts/Either'
import { type CreateSubUser, type FieldProblem, type Operation, type SubUserError, toVendorUnits, type UpdateSubUser, validationError } from '../../src/adapter'
import { WEBSHARE_LIMIT_STEP, WEBSHARE_LIMIT_UNIT } from './units'

/**
 * Longest label accepted. Webshare documents no limit; 255 is the usual
 * Django `CharField` bound, and refusing early beats a vendor 400.
 * @example MAX_LABEL_LENGTH === 255
 */
export const MAX_LABEL_LENGTH = 255

/**
 * A create or update body in Webshare's wire form. A key left out is not sent;
 * `proxy_countries: null` is sent as an explicit null (§6.5).
 * @example
 * const body: WebshareWriteBody = { label: 'team-a', proxy_limit: 10 }
 */
export interface WebshareWriteBody {
  readonly label?: string
  /** GiB as a float; 0 = unlimited. */
  readonly proxy_limit?: number
  readonly max_thread_count?: number
  readonly proxy_countries?: Readonly<Record<string, number>> | null
  /** ISO 8601, UTC. */
  readonly bandwidth_use_start_date?: string
}

const OPTION_KEYS: ReadonlySet<string> = new Set(['maxThreadCount', 'proxyCountries', 'bandwidthUseStartDate'])
const COUNTRY = /^[A-Z]{2}$/
const CONTROL = /[\u0000-\u001f\u007f]/
const COUNTRIES_PATH = 'vendor.webshare.proxyCountries'

type Checked<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly problems: ReadonlyArray<FieldProblem> }
const ok = <A>(value: A): Checked<A> => ({ ok: true, value })
const bad = (...problems: FieldProblem[]): Checked<never> => ({ ok: false, problems })

const checkLabel = (label: unknown): Checked<string> =>
  typeof label === 'string' && label.trim() !== '' && label.length <= MAX_LABEL_LENGTH && !CONTROL.test(label)
    ? ok(label)
    : bad({ path: 'username', message: `must be 1 to ${MAX_LABEL_LENGTH} characters, not blank, without control characters` })

const checkLimit = (bytes: unknown): Checked<number> => {
  if (bytes === null) return ok(0)
  const r = toVendorUnits(bytes, { unit: WEBSHARE_LIMIT_UNIT, step: WEBSHARE_LIMIT_STEP, minBytes: WEBSHARE_LIMIT_STEP, path: 'trafficLimitBytes' })
  return r.ok ? ok(r.value) : bad(r.problem)
}

const checkThreads = (n: unknown): Checked<number> =>
  typeof n === 'number' && Number.isSafeInteger(n) && n > 0
    ? ok(n)
    : bad({ path: 'vendor.webshare.maxThreadCount', message: 'must be a whole number of at least 1' })

const checkCountries = (value: unknown): Checked<Readonly<Record<string, number>> | null> => {
  if (value === null) return ok(null)
  if (typeof value !== 'object' || Array.isArray(value)) {
    return bad({ path: COUNTRIES_PATH, message: 'must be null or an object of country code to number of proxies' })
  }
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.length === 0) return bad({ path: COUNTRIES_PATH, message: 'must not be empty: use null to remove the custom proxy list' })
  const problems = entries.flatMap(([code, n]): FieldProblem[] => [
    ...(COUNTRY.test(code) ? [] : [{ path: `${COUNTRIES_PATH}.${code}`, message: 'must be a 2-letter upper-case country code (ZZ = any)' }]),
    ...(typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? [] : [{ path: `${COUNTRIES_PATH}.${code}`, message: 'must be a whole number of at least 0' }]),
  ])
  return problems.length === 0 ? ok(Object.fromEntries(entries as Array<[string, number]>)) : bad(...problems)
}

const checkStartDate = (d: unknown): Checked<string> =>
  d instanceof Date && !Number.isNaN(d.getTime()) ? ok(d.toISOString()) : bad({ path: 'vendor.webshare.bandwidthUseStartDate', message: 'must be a valid Date' })

/**
 * Checks the fields present in an input and builds the body. On create,
 * `label` and `proxy_limit` are always sent (§6.12, unlimited as 0); on update
 * only the fields present. `vendor.webshare` options are sent only when given;
 * `vendor.thordata` is addressed to another vendor and not looked at.
 */
const toBody = (operation: Extract<Operation, 'create' | 'update'>, input: CreateSubUser | UpdateSubUser): Checked<WebshareWriteBody> => {
  const problems: FieldProblem[] = []
  const body: Record<string, unknown> = {}
  const put = (key: keyof WebshareWriteBody, checked: Checked<unknown>) => {
    if (checked.ok) body[key] = checked.value
    else problems.push(...checked.problems)
  }
  if (operation === 'create' || input.username !== undefined) put('label', checkLabel(input.username))
  if (operation === 'create' || input.trafficLimitBytes !== undefined) put('proxy_limit', checkLimit(input.trafficLimitBytes ?? null))
  const options: unknown = input.vendor?.webshare
  if (options !== undefined) {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      problems.push({ path: 'vendor.webshare', message: 'must be an object' })
    } else {
      const o = options as Record<string, unknown>
      for (const key of Object.keys(o)) if (!OPTION_KEYS.has(key)) problems.push({ path: `vendor.webshare.${key}`, message: 'is not a Webshare option' })
      if (o.maxThreadCount !== undefined) put('max_thread_count', checkThreads(o.maxThreadCount))
      if (o.proxyCountries !== undefined) put('proxy_countries', checkCountries(o.proxyCountries))
      if (o.bandwidthUseStartDate !== undefined) put('bandwidth_use_start_date', checkStartDate(o.bandwidthUseStartDate))
    }
  }
  return problems.length === 0 ? ok(body as WebshareWriteBody) : bad(...problems)
}

const checkIdValue = (id: unknown): Checked<string> =>
  typeof id === 'string' && /^[1-9]\d{0,15}$/.test(id) && Number.isSafeInteger(Number(id))
    ? ok(id)
    : bad({ path: 'id', message: 'must be a Webshare sub-user id (a positive whole number)' })

/**
 * Refuses an id that is not a Webshare id (a positive decimal integer), before sending.
 * @example
 * checkId('get', '42') // Right('42')
 * checkId('get', '../x') // Left(validation: id)
 */
export const checkId = (operation: Operation, id: unknown): E.Either<SubUserError, string> => {
  const r = checkIdValue(id)
  return r.ok ? E.right(r.value) : E.left(validationError('webshare', operation, r.problems))
}

/**
 * Checks a create input and builds its body.
 * @example
 * checkCreate({ username: 'team-a', trafficLimitBytes: gib(10) }) // Right({ label: 'team-a', proxy_limit: 10 })
 */
export const checkCreate = (input: CreateSubUser): E.Either<SubUserError, WebshareWriteBody> => {
  const r = toBody('create', input)
  return r.ok ? E.right(r.value) : E.left(validationError('webshare', 'create', r.problems))
}

/**
 * Checks a patch alone (no id), as {@link checkUpdate} would.
 * @example
 * checkPatch({ trafficLimitBytes: mib(1) }) // Right(undefined)
 */
export const checkPatch = (patch: UpdateSubUser): E.Either<SubUserError, void> => {
  const r = toBody('update', patch)
  return r.ok ? E.right(undefined) : E.left(validationError('webshare', 'update', r.problems))
}

/**
 * Checks an id and a patch together (all problems in one error) and builds the
 * PATCH body: only the changed fields, possibly none when the patch only says
 * `status: 'active'`. A patch that would change nothing otherwise is refused.
 * @example
 * checkUpdate('42', { trafficLimitBytes: null }) // Right({ id: '42', body: { proxy_limit: 0 } })
 */
export const checkUpdate = (id: string, patch: UpdateSubUser): E.Either<SubUserError, { readonly id: string; readonly body: WebshareWriteBody }> => {
  const checkedId = checkIdValue(id)
  const body = toBody('update', patch)
  const problems = [...(checkedId.ok ? [] : checkedId.problems), ...(body.ok ? [] : body.problems)]
  if (!checkedId.ok || !body.ok) return E.left(validationError('webshare', 'update', problems))
  if (Object.keys(body.value).length === 0 && patch.status === undefined) {
    return E.left(validationError('webshare', 'update', [{ path: '', message: 'the patch changes nothing' }]))
  }
  return E.right({ id: checkedId.value, body: body.value })
}
