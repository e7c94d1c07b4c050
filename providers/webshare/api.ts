/**
 * Webshare's v2 sub-user endpoints, one function each, speaking the wire
 * format of vendor sheet §1–§3: `Authorization: Token <key>`, JSON bodies,
 * trailing slashes, `plan_id` in the query of every call but refresh, and
 * `next` links followed only on the API's own origin; and the proxy config,
 * proxy list and stats calls made as a sub-user with `X-Subuser` (§8).
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { TE } from '../../src/adapter'
import { decodeWith, type HttpClient, type HttpRequest, type Operation, responseError, type SubUserError } from '../../src/adapter'
import { WebshareProxyConfig, WebshareProxyPage, WebshareHourlyStats, WebshareSubUser, WebshareSubUserPage } from './codecs'
import { readResponse, type WebshareTarget } from './errors'
import type { WebshareWriteBody } from './validate'

/** The collection path; every sub-user path sits below it and ends in `/` (§6.3). @example WEBSHARE_SUBUSER_PATH === '/api/v2/subuser/' */
export const WEBSHARE_SUBUSER_PATH = '/api/v2/subuser/'

/** The paths called as a sub-user, with `X-Subuser` (§8). @example WEBSHARE_PROXY_PATHS.stats // '/api/v2/stats/' */
export const WEBSHARE_PROXY_PATHS = {
  config: '/api/v2/proxy/config/',
  list: '/api/v2/proxy/list/',
  stats: '/api/v2/stats/',
} as const

/** The header that makes a call act as a sub-user (§1, §8). @example WEBSHARE_SUBUSER_HEADER === 'X-Subuser' */
export const WEBSHARE_SUBUSER_HEADER = 'X-Subuser'

/**
 * The calls of one API key (and plan). Ids are already checked; each call
 * resolves to the decoded payload or a SubUserError.
 * @example
 * const api = webshareApi(http, { apiKey: 'fake-key', pageSize: 100 })
 * const subUser = await api.retrieve('get', '42')()
 */
export interface WebshareApi {
  /** `POST /api/v2/subuser/`. */
  create(body: WebshareWriteBody): TE.TaskEither<SubUserError, WebshareSubUser>
  /** `GET /api/v2/subuser/{id}/`, reporting failures as `operation`. */
  retrieve(operation: Operation, id: string): TE.TaskEither<SubUserError, WebshareSubUser>
  /** `PATCH /api/v2/subuser/{id}/` with only the keys of `body`. */
  update(id: string, body: WebshareWriteBody): TE.TaskEither<SubUserError, WebshareSubUser>
  /** `DELETE /api/v2/subuser/{id}/`: any 2xx (204, empty) is success. */
  destroy(id: string): TE.TaskEither<SubUserError, void>
  /** `POST /api/v2/subuser/{id}/refresh/`, no body and no `plan_id` (§6.4). */
  refresh(id: string): TE.TaskEither<SubUserError, WebshareSubUser>
  /** `GET /api/v2/subuser/?page=1&page_size=…`. */
  firstPage(): TE.TaskEither<SubUserError, WebshareSubUserPage>
  /** `GET <next>` verbatim, only when `next` is on the API's origin; otherwise a `vendor` error and nothing sent (§6.9). */
  nextPage(next: string): TE.TaskEither<SubUserError, WebshareSubUserPage>
  /** `GET /api/v2/proxy/config/` as the sub-user: its proxy login. A sub-user Webshare does not know is `not_found`. */
  proxyConfig(id: string): TE.TaskEither<SubUserError, WebshareProxyConfig>
  /**
   * `GET /api/v2/proxy/list/?mode=…&page=1&page_size=…` as the sub-user, or (with `next`) the
   * page that link names, on the API's origin only. `secrets` are values no error may show.
   */
  proxyList(id: string, mode: 'direct' | 'backbone', secrets: ReadonlyArray<string>, next?: string): TE.TaskEither<SubUserError, WebshareProxyPage>
  /** `GET /api/v2/stats/?timestamp__gte=…&timestamp__lte=…` as the sub-user: its hourly rows. */
  stats(id: string, gte: string, lte: string): TE.TaskEither<SubUserError, WebshareHourlyStats>
}

/**
 * Binds the endpoints to one HTTP client, API key, page size and optional plan.
 * @example
 * const api = webshareApi(http, { apiKey: 'fake-key', planId: '1234', pageSize: 100 })
 */
export const webshareApi = (
  http: HttpClient,
  config: { readonly apiKey: string; readonly planId?: string; readonly pageSize: number },
): WebshareApi => {
  const origin = new URL(http.baseURL).origin
  const headers = { Authorization: `Token ${config.apiKey}` }
  const plan: Readonly<Record<string, string>> = config.planId === undefined ? {} : { plan_id: config.planId }
  const item = (id: string) => `${WEBSHARE_SUBUSER_PATH}${id}/`
  const asSubUser = (id: string) => ({ ...headers, [WEBSHARE_SUBUSER_HEADER]: id })

  const call = (operation: Operation, request: HttpRequest, target: WebshareTarget): TE.TaskEither<SubUserError, unknown> =>
    http.call(operation, request, readResponse(http, operation, request, target))
  const subUser = (operation: Operation, request: HttpRequest) =>
    pipe(call(operation, request, 'item'), TE.flatMapEither(decodeWith(WebshareSubUser, 'webshare', operation)))
  const page = (request: HttpRequest) =>
    pipe(call('list', request, 'collection'), TE.flatMapEither(decodeWith(WebshareSubUserPage, 'webshare', 'list')))

  return {
    create: (body) =>
      pipe(
        call('create', { method: 'POST', url: WEBSHARE_SUBUSER_PATH, query: plan, headers, json: body }, 'collection'),
        TE.flatMapEither(decodeWith(WebshareSubUser, 'webshare', 'create')),
      ),
    retrieve: (operation, id) => subUser(operation, { method: 'GET', url: item(id), query: plan, headers }),
    update: (id, body) => subUser('update', { method: 'PATCH', url: item(id), query: plan, headers, json: body }),
    destroy: (id) =>
      pipe(
        call('delete', { method: 'DELETE', url: item(id), query: plan, headers }, 'item'),
        TE.map(() => undefined),
      ),
    refresh: (id) => subUser('refresh', { method: 'POST', url: `${item(id)}refresh/`, headers }),
    firstPage: () =>
      page({ method: 'GET', url: WEBSHARE_SUBUSER_PATH, query: { page: '1', page_size: String(config.pageSize), ...plan }, headers }),
    nextPage: (next) =>
      pipe(
        TE.fromEither(checkNextLink(http, next, origin)),
        TE.flatMap((url) => page({ method: 'GET', url, headers })),
      ),
    proxyConfig: (id) =>
      pipe(
        call('access', { method: 'GET', url: WEBSHARE_PROXY_PATHS.config, query: plan, headers: asSubUser(id) }, 'item'),
        TE.flatMapEither(decodeWith(WebshareProxyConfig, 'webshare', 'access')),
      ),
    proxyList: (id, mode, secrets, next) => {
      const headers = asSubUser(id)
      // The first page names the sub-user (404: unknown); a followed link is the listing's own.
      const request = next === undefined
        ? TE.right<SubUserError, [HttpRequest, WebshareTarget]>([{ method: 'GET', url: WEBSHARE_PROXY_PATHS.list, query: { mode, page: '1', page_size: String(config.pageSize), ...plan }, headers, secrets }, 'item'])
        : pipe(TE.fromEither(checkNextLink(http, next, origin, 'access')), TE.map((url): [HttpRequest, WebshareTarget] => [{ method: 'GET', url, headers, secrets }, 'collection']))
      return pipe(
        request,
        TE.flatMap(([req, target]) => call('access', req, target)),
        TE.flatMapEither(decodeWith(WebshareProxyPage, 'webshare', 'access')),
      )
    },
    stats: (id, gte, lte) =>
      pipe(
        call('usage', { method: 'GET', url: WEBSHARE_PROXY_PATHS.stats, query: { timestamp__gte: gte, timestamp__lte: lte, ...plan }, headers: asSubUser(id) }, 'item'),
        TE.flatMapEither(decodeWith(WebshareHourlyStats, 'webshare', 'usage')),
      ),
  }
}

/**
 * Accepts a `next` link only when it is an absolute http(s) URL on `origin`
 * (scheme, host and port) without user info, so the API key goes nowhere else.
 * The link itself is returned unchanged.
 */
const checkNextLink = (http: HttpClient, next: string, origin: string, operation: Operation = 'list'): E.Either<SubUserError, string> => {
  let url: URL | undefined
  try {
    url = new URL(next)
  } catch {
    url = undefined
  }
  const safe = url !== undefined && /^https?:\/\//i.test(next) && url.origin === origin && url.username === '' && url.password === ''
  return safe ? E.right(next) : E.left(responseError(http, operation, {}, { kind: 'vendor', detail: 'the next-page link is not on the API origin; not followed' }))
}
