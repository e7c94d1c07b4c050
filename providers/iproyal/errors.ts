/**
 * IPRoyal's one error table (vendor sheet §4, §5) and the reading of its error bodies:
 * Laravel's `{message}` and, for a validation failure, `{message, errors: {field: [..]}}`.
 */
import * as E from 'fp-ts/Either'
import { type FieldProblem, type HttpClient, type HttpRequest, type HttpResponse, type Operation, parseRetryAfter, responseError, statusRule, type StatusTable, type SubUserError, type SubUserErrorKind } from '../../src/adapter'
import { IPRoyalErrorBody } from './codecs'

/**
 * How one HTTP status maps to a neutral error.
 * @example
 * const rule: IPRoyalErrorRule = { kind: 'not_found', offItem: 'vendor' }
 */
export interface IPRoyalErrorRule {
  readonly kind: SubUserErrorKind
  /** The kind when the request does not address one sub-user (the list, `/me`, the report). */
  readonly offItem?: SubUserErrorKind
  /**
   * `'always'`: safe to retry (the request was refused, not applied). `'unless-post'`: retry
   * GET, PUT and DELETE, never a POST (create, give-traffic, take-traffic move traffic: they
   * are read back instead, §5). Left out: the kind's default.
   */
  readonly retry?: 'always' | 'unless-post'
  /** Wait used when the response has no usable `Retry-After` header. */
  readonly defaultRetryAfterMs?: number
  /** Added to the message after the vendor's own text. */
  readonly hint?: string
}

/**
 * IPRoyal's one error table: HTTP status → rule; `5xx` covers every server error and `other`
 * every status not listed. `vendorCode` is always the HTTP status (IPRoyal has no body codes).
 * @example
 * IPROYAL_ERROR_TABLE[429]?.defaultRetryAfterMs // 5000
 */
export const IPROYAL_ERROR_TABLE: StatusTable<IPRoyalErrorRule> = {
  400: { kind: 'validation' },
  401: { kind: 'auth', hint: 'the API token is wrong or was reset (dashboard: Settings, API)' },
  403: { kind: 'auth', hint: 'the account may not have API access enabled (IPRoyal asks for a verified identity or $200 spent)' },
  404: { kind: 'not_found', offItem: 'vendor' },
  405: { kind: 'vendor', hint: 'method not allowed (an adapter bug)' },
  408: { kind: 'timeout', retry: 'unless-post' },
  409: { kind: 'conflict' },
  422: { kind: 'validation' },
  429: { kind: 'rate_limited', retry: 'always', defaultRetryAfterMs: 5_000 },
  '5xx': { kind: 'vendor', retry: 'unless-post' },
  other: { kind: 'vendor' },
}

/**
 * What an error body says: `message`, or the text of a non-JSON body (HTML left out), and the
 * field errors of `errors`, one problem per message.
 * @example
 * parseErrorBody({ message: 'The given data was invalid.', errors: { username: ['The username has already been taken.'] } }, '')
 * // { detail: 'The given data was invalid.', fields: [{ path: 'username', message: 'The username has already been taken.' }] }
 */
export const parseErrorBody = (body: unknown, text: string): { readonly detail?: string; readonly fields: ReadonlyArray<FieldProblem> } => {
  if (body !== undefined) {
    // Each part is read on its own: a message is kept beside an `errors` of another shape.
    const o = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
    const errors = IPRoyalErrorBody.props.errors.is(o.errors) ? o.errors : {}
    const fields = Object.entries(errors).flatMap(([path, said]) => (typeof said === 'string' ? [said] : said).map((message) => ({ path, message })))
    return { ...(typeof o.message === 'string' ? { detail: o.message } : {}), fields }
  }
  const plain = text.trim()
  return plain === '' || plain.startsWith('<') ? { fields: [] } : { detail: plain.replace(/\s+/g, ' '), fields: [] }
}

/**
 * Whether a request addresses one sub-user (`/residential-subusers/{hash}…`) or not: a 404
 * means `not_found` only on a sub-user.
 * @example
 * const target: IPRoyalTarget = 'item'
 */
export type IPRoyalTarget = 'item' | 'collection'

/**
 * Reads an IPRoyal response: a 2xx gives its parsed body (undefined when empty or not JSON);
 * anything else is a SubUserError built from {@link IPROYAL_ERROR_TABLE}.
 * @example
 * pipe(res, readResponse(http, 'get', request, 'item'))
 */
export const readResponse =
  (http: HttpClient, operation: Operation, request: HttpRequest, target: IPRoyalTarget) =>
  (res: HttpResponse): E.Either<SubUserError, unknown> => {
    if (res.status >= 200 && res.status <= 299) return E.right(res.body)
    const rule = statusRule(IPROYAL_ERROR_TABLE, res.status)
    const { detail, fields } = parseErrorBody(res.body, res.text)
    const text = [detail, rule.hint].filter((s) => s !== undefined).join('; ')
    return E.left(
      responseError(http, operation, request, {
        kind: target === 'item' ? rule.kind : (rule.offItem ?? rule.kind),
        status: res.status,
        vendorCode: res.status,
        ...(text === '' ? {} : { detail: text }),
        ...(fields.length === 0 ? {} : { fields }),
        ...(rule.retry === undefined ? {} : { retryable: rule.retry === 'always' || request.method !== 'POST' }),
        ...(rule.defaultRetryAfterMs === undefined ? {} : { retryAfterMs: parseRetryAfter(res.headers['retry-after']) ?? rule.defaultRetryAfterMs }),
      }),
    )
  }
