/**
 * Oxylabs' sub-user endpoints, one function each, speaking the wire format of vendor sheet
 * §1–§3: `POST /login` with the main proxy user's Basic credentials for a token; every other
 * call under `/users/{userId}` with `Authorization: Bearer <token>`, JSON bodies, bare replies.
 * The session (src/session.ts) logs in lazily, once for concurrent calls, renews the token
 * before it expires and once when a call is refused (401 or 403), repeating that call once.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { TE } from '../../src/adapter'
import { createSession, decodeElements, decodeWith, type HttpRequest, type HttpResponse, type Operation, type StreamingHttpClient, type SubUserError } from '../../src/adapter'
import { OxylabsCreated, OxylabsDailyStats, OxylabsListRows, OxylabsLogin, OxylabsNamedRow, OxylabsNamedRows, OxylabsSubUser, OxylabsSubUserList, OxylabsSubUserStats } from './codecs'
import { readResponse, type OxylabsTarget } from './errors'
import { tokenRenewAt } from './token'
import type { OxylabsCreateBody, OxylabsPatchBody } from './validate'

/** The login path under the base URL. @example OXYLABS_LOGIN_PATH === '/login' */
export const OXYLABS_LOGIN_PATH = '/login'

/**
 * A logged-in session: the main user's id (opaque, percent-encoded in every path) and its token.
 * @example
 * const s: OxylabsSession = { userId: '4b1f0e6e-3c35-4b43-9a53-2f1a4c9e8d10', token: 'eyJ…' }
 */
export interface OxylabsSession {
  readonly userId: string
  readonly token: string
}

/**
 * A `type` of the usage stats endpoint (sheet §3.3).
 * @example
 * const type: OxylabsStatsType = '24h'
 */
export type OxylabsStatsType = '24h' | 'week' | 'month' | 'current_month' | 'lifetime' | 'custom'

/**
 * The calls of one main proxy user. Ids are already checked; each call resolves to the decoded
 * payload or a SubUserError.
 * @example
 * const api = oxylabsApi(http, { username: 'main_user', password }, Date.now)
 * const rows = await api.list('list')()
 */
export interface OxylabsApi {
  /** `GET /users/{userId}/sub-users`: every row the vendor lists. */
  list(operation: Operation): TE.TaskEither<SubUserError, ReadonlyArray<OxylabsSubUser>>
  /**
   * The same list, for a read of one sub-user: the row with this id, decoded alone at its
   * index's path, and the main user's row (the one this API logs in as), read for its id and
   * username only; undefined where the list has none. A malformed row of another sub-user does
   * not stop the read, and a malformed main row is left out (it only tells the main user's id).
   * @example
   * const { row, main } = await api.findRow('get', '12345')()
   */
  findRow(operation: Operation, id: string): TE.TaskEither<SubUserError, FoundRow>
  /**
   * The same list, each row checked only for its id and username (a create's name checks);
   * {@link decodeRow} decodes the one row kept.
   * @example
   * const rows = await api.namedRows('create')()
   */
  namedRows(operation: Operation): TE.TaskEither<SubUserError, ReadonlyArray<OxylabsNamedRow>>
  /**
   * The same list read as it arrives: resolves once the first row is in, then hands the rows
   * over one at a time, each decoded (the reply is never held whole). Retried, and logged in
   * again after a refused token, until the first row has arrived.
   */
  streamList(operation: Operation): TE.TaskEither<SubUserError, AsyncIterable<OxylabsSubUser>>
  /** `POST /users/{userId}/sub-users`: the new id (undefined when the 2xx reply has no body). Never retried. */
  create(body: OxylabsCreateBody): TE.TaskEither<SubUserError, number | undefined>
  /** `GET /users/{userId}/sub-users/{id}?type=…`: usage stats, in either shape. */
  stats(operation: Operation, id: string, query: { readonly type: OxylabsStatsType } & Readonly<Record<string, string>>): TE.TaskEither<SubUserError, OxylabsSubUserStats>
  /**
   * `GET /users/{userId}/sub-users/{id}?type=custom&date_from=…&date_to=…&time_zone=UTC`: usage
   * by UTC day between two `YYYY-MM-DD` dates (both included), in either shape (§6.12).
   */
  dailyStats(id: string, fromDate: string, toDate: string): TE.TaskEither<SubUserError, OxylabsDailyStats>
  /** `PATCH /users/{userId}/sub-users/{id}` with only the keys of `body` (absolute values: retried like a GET). */
  update(id: string, body: OxylabsPatchBody): TE.TaskEither<SubUserError, void>
  /** `DELETE /users/{userId}/sub-users/{id}`: any 2xx (204, empty) is success. Read back, never retried blindly. */
  destroy(id: string): TE.TaskEither<SubUserError, void>
}

/**
 * One row of a list read whole, decoded in full at its index's path.
 * @example
 * decodeRow('create', rows, 3) // Right(row), or a decode error naming paths such as 3.status
 */
export const decodeRow = (operation: Operation, rows: ReadonlyArray<unknown>, index: number): E.Either<SubUserError, OxylabsSubUser> =>
  decodeWith(OxylabsSubUser, 'oxylabs', operation, String(index))(rows[index])

/** What {@link OxylabsApi.findRow} found: the row asked for, decoded alone, and the main user's id and username. */
interface FoundRow {
  readonly row: OxylabsSubUser | undefined
  readonly main: OxylabsNamedRow | undefined
}

/** An undecoded row's `id` and `username` as they stand (undefined where it is no object). */
const keysOf = (row: unknown): { readonly id?: unknown; readonly username?: unknown } => (typeof row === 'object' && row !== null ? row : {})

/** Whether an undecoded row has this id (a number, or a string that a full decode then refuses). */
const hasId = (row: unknown, id: string): boolean => {
  const rowId = keysOf(row).id
  return (typeof rowId === 'number' || typeof rowId === 'string') && String(rowId) === id
}

/**
 * Binds the endpoints to one HTTP client and main proxy user; `now` is the clock the token's
 * expiry is measured on (epoch ms). Every token obtained is added to the client's secrets.
 * @example
 * const api = oxylabsApi(http, { username: 'main_user', password: 'Main_Password#1' }, Date.now)
 */
export const oxylabsApi = (http: StreamingHttpClient, credentials: { readonly username: string; readonly password: string }, now: () => number): OxylabsApi => {
  const basic = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`

  const logIn = (operation: Operation): TE.TaskEither<SubUserError, OxylabsSession> => {
    // No body (the vendor's example sends none); it changes nothing, so it is retried like a GET.
    const request: HttpRequest = { method: 'POST', url: OXYLABS_LOGIN_PATH, headers: { Authorization: basic }, secrets: [credentials.password], idempotent: true }
    return pipe(
      http.call(operation, request, (res) => pipe(readResponse(http, operation, request, 'login')(res), E.flatMap(decodeWith(OxylabsLogin, 'oxylabs', operation)))),
      TE.map((reply) => {
        http.addSecret(reply.token)
        return { userId: reply.user_id, token: reply.token }
      }),
    )
  }
  const session = createSession<OxylabsSession>({ login: logIn, renewAt: (s, obtainedAt) => tokenRenewAt(s.token, obtainedAt), now })

  /** Sends a request built under the session user's sub-user collection, with its token; `readBody` reads a 2xx body. */
  const send = <A>(
    operation: Operation,
    target: OxylabsTarget,
    build: (collection: string) => Omit<HttpRequest, 'headers'>,
    readBody: (body: unknown) => E.Either<SubUserError, A>,
  ): TE.TaskEither<SubUserError, A> =>
    session.run(operation, (s) => {
      const request: HttpRequest = { ...build(collectionOf(s)), headers: { Authorization: `Bearer ${s.token}` } }
      return http.call(operation, request, (res) => pipe(readResponse(http, operation, request, target)(res), E.flatMap(readBody)))
    })
  const nothing = (): E.Either<SubUserError, void> => E.right(undefined)
  const collectionOf = (s: OxylabsSession) => `/users/${encodeURIComponent(s.userId)}/sub-users`
  const listRequest = (collection: string): Omit<HttpRequest, 'headers'> => ({ method: 'GET', url: collection })

  return {
    list: (operation) => send(operation, 'account', listRequest, decodeWith(OxylabsSubUserList, 'oxylabs', operation)),
    findRow: (operation, id) =>
      send(operation, 'account', listRequest, (body) =>
        pipe(
          decodeWith(OxylabsListRows, 'oxylabs', operation)(body),
          E.flatMap((rows): E.Either<SubUserError, FoundRow> => {
            const at = rows.findIndex((r) => hasId(r, id))
            const mainAt = rows.findIndex((r) => keysOf(r).username === credentials.username)
            const main = mainAt < 0 ? undefined : E.getOrElseW(() => undefined)(decodeWith(OxylabsNamedRow, 'oxylabs', operation, String(mainAt))(rows[mainAt]))
            return at < 0 ? E.right({ row: undefined, main }) : pipe(decodeRow(operation, rows, at), E.map((row) => ({ row, main })))
          }),
        ),
      ),
    namedRows: (operation) => send(operation, 'account', listRequest, decodeWith(OxylabsNamedRows, 'oxylabs', operation)),
    streamList: (operation) =>
      session.run(operation, (s) => {
        const request: HttpRequest = { method: 'GET', url: collectionOf(s), headers: { Authorization: `Bearer ${s.token}` } }
        const read = readResponse(http, operation, request, 'account')
        // The reply is the array: what is left of it once its rows went by must still be one (an object is a decode error).
        const check = (res: HttpResponse, { complete }: { readonly complete: boolean }) => (complete ? pipe(read(res), E.flatMap(decodeWith(OxylabsSubUserList, 'oxylabs', operation))) : read(res))
        return pipe(
          http.streamArray(operation, request, { path: '', check }),
          TE.map((reply) => decodeElements(OxylabsSubUser, 'oxylabs', operation)(reply.elements)),
        )
      }),
    create: (body) =>
      send('create', 'account', (collection) => ({ method: 'POST', url: collection, json: body, secrets: [body.password] }), (reply) =>
        reply === undefined ? E.right(undefined) : pipe(reply, decodeWith(OxylabsCreated, 'oxylabs', 'create'), E.map((created) => created.id)),
      ),
    stats: (operation, id, query) => send(operation, 'item', (collection) => ({ method: 'GET', url: `${collection}/${id}`, query }), decodeWith(OxylabsSubUserStats, 'oxylabs', operation)),
    dailyStats: (id, fromDate, toDate) =>
      send('usage', 'item', (collection) => ({ method: 'GET', url: `${collection}/${id}`, query: { type: 'custom', date_from: fromDate, date_to: toDate, time_zone: 'UTC' } }), decodeWith(OxylabsDailyStats, 'oxylabs', 'usage')),
    update: (id, body) =>
      send('update', 'item', (collection) => ({ method: 'PATCH', url: `${collection}/${id}`, json: body, secrets: body.password === undefined ? [] : [body.password], idempotent: true }), nothing),
    destroy: (id) => send('delete', 'item', (collection) => ({ method: 'DELETE', url: `${collection}/${id}` }), nothing),
  }
}
