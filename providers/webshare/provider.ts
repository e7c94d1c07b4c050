/**
 * The Webshare adapter: the neutral operations on Webshare's v2 sub-user
 * endpoints (vendor sheet §3.7), assembled with `defineProvider`.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { TE } from '../../src/adapter'
import { type CheckedTarget, collectPages, COMMON_OPTION_KEYS, commonOptionProblems, type CommonOptions, comparable, createHttpClient, type CreateSubUser, credentialProblem, defineProvider, type FieldProblem, type Gateway, type GatewayOption, gatewayEndpoints, type HttpClient, type ListingBounds, listingShifted, maxListPages, type Page, proxyAccess, type ProxyEndpoint, type RateLimit, type ReadBack, readIsoDateTime, readOptions, responseError, SubUserError, type UpdateSubUser, type UsageRange, type UsageSample, validationError, withGateway, writeOnce } from '../../src/adapter'
import type { WebshareProvider, WebshareSettings, WebshareSubUserOf as SubUser } from './domain'
import { webshareApi, type WebshareApi } from './api'
import { webshareCapabilitiesFor } from './capabilities'
import type { WebshareProxyPage, WebshareSubUser, WebshareSubUserPage } from './codecs'
import { WEBSHARE_BACKBONE_GATEWAY, WEBSHARE_CONNECTIONS, type WebshareConnection } from './proxy'
import { toSubUser } from './mapping'
import { checkCreate, checkId, checkPatch, checkUpdate, type WebshareWriteBody } from './validate'

/**
 * Webshare's general API limit, 240 requests a minute (vendor sheet §5), with
 * up to 8 requests in flight.
 * @example createWebshareProvider({ apiKey, rateLimit: { concurrency: 2 } })
 */
export const WEBSHARE_DEFAULT_RATE_LIMIT: RateLimit = { requestsPerMinute: 240, concurrency: 8 }

/** Webshare's API origin. @example createWebshareProvider({ apiKey, baseURL: WEBSHARE_DEFAULT_BASE_URL }) */
export const WEBSHARE_DEFAULT_BASE_URL = 'https://proxy.webshare.io'

/** Sub-users asked for per page (the real maximum is undocumented, §6.9). @example WEBSHARE_DEFAULT_PAGE_SIZE === 100 */
export const WEBSHARE_DEFAULT_PAGE_SIZE = 100

/**
 * Options of {@link createWebshareProvider}.
 * @example
 * const o: WebshareOptions = { apiKey: process.env.WEBSHARE_API_KEY!, planId: 1234, timeoutMs: 10_000 }
 */
export interface WebshareOptions extends CommonOptions {
  /** The account's API key, sent as `Authorization: Token <apiKey>`. */
  readonly apiKey: string
  /**
   * The plan whose sub-users to manage (a positive whole number). Sent as the
   * `plan_id` query parameter on list, get, create, update and delete, never
   * on refresh (§6.4). Left out: the account's default plan.
   */
  readonly planId?: string | number
  /** Default {@link WEBSHARE_DEFAULT_BASE_URL}; an http(s) URL. */
  readonly baseURL?: string
  /** Sub-users (and proxies, for `access`) per list page, a whole number ≥ 1 (default {@link WEBSHARE_DEFAULT_PAGE_SIZE}). */
  readonly pageSize?: number
  /**
   * How the plan's proxies are reached, for `access` (default `'direct'`): `'direct'` gives
   * the sub-user's listed proxies, each its own address and port; `'backbone'` (what
   * residential plans need) the `p.webshare.io` gateway, whose host and ports the
   * `gateway` option can override (it has no meaning for direct proxies).
   */
  readonly connection?: WebshareConnection
}

/**
 * A Webshare provider.
 *
 * - Ids are Webshare's numeric ids as decimal strings; any other id is a
 *   `validation` error and nothing is sent.
 * - Webshare keeps no password and no disabled status: `password` and
 *   `status: 'disabled'` are `unsupported`; `status: 'active'` alone makes
 *   `update` a plain read.
 * - `refresh` renews the sub-user's custom proxy list (it fails when the
 *   sub-user has none) and returns it with fresh usage.
 * - `list`/`iterate` follow Webshare's `next` links, only on `baseURL`'s origin,
 *   and hold the listing to Webshare's `count` (see src/listing.ts).
 * - A write left without an answer (timeout, lost connection, 5xx) is read
 *   back, never re-sent blindly. Create: the one sub-user with our label
 *   created since the request (60 s of clock skew allowed) is returned;
 *   several: a `conflict` naming their ids; none, and still none after
 *   waiting two exchange timeouts (a late apply): sent again, and read back
 *   once more after it went through. Update: done when the sub-user
 *   holds every value sent. Delete: done when it is gone. A refresh in that
 *   state fails, not `retryable`.
 * - `access` acts as the sub-user (`X-Subuser`): its proxy login from
 *   `/api/v2/proxy/config/`, and in direct mode the working proxies of
 *   `/api/v2/proxy/list/?mode=direct` (every page) as HTTP endpoints; in
 *   backbone mode the `p.webshare.io` gateway (HTTP 80, SOCKS5 1080 when asked).
 * - `usage` acts as the sub-user too: `/api/v2/stats/`'s hourly rows summed per
 *   UTC day, projected rows (hours to come) left out; 90 days back at most.
 *
 * Throws a `validation` SubUserError (operation `list`), listing every problem,
 * when `apiKey` is not a usable credential (missing, shorter than 4
 * characters, holding whitespace or a character a header cannot carry: see
 * `credentialProblem`), when `planId` or `pageSize` is malformed, or when a
 * common option is (`timeoutMs`, `baseURL`, `retry`, `rateLimit`, `axios`:
 * see `commonOptionProblems`).
 * @example
 * const p = createWebshareProvider({ apiKey: process.env.WEBSHARE_API_KEY! })
 * for await (const u of p.iterate()) console.log(u.id, u.username)
 */
export const createWebshareProvider = (options: WebshareOptions): WebshareProvider => {
  const config = checkOptions(options)
  if (E.isLeft(config)) throw config.left
  const { apiKey, planId, baseURL, pageSize, connection, common } = config.right
  const http = createHttpClient({ provider: 'webshare', baseURL, secrets: [apiKey], options: common, rateLimit: WEBSHARE_DEFAULT_RATE_LIMIT })
  const maxPages = maxListPages('webshare', common)
  const api = webshareApi(http, { apiKey, pageSize, ...(planId === undefined ? {} : { planId }) })
  const reach: Reach = { connection, gateway: withGateway(WEBSHARE_BACKBONE_GATEWAY, common.gateway) }
  return defineProvider({
    ...webshareOperations(http, api, maxPages, reach),
    maxListPages: maxPages,
    secrets: http.secrets,
    account: http.account,
    ...(common.now === undefined ? {} : { now: common.now }),
  })
}

/** How `access` reaches the plan's proxies: the connection mode, and the backbone gateway. */
interface Reach {
  readonly connection: WebshareConnection
  readonly gateway: Gateway
}

interface CheckedOptions {
  readonly apiKey: string
  readonly planId: string | undefined
  readonly baseURL: string
  readonly pageSize: number
  readonly connection: WebshareConnection
  readonly common: CommonOptions
}

const checkOptions = (options: WebshareOptions): E.Either<SubUserError, CheckedOptions> =>
  pipe(
    readOptions('webshare', options, ['apiKey', 'planId', 'baseURL', 'pageSize', 'connection', ...COMMON_OPTION_KEYS]),
    E.flatMap((o) => {
      const apiKey = o.apiKey
      // Sent as `Token <key>`: a space inside would split it.
      const keyProblem = credentialProblem('apiKey', apiKey) ?? (/\s/.test(apiKey as string) ? { path: 'apiKey', message: 'must not hold whitespace' } : undefined)
      const planId = typeof o.planId === 'string' || typeof o.planId === 'number' ? String(o.planId) : undefined
      const pageSize = o.pageSize ?? WEBSHARE_DEFAULT_PAGE_SIZE
      const connection = (o.connection ?? 'direct') as WebshareConnection
      const knownConnection = WEBSHARE_CONNECTIONS.includes(connection)
      const problems = [
        knownConnection ? undefined : { path: 'connection', message: `must be ${WEBSHARE_CONNECTIONS.map((c) => `'${c}'`).join(' or ')}` },
        knownConnection && connection === 'direct' && (o.gateway as GatewayOption | undefined) !== undefined
          ? { path: 'gateway', message: "applies to connection 'backbone' only: direct proxies are listed with their own address and port" }
          : undefined,
        keyProblem,
        o.planId !== undefined && (planId === undefined || !/^[1-9]\d{0,15}$/.test(planId)) ? { path: 'planId', message: 'must be a positive whole number' } : undefined,
        ...commonOptionProblems(o, WEBSHARE_DEFAULT_RATE_LIMIT),
        !Number.isSafeInteger(pageSize) || (pageSize as number) < 1 ? { path: 'pageSize', message: 'must be a whole number of at least 1' } : undefined,
      ].filter((p): p is FieldProblem => p !== undefined)
      return problems.length > 0
        ? E.left(validationError('webshare', 'list', problems))
        : E.right({ apiKey: apiKey as string, planId, baseURL: (o.baseURL as string | undefined) ?? WEBSHARE_DEFAULT_BASE_URL, pageSize: pageSize as number, connection, common: o as CommonOptions })
    }),
  )

/** Whether a sub-user holds every value of a PATCH body (dates compared as instants, maps by content). */
const holds = (now: WebshareSubUser, body: WebshareWriteBody): boolean =>
  Object.entries(body).every(([key, sent]) => {
    const held: unknown = (now as Record<string, unknown>)[key]
    if (key === 'bandwidth_use_start_date') return typeof held === 'string' && typeof sent === 'string' && Date.parse(held) === Date.parse(sent)
    return comparable(held) === comparable(sent)
  })

/**
 * How far Webshare's clock may lag ours when a create is recognised by its
 * `created_at`. A sub-user with the same label made by someone else within this
 * window would be taken for ours: labels are not unique (vendor sheet §6.8).
 */
const CLOCK_SKEW_MS = 60_000

const webshareOperations = (http: HttpClient, api: WebshareApi, maxPages: number, reach: Reach) => {
  const readBackBounds: ListingBounds = { provider: 'webshare', operation: 'create', maxPages }
  // Every page of the sub-user's direct list, its working proxies as HTTP endpoints (each once).
  const directEndpoints = (id: string, password: string): TE.TaskEither<SubUserError, ReadonlyArray<ProxyEndpoint>> => {
    const followed = new Set<string>()
    const endpoints = new Map<string, ProxyEndpoint>()
    const step = (pages: number, next?: string): TE.TaskEither<SubUserError, ReadonlyArray<ProxyEndpoint>> =>
      pipe(
        api.proxyList(id, 'direct', [password], next),
        TE.flatMap((page: WebshareProxyPage) => {
          for (const p of page.results) {
            if (p.valid && p.proxy_address !== null) endpoints.set(`${p.proxy_address}:${p.port}`, { protocol: 'http', host: p.proxy_address, port: p.port })
          }
          if (page.next === null) return TE.right([...endpoints.values()])
          const key = canonical(page.next)
          if (followed.has(key) || pages >= maxPages) return TE.left(responseError(http, 'access', {}, { kind: 'vendor', detail: `the proxy list does not end (a page already read, or more than ${maxPages} pages)` }))
          followed.add(key)
          return step(pages + 1, page.next)
        }),
      )
    return step(1)
  }
  const access = (id: string, target: CheckedTarget) =>
    pipe(
      api.proxyConfig(id),
      TE.flatMap((login) =>
        pipe(
          reach.connection === 'backbone' ? TE.right(gatewayEndpoints(reach.gateway, target.protocols)) : directEndpoints(id, login.password),
          TE.map((endpoints) => proxyAccess({ provider: 'webshare' as const, subUserId: id, endpoints, username: login.username, password: login.password })),
        ),
      ),
    )
  // Whole UTC days, asked as instants in UTC; hours to come (projections) are not usage.
  const usage = (id: string, window: UsageRange): TE.TaskEither<SubUserError, ReadonlyArray<UsageSample>> =>
    pipe(
      api.stats(id, `${window.from}T00:00:00Z`, `${window.to}T23:59:59Z`),
      TE.map((rows) => rows.filter((row) => !row.is_projected).map((row) => ({ at: new Date(readIsoDateTime(row.timestamp)), bytes: Math.round(row.bandwidth_total) }))),
    )
  const update = (id: string, patch: UpdateSubUser<WebshareSettings>): TE.TaskEither<SubUserError, SubUser> =>
    pipe(
      TE.fromEither(checkUpdate(id, patch)),
      // Only `status: 'active'` left: Webshare stores nothing for it, so read instead of an empty PATCH.
      TE.flatMap(({ id: checked, body }) =>
        Object.keys(body).length === 0
          ? api.retrieve('update', checked)
          : // No answer: done if the sub-user now holds every value sent, not done otherwise.
            writeOnce(http, api.update(checked, body), () =>
              pipe(
                api.retrieve('update', checked),
                TE.map((now): ReadBack<WebshareSubUser> => (holds(now, body) ? { found: 'applied', value: now } : { found: 'not-applied' })),
              ),
            ),
      ),
      TE.map(toSubUser),
    )

  return {
    id: 'webshare' as const,
    capabilities: webshareCapabilitiesFor(reach.connection),
    access,
    usage,
    create: (input: CreateSubUser<WebshareSettings>) =>
      pipe(
        TE.fromEither(checkCreate(input)),
        TE.flatMap((body) => {
          const startedAt = Date.now()
          const ours = pipe(
            collectPages(() => listing(http, api), readBackBounds),
            TE.map((users) => users.filter((u) => u.username === body.label && (u.createdAt?.getTime() ?? -Infinity) >= startedAt - CLOCK_SKEW_MS)),
          )
          // No answer: adopt the one sub-user with our label created since the request (§6.8);
          // several: the create was applied more than once, a conflict naming them.
          // Pages shift under concurrent deletes, so one listing can skip a sub-user: "not
          // there" is concluded only when a second listing agrees, before anything is re-sent.
          return writeOnce(http, pipe(api.create(body), TE.map(toSubUser)), () =>
            pipe(
              ours,
              TE.flatMap((found) => (found.length === 0 ? ours : TE.right(found))),
              TE.map((found): ReadBack<SubUser> => {
                if (found.length === 0) return { found: 'not-applied' }
                return found.length === 1 ? { found: 'applied', value: found[0]! } : { found: 'conflict', error: appliedTwice(input.username, found) }
              }),
            ),
          )
        }),
      ),
    // Ids are checked by defineProvider before any of these runs.
    checkId,
    get: (id: string) => pipe(api.retrieve('get', id), TE.map(toSubUser)),
    update,
    // No answer: the delete is done if the sub-user is gone (404), not done if it is still there.
    delete: (id: string) =>
      writeOnce(http, api.destroy(id), () =>
        pipe(
          api.retrieve('delete', id),
          TE.map((): ReadBack<void> => ({ found: 'not-applied' })),
          TE.orElse((e) => (e.kind === 'not_found' ? TE.right<SubUserError, ReadBack<void>>({ found: 'applied', value: undefined }) : TE.left(e))),
        ),
      ),
    validate: (operation: 'create' | 'update', input: CreateSubUser<WebshareSettings> | UpdateSubUser<WebshareSettings>) =>
      operation === 'create' ? pipe(checkCreate(input as CreateSubUser<WebshareSettings>), E.map(() => undefined)) : checkPatch(input),
    firstPage: () => listing(http, api),
    refresh: (id: string) => pipe(api.refresh(id), TE.map(toSubUser)),
  }
}

/**
 * Pages of one listing. Each page's `next` follows the response's `next`
 * link (never a computed page number); a link this listing already followed
 * is refused, so a looping vendor cannot make `list` run forever.
 */
const listing = (http: HttpClient, api: WebshareApi): TE.TaskEither<SubUserError, Page<SubUser>> => {
  const followed = new Set<string>()
  const toPage = (wire: WebshareSubUserPage): Page<SubUser> => {
    const items = wire.results.map(toSubUser)
    const counted = wire.count === undefined ? {} : { count: wire.count }
    const next = wire.next
    if (next === null) return { items, ...counted }
    const key = canonical(next)
    const repeated = followed.has(key)
    followed.add(key)
    return {
      items,
      ...counted,
      next: () =>
        repeated
          ? TE.left(loopError(http))
          : pipe(
              api.nextPage(next),
              // DRF answers a page past the last with 404 "Invalid page.": sub-users were deleted since the first page.
              TE.mapLeft((e) => (e.status === 404 ? listingShifted('webshare', e.operation, 'the next page no longer exists (HTTP 404): sub-users were deleted while the listing was read') : e)),
              TE.map(toPage),
            ),
    }
  }
  return pipe(api.firstPage(), TE.map(toPage))
}

const canonical = (link: string): string => {
  try {
    return new URL(link).href
  } catch {
    return link
  }
}

const loopError = (http: HttpClient): SubUserError =>
  responseError(http, 'list', {}, { kind: 'vendor', detail: 'the next-page link points to a page already read' })

const appliedTwice = (label: string, found: ReadonlyArray<SubUser>): SubUserError =>
  new SubUserError({
    kind: 'conflict',
    provider: 'webshare',
    operation: 'create',
    retryable: false,
    message: `webshare create: ${found.length} sub-users labelled ${label} were created since the request (ids ${found.map((u) => u.id).join(', ')}): it may have been applied more than once; keep one and delete the others`,
  })
