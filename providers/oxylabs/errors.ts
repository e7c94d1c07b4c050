/**
 * Oxylabs' error table (vendor sheet §4, §6.9, §6.17, §6.18) and the reading of every error
 * body shape: `{"error": …}` as documented, `{"message": …}`, `{"detail": …}`, plain text.
 */
import * as E from 'fp-ts/Either'
import { type HttpClient, type HttpRequest, type HttpResponse, mayRepeat, type Operation, parseRetryAfter, responseError, statusRule, type StatusTable, type SubUserError, type SubUserErrorKind } from '../../src/adapter'
import { OxylabsErrorBody } from './codecs'

/**
 * What a request addresses: one sub-user (`…/sub-users/{id}`, its stats included), the
 * account (the list, a create, client stats), or the login. A 404 is `not_found` only on a
 * sub-user (§6.17).
 * @example
 * const target: OxylabsTarget = 'item'
 */
export type OxylabsTarget = 'item' | 'account' | 'login'

/**
 * How one HTTP status maps to a neutral error.
 * @example
 * const rule: OxylabsErrorRule = { kind: 'not_found', offItem: 'vendor' }
 */
export interface OxylabsErrorRule {
  readonly kind: SubUserErrorKind
  /** The kind when the request does not address one sub-user. */
  readonly offItem?: SubUserErrorKind
  /**
   * `'always'`: the vendor refused before doing anything, safe to retry. `'if-repeatable'`:
   * retried for a request that may be repeated (GET, the login, a PATCH), never for a create
   * or a delete, which are read back instead. Left out: the kind's default (`auth` is never
   * retried here; a refused token is renewed by the session, once).
   */
  readonly retry?: 'always' | 'if-repeatable'
  /** Wait used when the response has no usable `Retry-After` header. */
  readonly defaultRetryAfterMs?: number
  /** Added to the message after the vendor's own text, per target or for every target. */
  readonly hint?: string | Partial<Readonly<Record<OxylabsTarget | Operation, string>>>
}

/**
 * Oxylabs' one error table: HTTP status → rule; `5xx` covers every server error and `other`
 * every status not listed.
 * @example
 * OXYLABS_ERROR_TABLE[429]?.defaultRetryAfterMs // 5000
 */
export const OXYLABS_ERROR_TABLE: StatusTable<OxylabsErrorRule> = {
  // One 400 for invalid input and for the sub-user maximum (§6.9): never told apart by its text.
  400: {
    kind: 'validation',
    hint: { create: 'the input passed the local checks, so this is likely the account’s maximum number of sub-users, or a username another Oxylabs customer holds' },
  },
  401: { kind: 'auth', hint: { login: 'the main proxy user’s username or password was refused' } },
  // The mock answers 403 for a bad token: handled as 401 (§6.18).
  403: { kind: 'auth', hint: { login: 'the main proxy user’s username or password was refused' } },
  404: { kind: 'not_found', offItem: 'vendor', hint: { account: 'the base URL or the user id is wrong', login: 'the base URL is wrong' } },
  405: { kind: 'vendor', hint: 'method not allowed (an adapter bug)' },
  408: { kind: 'timeout', retry: 'always' },
  409: { kind: 'conflict' },
  429: { kind: 'rate_limited', retry: 'always', defaultRetryAfterMs: 5_000 },
  '5xx': { kind: 'vendor', retry: 'if-repeatable' },
  other: { kind: 'vendor' },
}

const oneLine = (text: string): string => text.trim().replace(/\s+/g, ' ')

/**
 * What an error body says: the text of `error`, else `message`, else `detail`; the whole body
 * after it when the body holds more than that key; a JSON string; the text of a body that is
 * not JSON (an HTML page left out). Undefined when there is nothing to say.
 * @example
 * errorText({ error: 'Invalid parameters' }, '{"error":"Invalid parameters"}') // 'Invalid parameters'
 * errorText(undefined, 'Bad Gateway')                                          // 'Bad Gateway'
 */
export const errorText = (body: unknown, text: string): string | undefined => {
  const raw = oneLine(text)
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && OxylabsErrorBody.is(body)) {
    const key = (['error', 'message', 'detail'] as const).find((k) => typeof body[k] === 'string')
    if (key === undefined) return raw === '' ? undefined : raw
    const said = body[key] as string
    return Object.keys(body).length > 1 ? `${said} (body: ${raw})` : said
  }
  if (typeof body === 'string') return oneLine(body) === '' ? undefined : oneLine(body)
  if (raw === '' || /^</.test(raw)) return undefined
  return raw
}

/**
 * Reads an Oxylabs response: a 2xx gives its parsed body (undefined when empty, as a PATCH's
 * 200 and a DELETE's 204 are); anything else is a SubUserError built from
 * {@link OXYLABS_ERROR_TABLE}, with the HTTP status as `status` and `vendorCode` (Oxylabs has
 * no codes of its own).
 * @example
 * pipe(res, readResponse(http, 'get', request, 'item'))
 */
export const readResponse =
  (http: HttpClient, operation: Operation, request: HttpRequest, target: OxylabsTarget) =>
  (res: HttpResponse): E.Either<SubUserError, unknown> => {
    if (res.status >= 200 && res.status <= 299) return E.right(res.body)
    const rule = statusRule(OXYLABS_ERROR_TABLE, res.status)
    const kind = target === 'item' ? rule.kind : (rule.offItem ?? rule.kind)
    const hint = typeof rule.hint === 'string' ? rule.hint : (rule.hint?.[target] ?? rule.hint?.[operation])
    const text = [errorText(res.body, res.text), hint].filter((s) => s !== undefined).join('; ')
    return E.left(
      responseError(http, operation, request, {
        kind,
        status: res.status,
        vendorCode: res.status,
        ...(text === '' ? {} : { detail: text }),
        ...(rule.retry === undefined ? { retryable: false } : { retryable: rule.retry === 'always' || mayRepeat(request) }),
        ...(rule.defaultRetryAfterMs === undefined ? {} : { retryAfterMs: parseRetryAfter(res.headers['retry-after']) ?? rule.defaultRetryAfterMs }),
      }),
    )
  }
