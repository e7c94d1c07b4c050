/**
 * A stateful, in-memory fake of IPRoyal's residential sub-user API (vendor sheet §7). Pure: no
 * sockets, no timers, time from `now`; the sandbox server or a mock adapter drives it.
 *
 * As in a Laravel API, a request is routed first (an unknown path is 404 and a known one asked
 * with another method 405, neither needing a token), then authenticated (401
 * `{"message":"Unauthenticated."}`), then allowed (403 when the account has no API access),
 * then its sub-user is looked up (404), then the endpoint runs.
 */
import type { FakeRequest, FakeResponse, VendorFake } from '../../../src/adapter'
import { create, destroy, entryNodes, list, me, move, resetSessions, retrieve, update, type EndpointContext } from './endpoints'
import { hashGenerator } from './hash'
import { message, methodNotAllowed, routeNotFound, subUserNotFound } from './replies'
import { usageReport } from './report'
import { createStore, type StoredSubUser } from './store'
import { bearerToken } from './wire'

/** The sandbox's fake API token (not a real credential). @example IPROYAL_SANDBOX_API_TOKEN // 'sandbox-iproyal-api-token' */
export const IPROYAL_SANDBOX_API_TOKEN = 'sandbox-iproyal-api-token'

/** The main balance a fake starts with: 1000 GB (2^30 bytes each). @example IPROYAL_SANDBOX_MAIN_BALANCE_BYTES === 1_073_741_824_000 */
export const IPROYAL_SANDBOX_MAIN_BALANCE_BYTES = 1000 * 2 ** 30

/**
 * Options of the IPRoyal fake.
 * @example
 * createIPRoyalFake({ mainBalanceBytes: gib(10), perPageCap: 5, deleteStatus: 204 })
 */
export interface IPRoyalFakeOptions {
  /** The accepted token (default {@link IPROYAL_SANDBOX_API_TOKEN}). */
  readonly apiToken?: string
  /** The main balance at the start, in bytes (default {@link IPROYAL_SANDBOX_MAIN_BALANCE_BYTES}). */
  readonly mainBalanceBytes?: number
  /** Largest `per_page` honoured, and the default (default 20, the docs' echo). */
  readonly perPageCap?: number
  /** What a delete answers: an empty 200 (default) or 204. */
  readonly deleteStatus?: 200 | 204
  /** false: every authenticated call is 403, as for an account without API access (default true). */
  readonly apiAccess?: boolean
  /** true: `/me` is 404 and only `/residential/me` serves the balance (default false: both do). */
  readonly withoutMe?: boolean
  /** Seed of the random part of hashes (default 1). */
  readonly seed?: number
  /** The clock, in epoch ms (default `Date.now`). */
  readonly now?: () => number
}

/**
 * A sub-user as the fake's controls show it: traffic in bytes, the password in clear.
 * @example
 * fake.control.subusers()[0]?.availableBytes
 */
export interface IPRoyalFakeSubUser {
  readonly hash: string
  readonly id: number
  readonly username: string
  readonly password: string
  readonly availableBytes: number
  readonly usedBytes: number
  readonly limits: Readonly<Record<string, number | null>> | null
}

/**
 * Test-only controls of the IPRoyal fake.
 * @example
 * fake.control.addUsage(hash, mib(200)) // 209715200, or less when less is available
 * fake.control.mainBalanceBytes() + fake.control.subusers().reduce((n, s) => n + s.availableBytes + s.usedBytes, 0)
 */
export interface IPRoyalFakeControl {
  /** A snapshot of every sub-user, by legacy id. */
  subusers(): ReadonlyArray<IPRoyalFakeSubUser>
  /** The main balance, in bytes. */
  mainBalanceBytes(): number
  /** Sets the main balance, in bytes. */
  setMainBalance(bytes: number): void
  /**
   * Adds usage to a sub-user (now, or at `at`): `traffic_used` grows and `traffic_available`
   * shrinks by the same amount, never below 0. Returns the bytes used; undefined when there is
   * no such sub-user.
   */
  addUsage(hash: string, bytes: number, at?: number): number | undefined
  /** Grants or withdraws API access (withdrawn: every authenticated call is 403). */
  setApiAccess(on: boolean): void
  /** The hash lists `DELETE /sessions` accepted, oldest first. */
  sessionResets(): ReadonlyArray<ReadonlyArray<string>>
  /** The account's own hash (`residential_user_hash`). */
  accountHash(): string
  /** Forgets every sub-user, the usage and the session resets, restores the balance and access as configured; ids and hashes are still never reused. */
  reset(): void
}

/**
 * The fake, with the token it accepts and its controls.
 * @example
 * const fake = createIPRoyalFake()
 * fake.handle({ method: 'GET', path: '/me', query: new URLSearchParams(), headers: { authorization: `Bearer ${fake.apiToken}` }, body: '', origin: 'http://127.0.0.1:1/iproyal/v1' })
 */
export interface IPRoyalFake extends VendorFake {
  readonly apiToken: string
  readonly control: IPRoyalFakeControl
}

type Handler = (req: FakeRequest, ctx: EndpointContext, s: StoredSubUser | undefined) => FakeResponse

/** The routes: a path pattern (the hash captured where there is one) and its handler per method. */
interface Route {
  readonly pattern: RegExp
  readonly methods: Readonly<Record<string, Handler>>
}

/** A path segment decoded; a malformed escape is kept as it is (it then names no sub-user). */
const decoded = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * Creates an IPRoyal fake with empty state.
 * @example
 * const fake = createIPRoyalFake({ mainBalanceBytes: gib(100), now: () => Date.parse('2025-03-01T12:00:00Z') })
 */
export const createIPRoyalFake = (options: IPRoyalFakeOptions = {}): IPRoyalFake => {
  const apiToken = options.apiToken ?? IPROYAL_SANDBOX_API_TOKEN
  const now = options.now ?? Date.now
  const initialBalance = options.mainBalanceBytes ?? IPROYAL_SANDBOX_MAIN_BALANCE_BYTES
  const store = createStore(initialBalance)
  const nextHash = hashGenerator(now, options.seed ?? 1)
  const accountHash = nextHash()
  let access = options.apiAccess ?? true
  let resets: Array<ReadonlyArray<string>> = []
  const ctx: EndpointContext = { store, perPageCap: options.perPageCap ?? 20, deleteStatus: options.deleteStatus ?? 200, accountHash, nextHash }

  const balance: Handler = () => me(ctx)
  const routes: ReadonlyArray<Route> = [
    ...(options.withoutMe === true ? [] : [{ pattern: /^\/me$/, methods: { GET: balance } }]),
    { pattern: /^\/residential\/me$/, methods: { GET: balance } },
    { pattern: /^\/residential-subusers$/, methods: { GET: (req) => list(req, ctx), POST: (req) => create(req, ctx) } },
    {
      pattern: /^\/residential-subusers\/([^/]+)$/,
      methods: { GET: (_req, _ctx, s) => retrieve(s!), PUT: (req, _ctx, s) => update(req, s!, ctx), DELETE: (_req, _ctx, s) => destroy(s!, ctx) },
    },
    { pattern: /^\/residential-subusers\/([^/]+)\/give-traffic$/, methods: { POST: (req, _ctx, s) => move('give', req, s!, ctx) } },
    { pattern: /^\/residential-subusers\/([^/]+)\/take-traffic$/, methods: { POST: (req, _ctx, s) => move('take', req, s!, ctx) } },
    { pattern: /^\/residential\/data-usage-report$/, methods: { GET: (req) => usageReport(req, store.usage(), (h) => h === accountHash || store.get(h) !== undefined, accountHash) } },
    { pattern: /^\/access\/entry-nodes$/, methods: { GET: () => entryNodes() } },
    { pattern: /^\/sessions$/, methods: { DELETE: (req) => resetSessions(req, ctx, (hashes) => resets.push([...hashes])) } },
  ]

  const handle = (req: FakeRequest): FakeResponse => {
    for (const route of routes) {
      const match = route.pattern.exec(req.path)
      if (match === null) continue
      const handler = route.methods[req.method === 'HEAD' ? 'GET' : req.method]
      if (handler === undefined) return methodNotAllowed(req.method, req.path, Object.keys(route.methods))
      if (bearerToken(req) !== apiToken) return message(401, 'Unauthenticated.')
      if (!access) return message(403, 'API access is not enabled for this account: verify your identity or spend over $200.')
      const hash = match[1]
      const subUser = hash === undefined ? undefined : store.get(decoded(hash))
      if (hash !== undefined && subUser === undefined) return subUserNotFound()
      return handler(req, ctx, subUser)
    }
    return routeNotFound(req.path)
  }

  return {
    apiToken,
    handle,
    rateLimited: () => message(429, 'Too Many Attempts.', { 'Retry-After': '1' }),
    serverError: (_req, status) => message(status, 'Server Error'),
    control: {
      subusers: () => store.all().map((s) => ({ ...s })),
      mainBalanceBytes: () => store.mainBytes(),
      setMainBalance: (bytes) => store.setMainBytes(bytes),
      addUsage: (hash, bytes, at) => (store.get(hash) === undefined ? undefined : store.use(hash, bytes, at ?? now())),
      setApiAccess: (on) => {
        access = on
      },
      sessionResets: () => resets.map((r) => [...r]),
      accountHash: () => accountHash,
      reset: () => {
        store.clear(initialBalance)
        resets = []
        access = options.apiAccess ?? true
      },
    },
  }
}
