/**
 * IPRoyal's residential sub-user endpoints, one function each, speaking the wire format of
 * vendor sheet §1–§3: `Authorization: Bearer <token>`, JSON bodies, GB amounts, the hash in
 * every sub-user path, `PUT` for an update (never `PATCH` or a literal `UPDATE`, §6.1).
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { TE } from '../../src/adapter'
import { csvByHeader, decodeWith, type HttpClient, type HttpRequest, type Operation, type SubUserError } from '../../src/adapter'
import { IPRoyalMe, IPRoyalSubUser, IPRoyalSubUserPage, IPRoyalUsageRows } from './codecs'
import { readResponse, type IPRoyalTarget } from './errors'
import type { IPRoyalCreateBody, IPRoyalUpdateBody } from './validate'

/** Paths under the base URL. @example IPROYAL_PATHS.subusers // '/residential-subusers' */
export const IPROYAL_PATHS = {
  subusers: '/residential-subusers',
  me: '/me',
  /** Where the main balance is read when `/me` answers 404 (§6.15). */
  residentialMe: '/residential/me',
  sessions: '/sessions',
  usageReport: '/residential/data-usage-report',
} as const

/**
 * The report's columns, found by header (their names are undocumented, §6.12): exactly one
 * cell must match each.
 * @example
 * IPROYAL_REPORT_COLUMNS.bytes.test('Traffic (B)') // true
 */
export const IPROYAL_REPORT_COLUMNS = { date: /date|day/i, bytes: /traffic|usage|data|bytes/i } as const

/** Sub-users asked for per page; never trusted (§6.11). @example IPROYAL_PAGE_SIZE === 100 */
export const IPROYAL_PAGE_SIZE = 100

/**
 * The calls of one API token. Hashes are already checked; each call resolves to the decoded
 * payload or a SubUserError.
 * @example
 * const api = iproyalApi(http, 'fake-token')
 * const subUser = await api.retrieve('get', '01HQ5K3P97DY8EX9Y90YT1K6XA')()
 */
export interface IPRoyalApi {
  /** `GET /residential-subusers?page=&per_page=100[&search=]`, reported as `operation`. */
  page(operation: Operation, page: number, search?: string): TE.TaskEither<SubUserError, IPRoyalSubUserPage>
  /** `GET /residential-subusers/{hash}`, reported as `operation`. */
  retrieve(operation: Operation, hash: string): TE.TaskEither<SubUserError, IPRoyalSubUser>
  /** `POST /residential-subusers`: moves `traffic` out of the main balance. Not idempotent. */
  create(body: IPRoyalCreateBody): TE.TaskEither<SubUserError, IPRoyalSubUser>
  /** `PUT /residential-subusers/{hash}` with only the keys of `body`. */
  update(hash: string, body: IPRoyalUpdateBody): TE.TaskEither<SubUserError, IPRoyalSubUser>
  /** `DELETE /residential-subusers/{hash}`: any 2xx, with or without a body, is success (§6.17). */
  destroy(hash: string): TE.TaskEither<SubUserError, void>
  /** `POST /residential-subusers/{hash}/give-traffic` or `/take-traffic` with `{amount}` in GB. Not idempotent. */
  move(direction: 'give' | 'take', hash: string, amountGB: number): TE.TaskEither<SubUserError, IPRoyalSubUser>
  /** `GET /me`, or `GET /residential/me` once when `/me` answers 404 (§6.15): the main balance. */
  me(operation: Operation): TE.TaskEither<SubUserError, IPRoyalMe>
  /**
   * `GET /residential/data-usage-report?hash=&date_from=&date_to=&measurement_unit=B&rounding_decimal=0&time_zone=UTC`:
   * the CSV report of one sub-user's days, read by its header (§3.8, §6.12).
   */
  usageReport(hash: string, fromDate: string, toDate: string): TE.TaskEither<SubUserError, IPRoyalUsageRows>
  /** `DELETE /sessions` with `{"residential_user_hashes": [...]}`; any 2xx is success. */
  resetSessions(hashes: ReadonlyArray<string>): TE.TaskEither<SubUserError, void>
}

/**
 * Binds the endpoints to one HTTP client and API token.
 * @example
 * const api = iproyalApi(http, 'fake-token')
 */
export const iproyalApi = (http: HttpClient, apiToken: string): IPRoyalApi => {
  const headers = { Authorization: `Bearer ${apiToken}` }
  const item = (hash: string) => `${IPROYAL_PATHS.subusers}/${hash}`
  const call = (operation: Operation, request: HttpRequest, target: IPRoyalTarget): TE.TaskEither<SubUserError, unknown> =>
    http.call(operation, request, readResponse(http, operation, request, target))
  const subUser = (operation: Operation, request: HttpRequest, target: IPRoyalTarget = 'item') =>
    pipe(call(operation, request, target), TE.flatMapEither(decodeWith(IPRoyalSubUser, 'iproyal', operation)))
  const balance = (operation: Operation, url: string) =>
    pipe(call(operation, { method: 'GET', url, headers }, 'collection'), TE.flatMapEither(decodeWith(IPRoyalMe, 'iproyal', operation)))

  return {
    page: (operation, page, search) =>
      pipe(
        call(operation, { method: 'GET', url: IPROYAL_PATHS.subusers, query: { page: String(page), per_page: String(IPROYAL_PAGE_SIZE), ...(search === undefined ? {} : { search }) }, headers }, 'collection'),
        TE.flatMapEither(decodeWith(IPRoyalSubUserPage, 'iproyal', operation)),
      ),
    retrieve: (operation, hash) => subUser(operation, { method: 'GET', url: item(hash), headers }),
    create: (body) => subUser('create', { method: 'POST', url: IPROYAL_PATHS.subusers, headers, json: body, secrets: [body.password] }, 'collection'),
    update: (hash, body) => subUser('update', { method: 'PUT', url: item(hash), headers, json: body, secrets: body.password === undefined ? [] : [body.password] }),
    destroy: (hash) =>
      pipe(
        call('delete', { method: 'DELETE', url: item(hash), headers }, 'item'),
        TE.map(() => undefined),
      ),
    move: (direction, hash, amountGB) => subUser('update', { method: 'POST', url: `${item(hash)}/${direction}-traffic`, headers, json: { amount: amountGB } }),
    me: (operation) =>
      pipe(
        balance(operation, IPROYAL_PATHS.me),
        TE.orElse((e) => (e.status === 404 ? balance(operation, IPROYAL_PATHS.residentialMe) : TE.left(e))),
      ),
    usageReport: (hash, fromDate, toDate) => {
      const request: HttpRequest = {
        method: 'GET',
        url: IPROYAL_PATHS.usageReport,
        query: { hash, date_from: fromDate, date_to: toDate, measurement_unit: 'B', rounding_decimal: '0', time_zone: 'UTC' },
        headers,
      }
      // A CSV, not JSON: its text is read, once the status is a success.
      return pipe(
        http.call('usage', request, (res) => pipe(readResponse(http, 'usage', request, 'collection')(res), E.map(() => res.text))),
        TE.flatMapEither((text) => csvByHeader('iproyal', 'usage', text, IPROYAL_REPORT_COLUMNS)),
        TE.flatMapEither(decodeWith(IPRoyalUsageRows, 'iproyal', 'usage', '(csv)')),
      )
    },
    resetSessions: (hashes) =>
      pipe(
        call('refresh', { method: 'DELETE', url: IPROYAL_PATHS.sessions, headers, json: { residential_user_hashes: hashes } }, 'collection'),
        TE.map(() => undefined),
      ),
  }
}
