/**
 * A stateful, in-memory fake of Oxylabs' residential sub-user Public API (vendor sheet §7).
 * Pure: no sockets, no timers, time from `now`; the sandbox server or a mock adapter drives it.
 *
 * `POST /v2/login` (and `/v1/login`) takes the main proxy user's Basic credentials and gives a
 * token that expires after `tokenTtlMs`; every other path, under `/v2` or `/v1`, takes
 * `Authorization: Bearer <token>` (401, or 403 when switched, for a missing, unknown or expired
 * one) and the logged-in user's id (404 for another). Unknown paths are 404, wrong verbs 405;
 * every error is JSON `{"error": …}`.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { type FakeRequest, type FakeResponse, parseUtcDay, utcDay, type VendorFake } from '../../../src/adapter'
import { create, destroy, list, update, type EndpointContext } from './endpoints'
import { clientStats, subUserStats, targetStats, type OxylabsStatsShape } from './stats'
import { createStore, snapshotOf, type OxylabsFakeSubUser, type StoredSubUser } from './store'
import { basicCredentials, credentialOf, failure } from './wire'

/** The sandbox's fake main proxy user (not a real account). @example OXYLABS_SANDBOX_USERNAME // 'sandbox_main_user' */
export const OXYLABS_SANDBOX_USERNAME = 'sandbox_main_user'
/** The sandbox's fake main proxy user's password (not a real credential). @example OXYLABS_SANDBOX_PASSWORD // 'Sandbox_Main#2024' */
export const OXYLABS_SANDBOX_PASSWORD = 'Sandbox_Main#2024'

/**
 * Options of the Oxylabs fake.
 * @example
 * createOxylabsFake({ tokenTtlMs: 60_000, maxSubUsers: 3, omitDisabled: true, now: () => clock })
 */
export interface OxylabsFakeOptions {
  /** The main proxy user (default {@link OXYLABS_SANDBOX_USERNAME}). */
  readonly username?: string
  /** Its password (default {@link OXYLABS_SANDBOX_PASSWORD}). */
  readonly password?: string
  /** The main user's `user_id` (default a random UUID). */
  readonly userId?: string
  /** How long a token is accepted, in ms (default 3 600 000: one hour). */
  readonly tokenTtlMs?: number
  /** The status for a missing, unknown or expired token: 401 (the spec, default) or 403 (the mock). */
  readonly authFailureStatus?: 401 | 403
  /** List the main user, as the first row (default true). */
  readonly listMainUser?: boolean
  /** Leave disabled sub-users out of the list (default false). */
  readonly omitDisabled?: boolean
  /** Sub-users allowed before a create is refused, the main user not counted (default 1 000). */
  readonly maxSubUsers?: number
  /** Stats replies in the v1 shape (`traffic_by_period`, default) or the v2 one (`results`). */
  readonly statsShape?: OxylabsStatsShape
  /** The clock, in epoch ms (default `Date.now`). */
  readonly now?: () => number
}

/**
 * Test-only controls of the Oxylabs fake.
 * @example
 * fake.control.setUsage(2, 1.5) // 1.5 GB used; disabled if at its limit with auto_disable
 * fake.control.addUsage(2, 0.25, '2025-03-01') // 0.25 GB more, used on 1 March
 * fake.control.setPatchApplies(false) // PATCH answers 200 and applies nothing
 */
export interface OxylabsFakeControl {
  /** A snapshot of every user, the main one included (marked `main`), by id. */
  subUsers(): ReadonlyArray<OxylabsFakeSubUser>
  /**
   * Sets a user's `traffic` in GB. An increase is recorded as traffic of the current hour on
   * `target` (default `ip.oxylabs.io`) with `requests` (default 1), for the stats endpoints; a
   * decrease is a reset: the current hour then holds the whole total, so the stats still add
   * up to `traffic`. At or over its limit with `auto_disable`, the user becomes disabled. False
   * when there is no such user.
   */
  setUsage(id: number, gb: number, detail?: { readonly target?: string; readonly requests?: number }): boolean
  /**
   * Adds traffic, in GB, to a user's day (`YYYY-MM-DD`, UTC; default today): recorded in the
   * current hour for today, in the day's first hour for another day, so the stats of that day
   * and the user's `traffic` grow alike. At or over its limit with `auto_disable`, the user
   * becomes disabled. False when there is no such user, the amount is not a number ≥ 0 or the
   * day is not a date.
   */
  addUsage(id: number, gb: number, day?: string, detail?: { readonly target?: string; readonly requests?: number }): boolean
  /** Leaves disabled sub-users out of the list, or not. */
  setOmitDisabled(on: boolean): void
  /** Lists the main user, or not. */
  setListMainUser(on: boolean): void
  /** false: every PATCH answers 200 and applies nothing. */
  setPatchApplies(on: boolean): void
  /** The status for a refused token. */
  setAuthFailureStatus(status: 401 | 403): void
  /** The stats shape. */
  setStatsShape(shape: OxylabsStatsShape): void
  /** Makes every token given so far expire now. */
  expireTokens(): void
  /** How many logins succeeded. */
  logins(): number
  /** Forgets every sub-user, token and switch (back to the options); ids are never reused. */
  reset(): void
}

/**
 * The fake, with the credentials it accepts and its controls.
 * @example
 * const fake = createOxylabsFake()
 * fake.handle({ method: 'POST', path: '/v2/login', query: new URLSearchParams(), headers: { authorization: `Basic ${btoa(`${fake.username}:${fake.password}`)}` }, body: '', origin: 'http://127.0.0.1:1/oxylabs' })
 */
export interface OxylabsFake extends VendorFake {
  readonly username: string
  readonly password: string
  readonly userId: string
  readonly control: OxylabsFakeControl
}

const HOUR_MS = 3_600_000
const DEFAULT_TARGET = 'ip.oxylabs.io'
/** The wait an injected rate-limit burst announces: short, so retrying clients stay fast in tests. */
const INJECTED_RETRY_AFTER_SECONDS = 1

type Route =
  | { readonly name: 'login' }
  | { readonly name: 'collection'; readonly userId: string }
  | { readonly name: 'item' | 'target-stats'; readonly userId: string; readonly id: string }
  | { readonly name: 'client-stats'; readonly userId: string }

const ALLOWED: Readonly<Record<Route['name'], ReadonlyArray<string>>> = {
  login: ['POST'],
  collection: ['GET', 'POST'],
  item: ['GET', 'PATCH', 'DELETE'],
  'target-stats': ['GET'],
  'client-stats': ['GET'],
}

const segment = (s: string): string | undefined => {
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}

/** The route of a path under `/v1` or `/v2`, or undefined. */
const routeOf = (path: string): Route | undefined => {
  const m = /^\/v[12](\/.*)$/.exec(path)
  if (m === null) return undefined
  const rest = m[1]!
  if (rest === '/login') return { name: 'login' }
  const users = /^\/users\/([^/]+)\/(?:sub-users(?:\/([^/]+)(\/target-stats)?)?|(client-stats))$/.exec(rest)
  if (users === null) return undefined
  const userId = segment(users[1]!)
  if (userId === undefined) return undefined
  if (users[4] !== undefined) return { name: 'client-stats', userId }
  if (users[2] === undefined) return rest.endsWith('/sub-users') ? { name: 'collection', userId } : undefined
  return { name: users[3] === undefined ? 'item' : 'target-stats', userId, id: users[2] }
}

/**
 * Creates an Oxylabs fake: the main user and no sub-user.
 * @example
 * const fake = createOxylabsFake({ tokenTtlMs: 1_000, now: () => clock })
 */
export const createOxylabsFake = (options: OxylabsFakeOptions = {}): OxylabsFake => {
  const username = options.username ?? OXYLABS_SANDBOX_USERNAME
  const password = options.password ?? OXYLABS_SANDBOX_PASSWORD
  const userId = options.userId ?? randomUUID()
  const now = options.now ?? Date.now
  const ttl = options.tokenTtlMs ?? HOUR_MS
  const store = createStore()
  const tokens = new Map<string, number>()
  let logins = 0
  let switches = {
    authFailureStatus: options.authFailureStatus ?? 401,
    listMainUser: options.listMainUser ?? true,
    omitDisabled: options.omitDisabled ?? false,
    patchApplies: true,
    statsShape: options.statsShape ?? ('v1' as OxylabsStatsShape),
  }
  const initialSwitches = { ...switches }
  const addMainUser = () =>
    store.add({ main: true, username, password, status: 'active', createdAt: now(), trafficGb: 0, trafficLimitGb: null, lifetime: true, autoDisable: false, usage: [] })
  addMainUser()

  const ctx: EndpointContext = {
    store,
    now,
    maxSubUsers: options.maxSubUsers ?? 1_000,
    listMainUser: () => switches.listMainUser,
    omitDisabled: () => switches.omitDisabled,
    patchApplies: () => switches.patchApplies,
  }

  const logIn = (req: FakeRequest): FakeResponse => {
    const given = basicCredentials(req)
    const main = store.all().find((u) => u.main)
    // A deleted or disabled main user cannot log in: that is the lock-out the adapter guards against.
    if (given === undefined || given[0] !== username || given[1] !== main?.password || main.status !== 'active') return failure(401, 'Invalid credentials')
    const token = randomBytes(24).toString('base64url')
    tokens.set(token, now() + ttl)
    logins++
    return { status: 200, body: { user_id: userId, token } }
  }

  const tokenAccepted = (req: FakeRequest): boolean => {
    const token = credentialOf(req, 'bearer')
    const expiresAt = token === undefined ? undefined : tokens.get(token)
    return expiresAt !== undefined && now() < expiresAt
  }

  /** Stores a user's new usage and total, disabling it at its limit with auto_disable. */
  const withTraffic = (user: StoredSubUser, gb: number, usage: StoredSubUser['usage']) => {
    const over = user.autoDisable && user.trafficLimitGb !== null && gb >= user.trafficLimitGb
    store.put({ ...user, trafficGb: gb, usage, status: over ? 'disabled' : user.status })
  }
  const record = (hour: number, gb: number, detail: { readonly target?: string; readonly requests?: number }) => ({ hour, target: detail.target ?? DEFAULT_TARGET, gb, requests: detail.requests ?? 1 })
  const currentHour = () => Math.floor(now() / HOUR_MS) * HOUR_MS

  const subUserOf = (id: string): StoredSubUser | undefined => (/^\d{1,15}$/.test(id) ? store.get(Number(id)) : undefined)

  const handle = (req: FakeRequest): FakeResponse => {
    const route = routeOf(req.path)
    if (route === undefined) return failure(404, 'Not found')
    if (!ALLOWED[route.name].includes(req.method)) return failure(405, 'Method not allowed', { Allow: ALLOWED[route.name].join(', ') })
    if (route.name === 'login') return logIn(req)
    if (!tokenAccepted(req)) return failure(switches.authFailureStatus, switches.authFailureStatus === 401 ? 'Unauthorized: the token is missing, invalid or expired' : 'Forbidden')
    if (route.userId !== userId) return failure(404, 'Resource not found')
    switch (route.name) {
      case 'client-stats':
        return clientStats(store.all(), now())
      case 'collection':
        return req.method === 'GET' ? list(ctx) : create(req, ctx)
      default: {
        const user = subUserOf(route.id)
        if (user === undefined) return failure(404, 'Resource not found')
        if (route.name === 'target-stats') return targetStats(user, req.query, now(), switches.statsShape)
        if (req.method === 'GET') return subUserStats(user, req.query, now(), switches.statsShape)
        return req.method === 'PATCH' ? update(req, user, ctx) : destroy(user, ctx)
      }
    }
  }

  return {
    username,
    password,
    userId,
    handle,
    rateLimited: () => failure(429, 'Too many requests', { 'Retry-After': String(INJECTED_RETRY_AFTER_SECONDS) }),
    serverError: (_req, status) => failure(status, 'Internal server error'),
    control: {
      subUsers: () => store.all().map(snapshotOf),
      setUsage: (id, gb, detail = {}) => {
        const user = store.get(id)
        if (user === undefined) return false
        const added = gb - user.trafficGb
        const usage = added > 0 ? [...user.usage, record(currentHour(), added, detail)] : added < 0 ? [record(currentHour(), gb, detail)] : user.usage
        withTraffic(user, gb, usage)
        return true
      },
      addUsage: (id, gb, day = utcDay(now()), detail = {}) => {
        const user = store.get(id)
        const start = parseUtcDay(day)
        if (user === undefined || !(Number.isFinite(gb) && gb >= 0) || start === undefined) return false
        const hour = day === utcDay(now()) ? currentHour() : start
        withTraffic(user, user.trafficGb + gb, gb > 0 ? [...user.usage, record(hour, gb, detail)] : user.usage)
        return true
      },
      setOmitDisabled: (on) => void (switches = { ...switches, omitDisabled: on }),
      setListMainUser: (on) => void (switches = { ...switches, listMainUser: on }),
      setPatchApplies: (on) => void (switches = { ...switches, patchApplies: on }),
      setAuthFailureStatus: (status) => void (switches = { ...switches, authFailureStatus: status }),
      setStatsShape: (shape) => void (switches = { ...switches, statsShape: shape }),
      expireTokens: () => {
        for (const token of tokens.keys()) tokens.set(token, now())
      },
      logins: () => logins,
      reset: () => {
        store.clear()
        tokens.clear()
        switches = { ...initialSwitches }
        logins = 0
        addMainUser()
      },
    },
  }
}
