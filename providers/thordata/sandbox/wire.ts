/**
 * How the Thordata fake reads a request (vendor sheet §2–§3): credentials from
 * the query on GET and from headers on POST, form bodies only, and the value
 * rules of each field.
 */
import type { FakeRequest } from '../../../src/adapter'

/**
 * A credential (`token` or `key`) where the vendor expects it; absent elsewhere.
 * @example
 * credential({ ...req, method: 'POST', headers: { token: 't' } }, 'token') // 't'
 */
export const credential = (req: FakeRequest, name: 'token' | 'key'): string | undefined => {
  if (req.method === 'GET') return req.query.get(name) ?? undefined
  const value = headerOf(req, name)
  return typeof value === 'string' ? value : undefined
}

/**
 * The call's parameters: the query on GET, the body on POST if it is
 * form-encoded; any other body (JSON included) gives no parameters.
 * @example
 * params({ ...req, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"proxy_type":"1"}' }).get('proxy_type') // null
 */
export const params = (req: FakeRequest): URLSearchParams => {
  if (req.method === 'GET') return req.query
  const type = headerOf(req, 'content-type')
  const isForm = typeof type === 'string' && type.toLowerCase().startsWith('application/x-www-form-urlencoded')
  return new URLSearchParams(isForm ? req.body : '')
}

const headerOf = (req: FakeRequest, name: string) =>
  Object.entries(req.headers).find(([header]) => header.toLowerCase() === name)?.[1]

/** `proxy_type` codes: 1 residential, 2 unlimited, 3 mobile. @example PROXY_TYPES.has('3') // true */
export const PROXY_TYPES: ReadonlySet<string> = new Set(['1', '2', '3'])

/** 6–15 letters or digits. @example USERNAME.test('alice001') // true */
export const USERNAME = /^[A-Za-z0-9]{6,15}$/

/** 6–15 letters or digits, the first a letter. @example PASSWORD.test('Pw12345a') // true */
export const PASSWORD = /^[A-Za-z][A-Za-z0-9]{5,14}$/

/**
 * A traffic limit in MiB: an integer string, 0 (unlimited) or at least 100.
 * @example
 * parseTrafficLimit('500') // 500
 * parseTrafficLimit('50')  // undefined
 */
export const parseTrafficLimit = (value: string | null): number | undefined => {
  if (value === null || !/^\d+$/.test(value)) return undefined
  const mib = Number(value)
  return mib === 0 || mib >= 100 ? mib : undefined
}

/**
 * A status as written on the wire: `"true"` or `"false"`.
 * @example
 * parseStatus('false') // false
 */
export const parseStatus = (value: string | null): boolean | undefined =>
  value === 'true' ? true : value === 'false' ? false : undefined

/**
 * A `yyyy-mm-dd` calendar date as UTC midnight in epoch ms.
 * @example
 * parseDay('2025-03-02') // 1740873600000
 * parseDay('2025-02-30') // undefined
 */
export const parseDay = (value: string | null): number | undefined => {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  const ms = Date.parse(`${value}T00:00:00Z`)
  return Number.isNaN(ms) || dayOf(ms) !== value ? undefined : ms
}

/**
 * The UTC calendar date of an instant, as `yyyy-mm-dd`.
 * @example
 * dayOf(1740873600000) // '2025-03-02'
 */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
