/**
 * The Webshare fake's serializer: checks the five writable fields of a create
 * or a partial update (vendor sheet §2–§3) the way Django REST framework's
 * fields do, with DRF's messages and codes. Unknown and read-only keys are
 * ignored, as DRF ignores them.
 */
import { parseDateTime } from './datetime'
import type { Problem, Problems } from './replies'

/**
 * The writable values found in a valid body; a key left out was not sent.
 * @example
 * const v: WritableValues = { label: 'team-a', proxy_countries: null }
 */
export interface WritableValues {
  readonly label?: string
  readonly proxy_limit?: number
  readonly max_thread_count?: number
  readonly proxy_countries?: Readonly<Record<string, number>> | null
  /** Epoch ms. */
  readonly bandwidth_use_start_date?: number
}

type Check<T> = (value: unknown) => { readonly value: T } | { readonly problem: Problem }

const MAX_LABEL_LENGTH = 255
const COUNTRY = /^[A-Z]{2}$/
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/
const INTEGER = /^\s*[+-]?\d+(\.0*)?\s*$/

const NOT_NULL: Problem = { message: 'This field may not be null.', code: 'null' }

/** CharField: a string, or a number written as one; trimmed; not blank; at most 255 characters. */
const label: Check<string> = (value) => {
  if (value === null) return { problem: NOT_NULL }
  if (typeof value !== 'string' && typeof value !== 'number') return { problem: { message: 'Not a valid string.', code: 'invalid' } }
  const text = String(value).trim()
  if (text === '') return { problem: { message: 'This field may not be blank.', code: 'blank' } }
  if (text.length > MAX_LABEL_LENGTH) return { problem: { message: `Ensure this field has no more than ${MAX_LABEL_LENGTH} characters.`, code: 'max_length' } }
  return { value: text }
}

/** FloatField with min_value 0: a number or a decimal string, GB. */
const proxyLimit: Check<number> = (value) => {
  if (value === null) return { problem: NOT_NULL }
  const n = typeof value === 'number' ? value : typeof value === 'string' && DECIMAL.test(value) ? Number(value) : Number.NaN
  if (!Number.isFinite(n)) return { problem: { message: 'A valid number is required.', code: 'invalid' } }
  if (n < 0) return { problem: { message: 'Ensure this value is greater than or equal to 0.', code: 'min_value' } }
  return { value: n }
}

/** IntegerField with min_value 1: a whole number, `5.0` or `"5"` included. */
const maxThreadCount: Check<number> = (value) => {
  if (value === null) return { problem: NOT_NULL }
  const n = typeof value === 'number' ? value : typeof value === 'string' && INTEGER.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(n)) return { problem: { message: 'A valid integer is required.', code: 'invalid' } }
  if (n < 1) return { problem: { message: 'Ensure this value is greater than or equal to 1.', code: 'min_value' } }
  return { value: n }
}

/** An object of ISO alpha-2 codes (`ZZ` = any) to whole, non-negative proxy counts, or null. */
const proxyCountries: Check<Readonly<Record<string, number>> | null> = (value) => {
  if (value === null) return { value: null }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { problem: { message: `Expected a dictionary of items but got type "${pythonTypeOf(value)}".`, code: 'not_a_dict' } }
  }
  const entries = Object.entries(value as Record<string, unknown>)
  const valid = entries.every(([code, count]) => COUNTRY.test(code) && typeof count === 'number' && Number.isSafeInteger(count) && count >= 0)
  if (!valid) {
    return { problem: { message: 'Expected ISO 3166-1 alpha-2 country codes (or ZZ) mapped to whole, non-negative numbers of proxies.', code: 'invalid' } }
  }
  return { value: Object.fromEntries(entries as Array<[string, number]>) }
}

/** DateTimeField: ISO 8601. */
const startDate: Check<number> = (value) => {
  if (value === null) return { problem: NOT_NULL }
  const ms = typeof value === 'string' ? parseDateTime(value) : undefined
  return ms === undefined
    ? { problem: { message: 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].', code: 'invalid' } }
    : { value: ms }
}

/** The name Python gives a JSON value's type, for DRF's messages. */
const pythonTypeOf = (value: unknown): string => {
  if (value === null) return 'NoneType'
  if (Array.isArray(value)) return 'list'
  if (typeof value === 'string') return 'str'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float'
  return 'dict'
}

/** The writable fields, in the order their errors are reported. */
const CHECKS: ReadonlyArray<readonly [keyof WritableValues, Check<unknown>]> = [
  ['label', label],
  ['proxy_countries', proxyCountries],
  ['proxy_limit', proxyLimit],
  ['max_thread_count', maxThreadCount],
  ['bandwidth_use_start_date', startDate],
]

/**
 * Validates a request's data for a create (`label` required) or a partial
 * update (every field optional). Data that is not a JSON object is a
 * `non_field_errors` problem, as DRF reports it.
 * @example
 * validateWrite({ proxy_limit: -1 }, 'create')
 * // { problems: { label: [{ message: 'This field is required.', code: 'required' }], proxy_limit: [{ message: 'Ensure this value is greater than or equal to 0.', code: 'min_value' }] } }
 * validateWrite({ label: ' team-a ', extra: 1 }, 'update') // { values: { label: 'team-a' } }
 */
export const validateWrite = (data: unknown, mode: 'create' | 'update'): { readonly values: WritableValues } | { readonly problems: Problems } => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { problems: { non_field_errors: [{ message: `Invalid data. Expected a dictionary, but got ${pythonTypeOf(data)}.`, code: 'invalid' }] } }
  }
  const body = data as Record<string, unknown>
  const problems: Record<string, Problem[]> = {}
  const values: Record<string, unknown> = {}
  for (const [field, check] of CHECKS) {
    if (!(field in body)) {
      if (mode === 'create' && field === 'label') problems.label = [{ message: 'This field is required.', code: 'required' }]
      continue
    }
    const result = check(body[field])
    if ('problem' in result) problems[field] = [result.problem]
    else values[field] = result.value
  }
  return Object.keys(problems).length > 0 ? { problems } : { values: values as WritableValues }
}
