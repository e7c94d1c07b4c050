/**
 * How the IPRoyal fake reads a request, as a Laravel API does (vendor sheet §1–§2): the
 * `Authorization: Bearer <token>` header, a JSON body (anything else reads as no input), and
 * GB amounts turned into whole bytes.
 */
import type { FakeRequest } from '../../../src/adapter'

/** The unit of every amount on the wire, 2^30 bytes (as the adapter reads it). @example FAKE_GB === 1073741824 */
export const FAKE_GB = 2 ** 30

/**
 * A request header, whatever the case of its name; a repeated header is joined with `, `.
 * @example
 * headerOf(req, 'Authorization') // 'Bearer sandbox-iproyal-api-token'
 */
export const headerOf = (req: FakeRequest, name: string): string | undefined => {
  const wanted = name.toLowerCase()
  const value = Object.entries(req.headers).find(([header]) => header.toLowerCase() === wanted)?.[1]
  return Array.isArray(value) ? value.join(', ') : value
}

/**
 * The bearer token presented, or undefined without one (another scheme counts as none).
 * @example
 * bearerToken({ ...req, headers: { authorization: 'Bearer abc' } }) // 'abc'
 */
export const bearerToken = (req: FakeRequest): string | undefined => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headerOf(req, 'authorization') ?? '')
  return match?.[1]
}

/**
 * The request's input: a JSON object body; anything else (no body, another type, invalid JSON,
 * a JSON array) is no input, which the endpoint's rules then refuse field by field.
 * @example
 * inputOf({ ...req, headers: { 'content-type': 'application/json' }, body: '{"amount":5}' }) // { amount: 5 }
 */
export const inputOf = (req: FakeRequest): Readonly<Record<string, unknown>> => {
  const type = (headerOf(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json' || req.body.trim() === '') return {}
  try {
    const data: unknown = JSON.parse(req.body)
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/**
 * A value Laravel's `numeric` accepts (a JSON number or a numeric string), as a number; undefined otherwise.
 * @example
 * numeric('2.5') // 2.5
 */
export const numeric = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : Number.NaN
  return Number.isFinite(n) ? n : undefined
}

/**
 * A GB amount in whole bytes (rounded to the byte), or undefined when that is not a safe integer.
 * @example
 * gbToBytes(0.0009765625) // 1048576
 */
export const gbToBytes = (gb: number): number | undefined => {
  const bytes = Math.round(gb * FAKE_GB)
  return Number.isSafeInteger(bytes) ? bytes : undefined
}

/**
 * Bytes as the GB amount the fake writes.
 * @example
 * bytesToGB(1073741824) // 1
 */
export const bytesToGB = (bytes: number): number => bytes / FAKE_GB
