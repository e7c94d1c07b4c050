/**
 * How the Webshare fake reads a request, as Django REST framework does
 * (vendor sheet §1–§2): the `Authorization: Token <key>` header, the `Accept`
 * header, and a JSON body.
 */
import type { FakeRequest, FakeResponse } from '../../../src/adapter'
import { parseError, unsupportedMediaType } from './replies'

/** A request header, whatever the case of its name; a repeated header is joined with `, `. */
const headerOf = (req: FakeRequest, name: string): string | undefined => {
  const wanted = name.toLowerCase()
  const value = Object.entries(req.headers).find(([header]) => header.toLowerCase() === wanted)?.[1]
  return Array.isArray(value) ? value.join(', ') : value
}

/**
 * What the `Authorization` header holds, read as DRF's `TokenAuthentication`:
 * no header or another scheme is `none` (not authenticated), a `Token` header
 * without exactly one credential is `malformed` with DRF's message.
 * @example
 * presentedToken({ ...req, headers: { authorization: 'Token abc' } }) // { kind: 'token', key: 'abc' }
 * presentedToken({ ...req, headers: { authorization: 'Bearer abc' } }) // { kind: 'none' }
 */
export const presentedToken = (
  req: FakeRequest,
): { readonly kind: 'none' } | { readonly kind: 'malformed'; readonly detail: string } | { readonly kind: 'token'; readonly key: string } => {
  const parts = (headerOf(req, 'authorization') ?? '').trim().split(/\s+/).filter((p) => p !== '')
  if (parts[0]?.toLowerCase() !== 'token') return { kind: 'none' }
  if (parts.length === 1) return { kind: 'malformed', detail: 'Invalid token header. No credentials provided.' }
  if (parts.length > 2) return { kind: 'malformed', detail: 'Invalid token header. Token string should not contain spaces.' }
  return { kind: 'token', key: parts[1] ?? '' }
}

/**
 * The sub-user a call acts as (`X-Subuser`), or undefined when it acts as the account.
 * @example
 * subUserHeader({ ...req, headers: { 'x-subuser': '42' } }) // '42'
 */
export const subUserHeader = (req: FakeRequest): string | undefined => headerOf(req, 'x-subuser')?.trim()

/**
 * Whether the `Accept` header (if any) admits JSON, the only format served.
 * @example
 * acceptsJson({ ...req, headers: { accept: 'text/html' } }) // false
 */
export const acceptsJson = (req: FakeRequest): boolean => {
  const accept = headerOf(req, 'accept')
  if (accept === undefined || accept.trim() === '') return true
  return accept
    .split(',')
    .map((range) => (range.split(';')[0] ?? '').trim().toLowerCase())
    .some((range) => range === 'application/json' || range === 'application/*' || range === '*/*')
}

/**
 * The request's data, as DRF's parsers give it: `{}` for an empty body or a
 * body without `Content-Type` (DRF ignores it); a JSON body parsed; another
 * media type is 415, and a body that is not JSON is 400 "JSON parse error".
 * `data` may be any JSON value: the serializer decides what it accepts.
 * @example
 * readData({ ...req, headers: { 'content-type': 'application/json' }, body: '{"label":"a"}' }) // { data: { label: 'a' } }
 */
export const readData = (req: FakeRequest): { readonly data: unknown } | { readonly reply: FakeResponse } => {
  const contentType = headerOf(req, 'content-type')
  if (req.body === '' || contentType === undefined) return { data: {} }
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase()
  if (mediaType !== 'application/json') return { reply: unsupportedMediaType(mediaType) }
  try {
    return { data: JSON.parse(req.body) as unknown }
  } catch {
    return { reply: parseError() }
  }
}
