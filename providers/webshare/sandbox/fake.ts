/**
 * A stateful, in-memory fake of Webshare's v2 sub-user API (vendor sheet §7).
 * Pure: no sockets, no timers, time from `now`; the sandbox server or a mock
 * adapter drives it.
 *
 * Besides the sub-user API, it serves the proxy config, proxy list and stats (and their
 * aggregate) that a call reads as a sub-user with `X-Subuser` (§8).
 *
 * A routed request goes through the steps of a Django REST framework view, in
 * DRF's order: content negotiation (406), authentication (401), permission
 * (401 without a token, 403 without sub-user access), throttling (429), the
 * verb (405), then the endpoint. A path matching no route is 404 before any
 * of these, so it needs no token and does not count against the rate limit.
 */
import { createThrottle, type FakeRequest, type FakeResponse, seedFor, seededRandom, type VendorFake } from '../../../src/adapter'
import { create, destroy, list, refresh, retrieve, update, type EndpointContext } from './endpoints'
import { proxyConfig, proxyList, type ProxyOwner } from './proxies'
import { methodNotAllowed, notAcceptable, notFound, permissionDenied, serverError, throttled, unauthorized } from './replies'
import { snapshotOf, type WebshareFakeSubUser } from './representation'
import { statsAggregate, statsList } from './stats'
import { createStore, type StoredSubUser } from './store'
import { mergedHours, withTotal, withTraffic } from './usage'
import { acceptsJson, presentedToken, subUserHeader } from './wire'

/** The sandbox's fake API key (not a real credential). @example WEBSHARE_SANDBOX_API_KEY // 'sandbox-webshare-api-key' */
export const WEBSHARE_SANDBOX_API_KEY = 'sandbox-webshare-api-key'

/**
 * Options of the Webshare fake.
 * @example
 * createWebshareFake({ requestsPerMinute: 60, subusersTotal: 3, fieldErrorShape: 'strings' })
 * createWebshareFake({ requestsPerMinute: 6_000, rateWindowMs: 1_000 }) // 100 in any second
 */
export interface WebshareFakeOptions {
  /** The accepted API key (default {@link WEBSHARE_SANDBOX_API_KEY}). */
  readonly apiKey?: string
  /** Requests accepted per key in any 60 s window before 429 (default 240). */
  readonly requestsPerMinute?: number
  /**
   * The sliding window the rate is counted over, in ms (default 60 000, DRF's
   * `N/min`). A shorter one keeps the rate and shrinks the burst it allows:
   * `requestsPerMinute × rateWindowMs / 60 000` requests in any window of that
   * length (with 1 000, DRF's `N/s`), so a burst cannot borrow a whole minute.
   */
  readonly rateWindowMs?: number
  /** Send `Retry-After` (and the wait in the message) with a 429 (default true). */
  readonly retryAfter?: boolean
  /** Largest `page_size` honoured (default 100). */
  readonly pageSizeCap?: number
  /** Sub-users allowed per plan, the plan's `subusers_total` (default 1,000,000). */
  readonly subusersTotal?: number
  /** Field errors as lists of `{message, code}` (the live API, default) or of strings (the docs). */
  readonly fieldErrorShape?: 'objects' | 'strings'
  /** false: every authenticated call is 403, as for an account without sub-user API access (default true). */
  readonly subuserAccess?: boolean
  /** The clock, in epoch ms (default `Date.now`). */
  readonly now?: () => number
}

/**
 * Test-only controls of the Webshare fake. Usage is kept per hour: proxy stats list it, and
 * `aggregate_stats.bandwidth_total` is always its sum.
 * @example
 * fake.control.setUsage(1, 73_400_320)
 * fake.control.addUsage(1, 5_000, Date.parse('2025-03-02T10:00:00Z'))
 * fake.control.subusers()[0]?.bandwidth_total // 73405320
 */
export interface WebshareFakeControl {
  /** A snapshot of every sub-user of every plan, by id. */
  subusers(): ReadonlyArray<WebshareFakeSubUser>
  /**
   * Sets `aggregate_stats.bandwidth_total` in bytes: the increase is booked in the current
   * hour (a decrease is a reset: the current hour then holds the whole total). False when
   * there is no such sub-user.
   */
  setUsage(id: number, bytes: number): boolean
  /**
   * Adds traffic, in bytes, to the hour of `at` (epoch ms; default now): the hour's stats row
   * and the sub-user's `bandwidth_total` grow alike. False when there is no such sub-user or
   * the amount is not a whole number ≥ 0.
   */
  addUsage(id: number, bytes: number, at?: number): boolean
  /** Grants or withdraws sub-user API access (withdrawn: every authenticated call is 403). */
  setSubuserAccess(on: boolean): void
  /** Forgets every sub-user and the rate-limit window, and restores access as configured; ids are still never reused. */
  reset(): void
}

/**
 * The fake, with the API key it accepts and its controls.
 * @example
 * const fake = createWebshareFake()
 * fake.handle({ method: 'GET', path: '/api/v2/subuser/', query: new URLSearchParams(), headers: { authorization: `Token ${fake.apiKey}` }, body: '', origin: 'http://127.0.0.1:1/webshare' })
 */
export interface WebshareFake extends VendorFake {
  readonly apiKey: string
  readonly control: WebshareFakeControl
}

/**
 * The routes and the verbs each serves (DRF's `[^/.]+` lookup for the id): the sub-user API,
 * and the proxy config, proxy list and stats a call reads as a sub-user with `X-Subuser`.
 */
const ROUTES: ReadonlyArray<{ readonly name: RouteName; readonly pattern: RegExp; readonly allow: ReadonlyArray<string> }> = [
  { name: 'collection', pattern: /^\/api\/v2\/subuser\/$/, allow: ['GET', 'POST'] },
  { name: 'item', pattern: /^\/api\/v2\/subuser\/([^/.]+)\/$/, allow: ['GET', 'PATCH', 'DELETE'] },
  { name: 'refresh', pattern: /^\/api\/v2\/subuser\/([^/.]+)\/refresh\/$/, allow: ['POST'] },
  { name: 'proxyConfig', pattern: /^\/api\/v2\/proxy\/config\/$/, allow: ['GET'] },
  { name: 'proxyList', pattern: /^\/api\/v2\/proxy\/list\/$/, allow: ['GET'] },
  { name: 'stats', pattern: /^\/api\/v2\/stats\/$/, allow: ['GET'] },
  { name: 'statsAggregate', pattern: /^\/api\/v2\/stats\/aggregate\/$/, allow: ['GET'] },
]
type RouteName = 'collection' | 'item' | 'refresh' | 'proxyConfig' | 'proxyList' | 'stats' | 'statsAggregate'
/** The routes that act as a sub-user when `X-Subuser` names one. */
const AS_SUBUSER: ReadonlySet<RouteName> = new Set(['proxyConfig', 'proxyList', 'stats', 'statsAggregate'])
type Route = (typeof ROUTES)[number]

const WINDOW_MS = 60_000
const MONTH_MS = 30 * 86_400_000
const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const DIGITS = '0123456789'
/** The wait an injected rate-limit burst announces: short, so retrying clients stay fast in tests. */
const INJECTED_RETRY_AFTER_SECONDS = 1

/**
 * Creates a Webshare fake with empty state.
 * @example
 * const fake = createWebshareFake({ requestsPerMinute: 240, now: () => Date.parse('2025-04-01T17:00:00Z') })
 */
export const createWebshareFake = (options: WebshareFakeOptions = {}): WebshareFake => {
  const apiKey = options.apiKey ?? WEBSHARE_SANDBOX_API_KEY
  const now = options.now ?? Date.now
  const sendRetryAfter = options.retryAfter ?? true
  const store = createStore()
  const windowMs = options.rateWindowMs ?? WINDOW_MS
  const throttle = createThrottle(Math.floor(((options.requestsPerMinute ?? 240) * windowMs) / WINDOW_MS), windowMs)
  let access = options.subuserAccess ?? true
  let requests = 0
  // Proxy logins drawn from one seeded stream: a fresh fake gives the same ones in the same order.
  const random = seededRandom(seedFor(0, 'webshare-proxy-login'))
  const draw = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]!).join('')
  const proxyLogin = () => ({ username: draw(LOWER, 8), password: draw(`${LOWER}${DIGITS}`, 12) })
  const accountLogin = proxyLogin()
  const createdAt = now()
  const ctx: EndpointContext = {
    store,
    now,
    pages: { defaultSize: 25, maxSize: options.pageSizeCap ?? 100 },
    subusersTotal: options.subusersTotal ?? 1_000_000,
    fieldErrorShape: options.fieldErrorShape ?? 'objects',
    proxyLogin,
  }

  /** Every answer carries a fresh `X-Request-ID`. */
  const stamped = (res: FakeResponse): FakeResponse => ({ ...res, headers: { ...res.headers, 'X-Request-ID': requestId(++requests) } })
  const throttledAfter = (waitSeconds: number) => throttled(sendRetryAfter ? waitSeconds : undefined)

  const view = (req: FakeRequest, route: Route, id: string): FakeResponse => {
    if (!acceptsJson(req)) return notAcceptable()
    const token = presentedToken(req)
    if (token.kind === 'malformed') return unauthorized(token.detail)
    if (token.kind === 'token' && token.key !== apiKey) return unauthorized('Invalid token.')
    if (token.kind === 'none') return unauthorized('Authentication credentials were not provided.')
    if (!access) return permissionDenied()
    const admission = throttle.admit(now())
    if (!admission.admitted) return throttledAfter(Math.ceil(admission.waitMs / 1000))
    if (!route.allow.includes(req.method)) return methodNotAllowed(req.method)
    const planId = req.query.get('plan_id')
    if (AS_SUBUSER.has(route.name)) return asSubUser(req, route.name, planId)
    if (route.name === 'collection') return req.method === 'GET' ? list(req, planId, ctx) : create(req, planId, ctx)
    // Refresh takes no plan_id (vendor sheet §6.4): it reaches a sub-user of any plan.
    const s = lookUp(id, route.name === 'refresh' ? undefined : planId)
    if (s === undefined) return notFound()
    if (route.name === 'refresh') return refresh(s, ctx)
    return req.method === 'GET' ? retrieve(s) : req.method === 'PATCH' ? update(req, s, ctx) : destroy(s, ctx)
  }

  /**
   * A proxy config, proxy list or stats call: as the sub-user `X-Subuser` names (in the
   * request's plan; an unknown one is 404), or as the account without it.
   */
  const asSubUser = (req: FakeRequest, name: RouteName, planId: string | null): FakeResponse => {
    const header = subUserHeader(req)
    const s = header === undefined ? undefined : lookUp(header, planId)
    if (header !== undefined && s === undefined) return notFound()
    const at = now()
    if (name === 'proxyConfig' || name === 'proxyList') {
      const owner: ProxyOwner =
        s === undefined
          ? { id: 0, login: accountLogin, countries: null, refreshes: 0, createdAt }
          : { id: s.id, login: { username: s.proxyUsername, password: s.proxyPassword }, countries: s.proxyCountries, refreshes: s.refreshes, createdAt: s.createdAt }
      return name === 'proxyConfig' ? proxyConfig(owner) : proxyList(req, owner, ctx.pages, ctx.fieldErrorShape, at)
    }
    // Stats: the sub-user's hours, or the account's (its sub-users' traffic); by default from the start of its usage window.
    const hourly = s === undefined ? mergedHours(store.inPlan(planId)) : s.hourly
    const from = s === undefined ? Math.max(createdAt, at - MONTH_MS) : Math.max(s.bandwidthUseStartDate, at - MONTH_MS)
    return name === 'stats' ? statsList(req, hourly, at, from, ctx.fieldErrorShape) : statsAggregate(req, hourly, at, from, ctx.fieldErrorShape)
  }

  /** The sub-user with this id, in `planId`'s plan (any plan when undefined). */
  const lookUp = (id: string, planId: string | null | undefined): StoredSubUser | undefined => {
    const s = /^\d+$/.test(id) ? store.get(Number(id)) : undefined
    return s !== undefined && (planId === undefined || s.planId === planId) ? s : undefined
  }

  const handle = (req: FakeRequest): FakeResponse => {
    for (const route of ROUTES) {
      const match = route.pattern.exec(req.path)
      if (match !== null) return stamped(withAllow(view(req, route, match[1] ?? ''), route.allow))
    }
    return stamped(notFound())
  }

  return {
    apiKey,
    handle,
    rateLimited: () => stamped(throttledAfter(INJECTED_RETRY_AFTER_SECONDS)),
    serverError: (_req, status) => stamped(serverError(status)),
    control: {
      subusers: () => store.all().map(snapshotOf),
      setUsage: (id, bytes) => {
        const s = store.get(id)
        if (s === undefined) return false
        store.put(withTotal(s, bytes, now()))
        return true
      },
      addUsage: (id, bytes, at = now()) => {
        const s = store.get(id)
        if (s === undefined || !Number.isSafeInteger(bytes) || bytes < 0) return false
        store.put(withTraffic(s, bytes, at))
        return true
      },
      setSubuserAccess: (on) => {
        access = on
      },
      reset: () => {
        store.clear()
        throttle.clear()
        access = options.subuserAccess ?? true
      },
    },
  }
}

/** DRF sends `Allow` with every answer of a view. */
const withAllow = (res: FakeResponse, allow: ReadonlyArray<string>): FakeResponse => ({ ...res, headers: { ...res.headers, Allow: allow.join(', ') } })

/** A request id shaped like a UUID, unique within one fake. */
const requestId = (n: number): string => {
  const hex = n.toString(16).padStart(12, '0')
  return `00000000-0000-4000-8000-${hex}`
}
