/**
 * Every answer the Webshare fake gives, in Django REST framework's shapes
 * (vendor sheet §2, §4, §7): bare JSON objects, `{"detail": …}` errors, field
 * errors as lists of `{message, code}` objects (or of strings), and plain text
 * on 5xx. No message repeats a value from the request.
 */
import type { FakeResponse } from '../../../src/adapter'

const JSON_TYPE = { 'Content-Type': 'application/json' }

/**
 * A JSON answer with `Content-Type: application/json`.
 * @example
 * json(200, { id: 1 }) // { status: 200, headers: { 'Content-Type': 'application/json' }, body: { id: 1 } }
 */
export const json = (status: number, body: object, headers: Readonly<Record<string, string>> = {}): FakeResponse => ({
  status,
  headers: { ...JSON_TYPE, ...headers },
  body,
})

/**
 * 204 with no body and no `Content-Type`, as DRF answers a delete.
 * @example
 * noContent() // { status: 204 }
 */
export const noContent = (): FakeResponse => ({ status: 204 })

/** A path that matches no route, or an unknown sub-user id. @example notFound().status // 404 */
export const notFound = (): FakeResponse => json(404, { detail: 'Not found.' })

/** A page number that is not a page of the list. @example invalidPage().body // { detail: 'Invalid page.' } */
export const invalidPage = (): FakeResponse => json(404, { detail: 'Invalid page.' })

/**
 * A verb the route does not serve.
 * @example
 * methodNotAllowed('PUT').body // { detail: 'Method "PUT" not allowed.' }
 */
export const methodNotAllowed = (method: string): FakeResponse => json(405, { detail: `Method "${method}" not allowed.` })

/** An `Accept` header that rules out JSON. @example notAcceptable().status // 406 */
export const notAcceptable = (): FakeResponse => json(406, { detail: 'Could not satisfy the request Accept header.' })

/**
 * 401, with the `WWW-Authenticate: Token` challenge of DRF's token authentication.
 * @example
 * unauthorized('Invalid token.').body // { detail: 'Invalid token.' }
 */
export const unauthorized = (detail: string): FakeResponse => json(401, { detail }, { 'WWW-Authenticate': 'Token' })

/** An account without sub-user API access: 403 without a `code` (vendor sheet §6.17). @example permissionDenied().status // 403 */
export const permissionDenied = (): FakeResponse => json(403, { detail: 'You do not have permission to perform this action.' })

/**
 * 429 as DRF throttling answers it: the wait in whole seconds in the message
 * and in `Retry-After`; without a wait, neither.
 * @example
 * throttled(3).headers // { 'Content-Type': 'application/json', 'Retry-After': '3' }
 * throttled(undefined).body // { detail: 'Request was throttled.' }
 */
export const throttled = (waitSeconds: number | undefined): FakeResponse =>
  waitSeconds === undefined
    ? json(429, { detail: 'Request was throttled.' })
    : json(
        429,
        { detail: `Request was throttled. Expected available in ${waitSeconds} second${waitSeconds === 1 ? '' : 's'}.` },
        { 'Retry-After': String(waitSeconds) },
      )

/**
 * A body that is not JSON, as DRF's JSON parser reports it (without quoting the body).
 * @example
 * parseError().body // { detail: 'JSON parse error - the request body is not valid JSON.' }
 */
export const parseError = (): FakeResponse => json(400, { detail: 'JSON parse error - the request body is not valid JSON.' })

/**
 * A body in a media type other than JSON.
 * @example
 * unsupportedMediaType('text/plain').body // { detail: 'Unsupported media type "text/plain" in request.' }
 */
export const unsupportedMediaType = (mediaType: string): FakeResponse =>
  json(415, { detail: `Unsupported media type "${mediaType}" in request.` })

/**
 * One validation problem: DRF's message and code.
 * @example
 * const p: Problem = { message: 'This field is required.', code: 'required' }
 */
export interface Problem {
  readonly message: string
  readonly code: string
}

/**
 * Problems per field, in the order found; `non_field_errors` for the request as a whole.
 * @example
 * const p: Problems = { label: [{ message: 'This field is required.', code: 'required' }] }
 */
export type Problems = Readonly<Record<string, ReadonlyArray<Problem>>>

/**
 * How field errors are written: lists of `{message, code}` (the live API) or of strings (the docs).
 * @example
 * const shape: FieldErrorShape = 'strings'
 */
export type FieldErrorShape = 'objects' | 'strings'

/**
 * 400 with field errors in the chosen shape.
 * @example
 * fieldErrors({ label: [{ message: 'This field is required.', code: 'required' }] }, 'strings').body // { label: ['This field is required.'] }
 */
export const fieldErrors = (problems: Problems, shape: FieldErrorShape): FakeResponse =>
  json(
    400,
    Object.fromEntries(
      Object.entries(problems).map(([field, list]) => [field, list.map((p) => (shape === 'strings' ? p.message : { message: p.message, code: p.code }))]),
    ),
  )

const SERVER_ERROR_TEXT: Readonly<Record<number, string>> = {
  500: 'Server Error (500)',
  502: '502 Bad Gateway',
  503: '503 Service Unavailable',
  504: '504 Gateway Time-out',
}

/**
 * A 5xx in plain text, as Django or the load balancer in front of it sends.
 * @example
 * serverError(502).body // '502 Bad Gateway'
 */
export const serverError = (status: number): FakeResponse => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  body: SERVER_ERROR_TEXT[status] ?? `Server Error (${status})`,
})
