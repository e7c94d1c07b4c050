/**
 * Thordata's error table: body codes and HTTP statuses to neutral kinds, and
 * the one function that reads a reply's envelope.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { decodeWith, type HttpClient, type HttpRequest, type HttpResponse, mayRepeat, type Operation, responseError, type SubUserError, type SubUserErrorKind } from '../../src/adapter'
import { ThordataEnvelope } from './codecs'

/** The least wait after code 10011 (operations too frequent). @example THORDATA_RATE_LIMIT_WAIT_MS === 3_000 */
export const THORDATA_RATE_LIMIT_WAIT_MS = 3_000

/** The body code of a successful call. @example THORDATA_OK === 200 */
export const THORDATA_OK = 200

/**
 * Body `code` → neutral kind (vendor sheet §4). A code not listed is `vendor`.
 * @example
 * THORDATA_CODE_KINDS[10018] // 'conflict'
 */
export const THORDATA_CODE_KINDS: Readonly<Record<number, SubUserErrorKind>> = {
  10000: 'validation', // parameter error
  10002: 'validation', // region format
  10003: 'validation', // quantity
  10004: 'validation', // region offline
  10006: 'validation', // price
  10015: 'validation', // username format
  10016: 'validation', // password format
  10021: 'validation', // date range over 180 days
  10013: 'auth', // token (sign) error
  10014: 'auth', // key (apiKey) error
  10010: 'not_found', // IP not found
  10020: 'not_found', // username does not exist
  10018: 'conflict', // username exists
  10011: 'rate_limited', // operations too frequent
  10005: 'quota', // stock too low
  10008: 'quota', // wallet balance too low
  10012: 'quota', // per-purchase quantity exceeded
  10017: 'quota', // recharge first
  10019: 'quota', // sub-user limit reached
}

/** The field a body code is about, where it names one. @example THORDATA_CODE_FIELDS[10015] // 'username' */
export const THORDATA_CODE_FIELDS: Readonly<Record<number, string>> = { 10015: 'username', 10016: 'password' }

/**
 * HTTP status → kind, used only when the body has no code (§4 precedence).
 * Users are named in parameters, never in the path, so a 404 means a wrong base URL: `vendor`.
 * @example
 * statusKind(429) // 'rate_limited'
 */
export const statusKind = (status: number): SubUserErrorKind | undefined => {
  if (status === 400 || status === 422) return 'validation'
  if (status === 401 || status === 403) return 'auth'
  if (status === 402) return 'quota'
  if (status === 429) return 'rate_limited'
  if (status >= 300) return 'vendor'
  return undefined
}

/**
 * Reads a Thordata reply (vendor sheet §4): a body `code` other than 200 is an
 * error whatever the HTTP status; otherwise a non-2xx status is mapped by
 * {@link statusKind}; a 2xx reply that is not JSON or has no numeric code is a
 * decode error.
 * Returns the parsed body of a successful call.
 * @example
 * pipe(res, readEnvelope(http, 'list', request))
 */
export const readEnvelope =
  (http: HttpClient, operation: Operation, request: HttpRequest) =>
  (res: HttpResponse): E.Either<SubUserError, unknown> => {
    const envelope = ThordataEnvelope.is(res.body) ? res.body : undefined
    if (envelope !== undefined && envelope.code !== THORDATA_OK) {
      const field = THORDATA_CODE_FIELDS[envelope.code]
      const kind = THORDATA_CODE_KINDS[envelope.code] ?? 'vendor'
      return E.left(
        responseError(http, operation, request, {
          kind,
          status: res.status,
          vendorCode: envelope.code,
          ...(typeof envelope.msg === 'string' ? { detail: envelope.msg } : {}),
          ...(field === undefined ? {} : { fields: [{ path: field, message: 'refused by Thordata' }] }),
          // 10011 publishes no wait; back off at least this long (vendor sheet §5, §6.14).
          ...(kind === 'rate_limited' ? { retryAfterMs: THORDATA_RATE_LIMIT_WAIT_MS } : {}),
        }),
      )
    }
    // No failing body code: the HTTP status decides (even under a body code 200).
    const byStatus = statusKind(res.status)
    if (byStatus !== undefined) {
      return E.left(
        responseError(http, operation, request, {
          kind: byStatus,
          status: res.status,
          ...(res.status >= 500 ? { retryable: mayRepeat(request) } : {}),
        }),
      )
    }
    return pipe(res.body, decodeWith(ThordataEnvelope, 'thordata', operation), E.map(() => res.body))
  }
