/**
 * Webshare's error table (vendor sheet §4, §6.6, §6.7, §6.15, §6.17) and the
 * reading of every error body shape Webshare sends.
 */
import * as E from 'fp-ts/Either'
import { type FieldProblem, type HttpClient, type HttpRequest, type HttpResponse, mayRepeat, type Operation, parseRetryAfter, responseError, statusRule, type StatusTable, type SubUserError, type SubUserErrorKind } from '../../src/adapter'
import { WebshareFieldMessage } from './codecs'

/**
 * How one HTTP status maps to a neutral error.
 * @example
 * const rule: WebshareErrorRule = { kind: 'validation', codes: { subuser_limit_reached: 'quota' } }
 */
export interface WebshareErrorRule {
  readonly kind: SubUserErrorKind
  /** Body codes (top-level `code` or a field error's `code`) that turn the status into another kind. */
  readonly codes?: Readonly<Record<string, SubUserErrorKind>>
  /** The kind when the request does not address one sub-user (create, a list page). */
  readonly offItem?: SubUserErrorKind
  /**
   * `'always'`: safe to retry. `'unless-post'`: retry GET, PATCH and DELETE, but
   * never a POST (create, refresh), which may have been applied (§6.8).
   * Left out: the kind's default.
   */
  readonly retry?: 'always' | 'unless-post'
  /** Wait used when the response has no usable `Retry-After` header. */
  readonly defaultRetryAfterMs?: number
  /** Added to the message after the vendor's own text. */
  readonly hint?: string
}

/**
 * Webshare's one error table: HTTP status → rule; `5xx` covers every server
 * error and `other` every status not listed.
 * @example
 * WEBSHARE_ERROR_TABLE[429]?.defaultRetryAfterMs // 60000
 */
export const WEBSHARE_ERROR_TABLE: StatusTable<WebshareErrorRule> = {
  400: { kind: 'validation', codes: { subuser_limit_reached: 'quota' } },
  401: { kind: 'auth' },
  403: { kind: 'auth', hint: 'the API key may lack sub-user API access (sub-user terms not accepted, plan upgrade needed, 2FA or account state)' },
  404: { kind: 'not_found', offItem: 'vendor' },
  405: { kind: 'vendor', hint: 'method not allowed (an adapter bug)' },
  406: { kind: 'vendor', hint: 'not acceptable (an adapter bug)' },
  408: { kind: 'timeout', retry: 'always' },
  409: { kind: 'conflict' },
  429: { kind: 'rate_limited', retry: 'always', defaultRetryAfterMs: 60_000 },
  '5xx': { kind: 'vendor', retry: 'unless-post' },
  other: { kind: 'vendor' },
}

/**
 * What an error body says.
 * @example
 * const b: WebshareErrorBody = { detail: 'Not found.', codes: [], fields: [] }
 */
export interface WebshareErrorBody {
  /** `detail`, or the text of a non-JSON body (HTML left out). */
  readonly detail?: string
  /** The top-level `code`, then each field error's `code`, in order. */
  readonly codes: ReadonlyArray<string>
  readonly fields: ReadonlyArray<FieldProblem>
}

const MAX_DEPTH = 4

/**
 * Reads an error body in any shape Webshare uses: `{detail, code?}`; field
 * errors as lists of strings, of `{message, code}` objects, mixed, or a bare
 * string; nested field errors (dotted paths); `non_field_errors` and a
 * top-level list or string (path `""`); plain text.
 * @example
 * parseErrorBody({ label: [{ message: 'This field is required.', code: 'required' }] }, '')
 * // { codes: ['required'], fields: [{ path: 'label', message: 'This field is required.' }] }
 */
export const parseErrorBody = (body: unknown, text: string): WebshareErrorBody => {
  const topCodes: string[] = []
  const fieldCodes: string[] = []
  const fields: FieldProblem[] = []
  let detail: string | undefined

  const visit = (path: string, value: unknown, depth: number): void => {
    if (WebshareFieldMessage.is(value)) {
      if (typeof value === 'string') fields.push({ path, message: value })
      else {
        fields.push({ path, message: value.message })
        if (value.code !== undefined) fieldCodes.push(value.code)
      }
    } else if (Array.isArray(value)) {
      for (const entry of value) visit(path, entry, depth)
    } else if (typeof value === 'object' && value !== null && depth < MAX_DEPTH) {
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) visit(path === '' ? key : `${path}.${key}`, inner, depth + 1)
    }
  }

  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (key === 'detail' && typeof value === 'string') detail = value
      else if (key === 'code' && typeof value === 'string') topCodes.push(value)
      else visit(key === 'non_field_errors' ? '' : key, value, 1)
    }
  } else if (body !== undefined) {
    visit('', body, 1)
  } else if (text.trim() !== '' && !/^\s*</.test(text)) {
    detail = text.trim().replace(/\s+/g, ' ')
  }
  return { ...(detail === undefined ? {} : { detail }), codes: [...topCodes, ...fieldCodes], fields }
}

/**
 * Whether a request addresses one sub-user (`/subuser/{id}/…`) or the collection.
 * A 404 means `not_found` only on an item.
 * @example
 * const target: WebshareTarget = 'item'
 */
export type WebshareTarget = 'item' | 'collection'

/**
 * Reads a Webshare response: a 2xx gives its parsed body (undefined when empty
 * or not JSON); anything else is a SubUserError built from
 * {@link WEBSHARE_ERROR_TABLE}.
 * @example
 * pipe(res, readResponse(http, 'get', request, 'item'))
 */
export const readResponse =
  (http: HttpClient, operation: Operation, request: HttpRequest, target: WebshareTarget) =>
  (res: HttpResponse): E.Either<SubUserError, unknown> => {
    if (res.status >= 200 && res.status <= 299) return E.right(res.body)
    const rule = statusRule(WEBSHARE_ERROR_TABLE, res.status)
    const { detail, codes, fields } = parseErrorBody(res.body, res.text)
    const codeKinds = rule.codes ?? {}
    const byCode = codes.find((c) => Object.prototype.hasOwnProperty.call(codeKinds, c))
    const kind = (byCode === undefined ? undefined : codeKinds[byCode]) ?? (target === 'item' ? rule.kind : (rule.offItem ?? rule.kind))
    const vendorCode = byCode ?? codes[0]
    const said = detail ?? (fields.length === 0 ? undefined : `refused: ${[...new Set(fields.map((f) => f.path || '(request)'))].join(', ')}`)
    const text = [said, rule.hint].filter((s) => s !== undefined).join('; ')
    return E.left(
      responseError(http, operation, request, {
        kind,
        status: res.status,
        ...(vendorCode === undefined ? {} : { vendorCode }),
        ...(text === '' ? {} : { detail: text }),
        ...(fields.length === 0 ? {} : { fields }),
        ...(rule.retry === undefined ? {} : { retryable: rule.retry === 'always' || mayRepeat(request) }),
        ...(rule.defaultRetryAfterMs === undefined
          ? {}
          : { retryAfterMs: parseRetryAfter(res.headers['retry-after']) ?? rule.defaultRetryAfterMs }),
      }),
    )
  }
