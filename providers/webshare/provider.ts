/**
 * The Webshare adapter: the seven neutral operations on Webshare's v2
 * sub-user endpoints (vendor sheet §3.7).
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Capabilities } from '../../src/capabilities'
import { decodeWith } from '../../src/decode'
import type { CreateSubUser, Operation, SubUser, UpdateSubUser } from '../../src/domain'
import { SubUserError } from '../../src/errors'
import { createHttpClient, type CommonOptions, type HttpRequest } from '../../src/http'
import { defineProvider, type Page, type SubUserProvider } from '../../src/provider'
import { WebshareSubUser, WebshareSubUserPage } from './codecs'
import { readResponse } from './errors'
import { toSubUser } from './mapping'
import { WEBSHARE_LIMIT_STEP } from './units'
import { checkId, toWireBody } from './validate'

/** Webshare's API origin. @example createWebshareProvider({ apiKey, baseURL: WEBSHARE_DEFAULT_BASE_URL }) */
export const WEBSHARE_DEFAULT_BASE_URL = 'https://proxy.webshare.io'
/** Sub-users asked for per page (the real maximum is undocumented, §6.9). @example WEBSHARE_DEFAULT_PAGE_SIZE === 100 */
export const WEBSHARE_DEFAULT_PAGE_SIZE = 100

/**
 * Options of {@link createWebshareProvider}.
 * @example
 * const o: WebshareOptions = { apiKey: process.env.WEBSHARE_API_KEY!, planId: 1234 }
 */
export interface WebshareOptions extends CommonOptions {
  readonly apiKey: string
  /** Sent as the `plan_id` query parameter on list, get, create, update and delete (not refresh). */
  readonly planId?: string | number
  /** Default {@link WEBSHARE_DEFAULT_BASE_URL}. */
  readonly baseURL?: string
  /** Default {@link WEBSHARE_DEFAULT_PAGE_SIZE}. */
  readonly pageSize?: number
}

/**
 * What Webshare can do: no passwords and no disabled status on a sub-user;
 * refresh renews the custom proxy list.
 * @example
 * webshareCapabilities.statuses // ['active']
 */
export const webshareCapabilities: Capabilities = {
  create: ['username', 'status', 'trafficLimitBytes'],
  update: ['username', 'status', 'trafficLimitBytes'],
  statuses: ['active'],
  readsPassword: false,
  refresh: 'renew-proxy-list',
  listing: 'paged',
  trafficLimit: { stepBytes: WEBSHARE_LIMIT_STEP, minBytes: WEBSHARE_LIMIT_STEP },
}

const BASE_PATH = '/api/v2/subuser/'

/**
 * A Webshare provider. Ids are Webshare's numeric ids as strings. Throws a
 * `validation` SubUserError (operation `list`) when `apiKey` is missing.
 * @example
 * const p = createWebshareProvider({ apiKey: process.env.WEBSHARE_API_KEY! })
 * for await (const u of p.iterate()) console.log(u.username)
 */
export const createWebshareProvider = (options: WebshareOptions): SubUserProvider => {
  if (typeof options?.apiKey !== 'string' || options.apiKey === '') {
    throw new SubUserError({ kind: 'validation', provider: 'webshare', operation: 'list', message: 'webshare: an apiKey is required', fields: [{ path: 'apiKey', message: 'is required' }] })
  }
  const pageSize = options.pageSize ?? WEBSHARE_DEFAULT_PAGE_SIZE
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new SubUserError({ kind: 'validation', provider: 'webshare', operation: 'list', message: 'webshare: pageSize must be a whole number ≥ 1', fields: [{ path: 'pageSize', message: 'must be a whole number ≥ 1' }] })
  }
  const http = createHttpClient({ provider: 'webshare', baseURL: options.baseURL ?? WEBSHARE_DEFAULT_BASE_URL, secrets: [options.apiKey], options })
  const origin = new URL(http.baseURL).origin
  const auth = { Authorization: `Token ${options.apiKey}` }
  const plan: Record<string, string> = options.planId === undefined ? {} : { plan_id: String(options.planId) }

  const request = (method: HttpRequest['method'], path: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
    method, url: path, headers: auth, ...extra,
  })
  const call = (operation: Operation, req: HttpRequest, followingNext = false) =>
    pipe(http.send(operation, req), TE.flatMapEither(readResponse(http, operation, req, followingNext)))
  const subUser = (operation: Operation, req: HttpRequest) =>
    pipe(call(operation, req), TE.flatMapEither(decodeWith(WebshareSubUser, 'webshare', operation)), TE.map(toSubUser))
  const byId = (id: string) => `${BASE_PATH}${id}/`
  const withId = <A>(operation: Operation, id: string, f: (id: string) => TE.TaskEither<SubUserError, A>) =>
    pipe(TE.fromEither(checkId(operation, id)), TE.flatMap(f))

  const get = (id: string) => withId('get', id, (i) => subUser('get', request('GET', byId(i), { query: plan })))

  const page = (req: HttpRequest, followingNext: boolean): TE.TaskEither<SubUserError, Page> =>
    pipe(
      call('list', req, followingNext),
      TE.flatMapEither(decodeWith(WebshareSubUserPage, 'webshare', 'list')),
      TE.flatMapEither(({ next, results }) => {
        const items = results.map(toSubUser)
        if (next === null) return E.right({ items })
        return pipe(
          sameOrigin(next, origin),
          E.map((url) => ({ items, next: () => page(request('GET', url), true) })),
        )
      }),
    )

  return defineProvider({
    id: 'webshare',
    capabilities: webshareCapabilities,
    create: (input: CreateSubUser) =>
      pipe(
        TE.fromEither(toWireBody('create', input)),
        TE.flatMap((json) => subUser('create', request('POST', BASE_PATH, { query: plan, json }))),
      ),
    get,
    update: (id: string, patch: UpdateSubUser): TE.TaskEither<SubUserError, SubUser> =>
      withId('update', id, (i) =>
        pipe(
          TE.fromEither(toWireBody('update', patch)),
          // A patch that changes nothing Webshare stores (only `status: 'active'`) is a read.
          TE.flatMap((json) => (Object.keys(json).length === 0 ? get(i) : subUser('update', request('PATCH', byId(i), { query: plan, json })))),
        ),
      ),
    delete: (id: string) =>
      withId('delete', id, (i) => pipe(call('delete', request('DELETE', byId(i), { query: plan })), TE.map(() => undefined))),
    firstPage: () => page(request('GET', BASE_PATH, { query: { ...plan, page: '1', page_size: String(pageSize) } }), false),
    // No plan_id on refresh: Webshare does not document it there (§6.4).
    refresh: (id: string) => withId('refresh', id, (i) => subUser('refresh', request('POST', `${byId(i)}refresh/`))),
  })
}

/** Follows `next` only on the provider's own origin, so the API key never leaves it (§6.9). */
const sameOrigin = (next: string, origin: string): E.Either<SubUserError, string> => {
  let url: URL | undefined
  try {
    url = new URL(next)
  } catch {
    url = undefined
  }
  return url !== undefined && url.origin === origin
    ? E.right(url.toString())
    : E.left(new SubUserError({ kind: 'vendor', provider: 'webshare', operation: 'list', message: 'webshare list: the next page link points outside the API origin; not followed' }))
}
