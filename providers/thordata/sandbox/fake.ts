/**
 * A stateful, in-memory fake of Thordata's proxy-users API (vendor sheet §7).
 * Pure: no sockets, no timers, time from `now`; the sandbox server or a mock
 * adapter drives it.
 */
import type { FakeRequest, FakeResponse, VendorFake } from '../../../src/adapter'
import { thordataReply } from './codes'
import { createUser, deleteUser, updateUser, usageStatistics, userList, type EndpointContext } from './endpoints'
import { addedUsage, createStore, snapshot, withUsage, type Namespace, type ThordataFakeUser } from './store'
import { credential, dayOf, params, parseDay, PROXY_TYPES } from './wire'

/** The sandbox's fake token (not a real credential). @example THORDATA_SANDBOX_TOKEN // 'sandbox-thordata-token' */
export const THORDATA_SANDBOX_TOKEN = 'sandbox-thordata-token'
/** The sandbox's fake key (not a real credential). @example THORDATA_SANDBOX_KEY // 'sandbox-thordata-key' */
export const THORDATA_SANDBOX_KEY = 'sandbox-thordata-key'

/**
 * Options of the Thordata fake.
 * @example
 * createThordataFake({ userLimit: 3, minIntervalMs: 1200 })
 */
export interface ThordataFakeOptions {
  /** The accepted token (default {@link THORDATA_SANDBOX_TOKEN}). */
  readonly token?: string
  /** The accepted key (default {@link THORDATA_SANDBOX_KEY}); a call without a key is accepted too. */
  readonly key?: string
  /** Sub-users allowed per proxy type before 10019 (default 100). */
  readonly userLimit?: number
  /** Calls closer than this to the token's last accepted call get 10011 and are not applied (default 0: no throttling). */
  readonly minIntervalMs?: number
  /** List `status` as the strings "true"/"false" instead of booleans. */
  readonly statusAsString?: boolean
  /** The clock, in epoch ms (default `Date.now`). */
  readonly now?: () => number
}

/**
 * Test-only controls of the Thordata fake. `proxyType` is the wire code (default 1).
 * @example
 * fake.control.setUsage('alice001', 2048)
 * fake.control.addUsage('alice001', 512, '2025-02-20')
 * fake.control.users()[0]?.usage_kib // 2560
 */
export interface ThordataFakeControl {
  /** A snapshot of the sub-users of a proxy type, passwords included. */
  users(proxyType?: number): ReadonlyArray<ThordataFakeUser>
  /**
   * Sets a sub-user's total usage in KiB: the increase counts as today's traffic (a decrease
   * is a reset: today then holds the whole total). False when there is no such user.
   */
  setUsage(username: string, kib: number, proxyType?: number): boolean
  /**
   * Adds traffic, in KiB, to a sub-user's day (`yyyy-mm-dd`, UTC; default today): the daily
   * rows of `usage-statistics` and the user's total (`usage_traffic`) grow alike. False when
   * there is no such user, the amount is not a number ≥ 0 or the day is not a date.
   */
  addUsage(username: string, kib: number, day?: string, proxyType?: number): boolean
  /** Forgets every sub-user and the throttling clock. */
  reset(): void
}

/**
 * The fake, with the credentials it accepts and its controls.
 * @example
 * const fake = createThordataFake()
 * fake.handle({ method: 'GET', path: '/proxy-users/user-list', query: new URLSearchParams(`token=${fake.token}&proxy_type=1`), headers: {}, body: '', origin: 'http://127.0.0.1:1/thordata/api' })
 */
export interface ThordataFake extends VendorFake {
  readonly token: string
  readonly key: string
  readonly control: ThordataFakeControl
}

type Endpoint = (ns: Namespace, params: URLSearchParams, ctx: EndpointContext) => FakeResponse

/** Routes by `METHOD path`; anything else, including any "refresh", is HTTP 404. */
const ROUTES: Readonly<Record<string, Endpoint>> = {
  'GET /proxy-users/user-list': userList,
  'GET /proxy-users/usage-statistics': usageStatistics,
  'POST /proxy-users/create-user': createUser,
  'POST /proxy-users/update-user': updateUser,
  'POST /proxy-users/delete-user': deleteUser,
}

const NOT_FOUND: FakeResponse = { status: 404, body: '404 page not found' }
const DEFAULT_USER_LIMIT = 100

/**
 * Creates a Thordata fake with empty state.
 * @example
 * const fake = createThordataFake({ userLimit: 10, now: () => Date.parse('2025-03-02T12:00:00Z') })
 */
export const createThordataFake = (options: ThordataFakeOptions = {}): ThordataFake => {
  const token = options.token ?? THORDATA_SANDBOX_TOKEN
  const key = options.key ?? THORDATA_SANDBOX_KEY
  const now = options.now ?? Date.now
  const minIntervalMs = options.minIntervalMs ?? 0
  const store = createStore()
  let lastAcceptedAt: number | undefined

  const isThrottled = (at: number) => minIntervalMs > 0 && lastAcceptedAt !== undefined && at - lastAcceptedAt < minIntervalMs

  const handle = (req: FakeRequest): FakeResponse => {
    const endpoint = ROUTES[`${req.method} ${req.path}`]
    if (endpoint === undefined) return NOT_FOUND
    if (credential(req, 'token') !== token) return thordataReply('token')
    const givenKey = credential(req, 'key')
    if (givenKey !== undefined && givenKey !== key) return thordataReply('key')
    const at = now()
    if (isThrottled(at)) return thordataReply('tooFrequent')
    lastAcceptedAt = at
    const form = params(req)
    const proxyType = form.get('proxy_type')
    if (proxyType === null || !PROXY_TYPES.has(proxyType)) return thordataReply('parameter')
    const ctx: EndpointContext = { userLimit: options.userLimit ?? DEFAULT_USER_LIMIT, today: dayOf(at), statusAsString: options.statusAsString ?? false }
    return endpoint(store.namespace(proxyType), form, ctx)
  }

  return {
    token,
    key,
    handle,
    rateLimited: () => thordataReply('tooFrequent'),
    serverError: (_req, status) => ({ status, body: `${status} upstream error` }),
    control: {
      users: (proxyType = 1) => [...store.namespace(String(proxyType)).values()].map(snapshot),
      setUsage: (username, kib, proxyType = 1) => {
        const ns = store.namespace(String(proxyType))
        const user = ns.get(username)
        if (user === undefined) return false
        ns.set(username, withUsage(user, kib, dayOf(now())))
        return true
      },
      addUsage: (username, kib, day = dayOf(now()), proxyType = 1) => {
        const ns = store.namespace(String(proxyType))
        const user = ns.get(username)
        if (user === undefined || !(Number.isFinite(kib) && kib >= 0) || parseDay(day) === undefined) return false
        ns.set(username, addedUsage(user, kib, day))
        return true
      },
      reset: () => {
        store.clear()
        lastAcceptedAt = undefined
      },
    },
  }
}
