/**
 * How the Oxylabs fake reads a request and writes an error (vendor sheet §1, §2, §7): Basic
 * credentials on the login, `Authorization: Bearer <token>` elsewhere, JSON bodies, and every
 * error as JSON `{"error": …}`.
 */
import type { FakeRequest, FakeResponse } from '../../../src/adapter'

/**
 * An error answer, always JSON `{"error": …}` (never a 200 carrying an error).
 * @example
 * failure(404, 'Resource not found') // { status: 404, body: { error: 'Resource not found' } }
 */
export const failure = (status: number, error: string, headers?: Readonly<Record<string, string>>): FakeResponse => ({ status, body: { error }, ...(headers === undefined ? {} : { headers }) })

const headerOf = (req: FakeRequest, name: string): string | undefined => {
  const value = Object.entries(req.headers).find(([header]) => header.toLowerCase() === name)?.[1]
  return Array.isArray(value) ? value.join(', ') : value
}

/**
 * The `Authorization` header's credential under a scheme (case-insensitive), or undefined.
 * @example
 * credentialOf({ ...req, headers: { authorization: 'Bearer abc' } }, 'bearer') // 'abc'
 */
export const credentialOf = (req: FakeRequest, scheme: 'basic' | 'bearer'): string | undefined => {
  const m = /^(\S+)\s+(\S+)$/.exec((headerOf(req, 'authorization') ?? '').trim())
  return m !== null && m[1]!.toLowerCase() === scheme ? m[2] : undefined
}

/**
 * The Basic credentials of a request as `[username, password]`, or undefined.
 * @example
 * basicCredentials({ ...req, headers: { authorization: `Basic ${btoa('main_user:Pw')}` } }) // ['main_user', 'Pw']
 */
export const basicCredentials = (req: FakeRequest): readonly [string, string] | undefined => {
  const encoded = credentialOf(req, 'basic')
  if (encoded === undefined) return undefined
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)]
}

/**
 * The request's JSON object, or the 400 that refuses it (not JSON, or not an object).
 * @example
 * jsonObject({ ...req, body: '{"username":"a"}' }) // { data: { username: 'a' } }
 */
export const jsonObject = (req: FakeRequest): { readonly data: Readonly<Record<string, unknown>> } | { readonly reply: FakeResponse } => {
  let data: unknown
  try {
    data = req.body.trim() === '' ? {} : (JSON.parse(req.body) as unknown)
  } catch {
    return { reply: failure(400, 'Invalid parameters: the body is not JSON') }
  }
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? { data: data as Record<string, unknown> } : { reply: failure(400, 'Invalid parameters: the body must be a JSON object') }
}
