/**
 * Webshare's error table: HTTP status to neutral kind (vendor sheet §4), and
 * the reading of every error body shape Webshare sends.
 */
import * as E from 'fp-ts/Either'
import type { Operation } from '../../src/domain'
import type { FieldProblem, SubUserError, SubUserErrorKind } from '../../src/errors'
import { parseRetryAfter, responseError, type HttpClient, type HttpRequest, type HttpResponse } from '../../src/http'
import { WebshareFieldMessage } from './codecs'

/** Wait after a 429 without `Retry-After`, as Webshare's docs say (§6.7). @example WEBSHARE_DEFAULT_RETRY_AFTER_MS === 60_000 */
export const WEBSHARE_DEFAULT_RETRY_AFTER_MS = 60_000

/** The body code of a full plan (§6.15). @example QUOTA_CODE === 'subuser_limit_reached' */
export const QUOTA_CODE = 'subuser_limit_reached'

/**
 * HTTP status → kind.
 * @example
 * WEBSHARE_STATUS_KINDS[409] // 'conflict'
 */
export const WEBSHARE_STATUS_KINDS: Readonly<Record<number, SubUserErrorKind>> = {
  400: 'validation',
  401: 'auth',
  403: 'auth',
  404: 'not_found',
  405: 'vendor', // a verb we should not have used: an adapter bug
  406: 'vendor',
  408: 'timeout',
  409: 'conflict',
  429: 'rate_limited',
}

/**
 * The parts of an error body: `detail`, `code`, and field errors in any of
 * the shapes Webshare uses (strings, `{message, code}` objects, mixed lists,
 * a bare string); `non_field_errors` get the path "".
 * @example
 * parseErrorBody({ label: [{ message: 'This field is required.', code: 'required' }] })
 */
export const parseErrorBody = (body: unknown): { detail?: string; codes: string[]; fields: FieldProblem[] } => {
  const out: { detail?: string; codes: string[]; fields: FieldProblem[] } = { codes: [], fields: [] }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return out
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === 'detail' && typeof value === 'string') out.detail = value
    else if (key === 'code' && typeof value === 'string') out.codes.push(value)
    else {
      const path = key === 'non_field_errors' ? '' : key
      for (const entry of Array.isArray(value) ? value : [value]) {
        if (!WebshareFieldMessage.is(entry)) continue
        if (typeof entry === 'string') out.fields.push({ path, message: entry })
        else {
          out.fields.push({ path, message: entry.message })
          if (entry.code !== undefined) out.codes.push(entry.code)
        }
      }
    }
  }
  return out
}

const NO_ACCESS_HINT = 'the API key may lack sub-user API access (sub-user terms not accepted, plan, or 2FA)'

/**
 * Reads a Webshare response: a 2xx gives its parsed body; anything else is a
 * SubUserError from the table. `followingNext` turns a 404 into `vendor`
 * (a `next` link that vanished is not a missing sub-user).
 * @example
 * readResponse(http, 'get', request)(res)
 */
export const readResponse =
  (http: HttpClient, operation: Operation, request: HttpRequest, followingNext = false) =>
  (res: HttpResponse): E.Either<SubUserError, unknown> => {
    if (res.status >= 200 && res.status < 300) return E.right(res.body)
    const { detail, codes, fields } = parseErrorBody(res.body)
    let kind: SubUserErrorKind = WEBSHARE_STATUS_KINDS[res.status] ?? 'vendor'
    if (kind === 'validation' && codes.includes(QUOTA_CODE)) kind = 'quota'
    if (kind === 'not_found' && followingNext) kind = 'vendor'
    const plainText = res.body === undefined && res.text.trim() !== '' && !/^\s*</.test(res.text) ? res.text.trim() : undefined
    const text = detail ?? plainText
    return E.left(
      responseError(http, operation, request, {
        kind,
        status: res.status,
        ...(codes[0] === undefined ? {} : { vendorCode: codes[0] }),
        ...(res.status === 403 ? { detail: `${text ?? 'forbidden'}; ${NO_ACCESS_HINT}` } : text === undefined ? {} : { detail: text }),
        ...(fields.length === 0 ? {} : { fields }),
        // A POST (create, refresh) that failed this way may have taken effect: never retryable blindly (§6.8).
        ...(res.status >= 500 || res.status === 408 ? { retryable: request.method !== 'POST' } : {}),
        ...(kind === 'rate_limited' ? { retryAfterMs: parseRetryAfter(res.headers['retry-after']) ?? WEBSHARE_DEFAULT_RETRY_AFTER_MS } : {}),
      }),
    )
  }
