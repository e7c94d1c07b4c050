/**
 * DeviceHive's error table, status → kind, and the reading of its `{ error, message }` bodies.
 */
import * as E from 'fp-ts/Either'
import { type HttpClient, type HttpRequest, type HttpResponse, mayRepeat, type Operation, responseError, statusRule, type StatusTable, type SubUserError, type SubUserErrorKind } from 'proxy-subusers/adapter'
import { DeviceHiveErrorBody } from './codecs'

/**
 * How one status maps to a neutral error. `byMessage` refines it by DeviceHive's message, for
 * the one status DeviceHive gives two meanings (403: forbidden, or a login already taken).
 * @example
 * const rule: DeviceHiveErrorRule = { kind: 'not_found', offItem: 'vendor' }
 */
export interface DeviceHiveErrorRule {
  readonly kind: SubUserErrorKind
  /** The kind when the request addresses no one user (create, a list page). */
  readonly offItem?: SubUserErrorKind
  readonly byMessage?: ReadonlyArray<readonly [RegExp, SubUserErrorKind]>
  /** `'reads'`: retry a GET, never a write (its outcome is unknown: it is read back instead). */
  readonly retry?: 'always' | 'reads'
}

/**
 * DeviceHive's one error table. A login already taken is 403 with "already exists" in the
 * message, as DeviceHive answers it (its ActionNotAllowedException): `conflict`; any other
 * 403 (a client-role token managing users) is `auth`.
 * @example
 * DEVICEHIVE_ERROR_TABLE[404]?.kind // 'not_found'
 */
export const DEVICEHIVE_ERROR_TABLE: StatusTable<DeviceHiveErrorRule> = {
  400: { kind: 'validation' },
  401: { kind: 'auth' },
  403: { kind: 'auth', byMessage: [[/already exists/i, 'conflict']] },
  404: { kind: 'not_found', offItem: 'vendor' },
  409: { kind: 'conflict' },
  429: { kind: 'rate_limited', retry: 'always' },
  '5xx': { kind: 'vendor', retry: 'reads' },
  other: { kind: 'vendor' },
}

/**
 * Reads a DeviceHive response: a 2xx gives its parsed body; anything else a SubUserError from
 * {@link DEVICEHIVE_ERROR_TABLE}, its message redacted by `responseError`.
 * @example
 * http.call('get', request, readResponse(http, 'get', request, 'item'))
 */
export const readResponse =
  (http: HttpClient, operation: Operation, request: HttpRequest, target: 'item' | 'collection') =>
  (res: HttpResponse): E.Either<SubUserError, unknown> => {
    if (res.status >= 200 && res.status <= 299) return E.right(res.body)
    const rule = statusRule(DEVICEHIVE_ERROR_TABLE, res.status)
    const body = DeviceHiveErrorBody.is(res.body) ? res.body : {}
    const byMessage = body.message === undefined ? undefined : rule.byMessage?.find(([pattern]) => pattern.test(body.message!))?.[1]
    const kind = byMessage ?? (target === 'item' ? rule.kind : (rule.offItem ?? rule.kind))
    return E.left(
      responseError(http, operation, request, {
        kind,
        status: res.status,
        ...(body.message === undefined ? {} : { detail: body.message }),
        ...(rule.retry === undefined ? {} : { retryable: rule.retry === 'always' || mayRepeat(request) }),
      }),
    )
  }
