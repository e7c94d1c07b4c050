/**
 * A stateful, in-memory fake of Thordata's proxy-users API (vendor sheet §7).
 * Pure: no sockets, no timers; the sandbox server or a mock adapter drives it.
 */
import type { FakeRequest, FakeResponse, VendorFake } from '../../../src/sandbox/types'

/** The sandbox's fake token (not a real credential). @example THORDATA_SANDBOX_TOKEN */
export const THORDATA_SANDBOX_TOKEN = 'sandbox-thordata-token'
/** The sandbox's fake key (not a real credential). @example THORDATA_SANDBOX_KEY */
export const THORDATA_SANDBOX_KEY = 'sandbox-thordata-key'

/**
 * Options of the Thordata fake.
 * @example
 * createThordataFake({ userLimit: 3, minIntervalMs: 1200 })
 */
export interface ThordataFakeOptions {
  readonly token?: string
  readonly key?: string
  /** Sub-users allowed per proxy type before 10019 (default 100). */
  readonly userLimit?: number
  /** Calls of one token closer than this get 10011 and are not applied (default 0: no throttling). */
  readonly minIntervalMs?: number
  /** Report `status` as the strings "true"/"false" instead of booleans. */
  readonly statusAsString?: boolean
  readonly now?: () => number
}

/**
 * One stored sub-user, in Thordata's own units.
 * @example
 * fake.control.users()[0]?.traffic_limit // MiB
 */
export interface ThordataFakeUser {
  readonly username: string
  readonly password: string
  readonly status: boolean
  /** MiB; 0 = unlimited. */
  readonly traffic_limit: number
  /** KiB. */
  readonly usage_kib: number
  readonly created_time: string
}

/**
 * Test-only controls of the Thordata fake.
 * @example
 * fake.control.setUsage('alice001', 2048)
 */
export interface ThordataFakeControl {
  users(proxyType?: number): ReadonlyArray<ThordataFakeUser>
  /** Sets a sub-user's total usage in KiB; false when there is no such user. */
  setUsage(username: string, kib: number, proxyType?: number): boolean
  reset(): void
}

/**
 * The fake, with its credentials and controls.
 * @example
 * const fake = createThordataFake(); fake.handle(request)
 */
export interface ThordataFake extends VendorFake {
  readonly token: string
  readonly key: string
  readonly control: ThordataFakeControl
}

const CODES = {
  ok: 200,
  parameter: 10000,
  tooFrequent: 10011,
  token: 10013,
  key: 10014,
  username: 10015,
  password: 10016,
  exists: 10018,
  userLimit: 10019,
  noSuchUser: 10020,
  range: 10021,
} as const
const MESSAGES: Record<number, string> = {
  200: 'ok',
  10000: 'Parameter error',
  10011: 'Operations are too frequent',
  10013: 'Token error',
  10014: 'Key error',
  10015: 'Username format error',
  10016: 'Password format error',
  10018: 'Username already exists',
  10019: 'The number of users has reached the limit',
  10020: 'Username does not exist',
  10021: 'Query range cannot exceed 180 days',
}
const PROXY_TYPES = new Set(['1', '2', '3'])
const USERNAME = /^[A-Za-z0-9]{6,15}$/
const PASSWORD = /^[A-Za-z][A-Za-z0-9]{5,14}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000

const reply = (code: number, data: unknown = {}): FakeResponse => ({ status: 200, body: { code, msg: MESSAGES[code] ?? 'error', data } })

/** A traffic limit on the wire: an integer MiB, 0 or at least 100. */
const parseLimit = (v: string | undefined): number | undefined => {
  if (v === undefined || !/^\d+$/.test(v)) return undefined
  const n = Number(v)
  return n === 0 || n >= 100 ? n : undefined
}
const parseBool = (v: string | undefined): boolean | undefined => (v === 'true' ? true : v === 'false' ? false : undefined)

/**
 * Creates a Thordata fake with empty state.
 * @example
 * const fake = createThordataFake({ userLimit: 10 })
 */
export const createThordataFake = (options: ThordataFakeOptions = {}): ThordataFake => {
  const token = options.token ?? THORDATA_SANDBOX_TOKEN
  const key = options.key ?? THORDATA_SANDBOX_KEY
  const now = options.now ?? Date.now
  const userLimit = options.userLimit ?? 100
  // Each proxy type is its own namespace (vendor sheet §7, inferred).
  let users = new Map<string, Map<string, ThordataFakeUser>>()
  let lastCallAt: number | undefined
  const namespace = (proxyType: string) => {
    let ns = users.get(proxyType)
    if (ns === undefined) users.set(proxyType, (ns = new Map()))
    return ns
  }

  const userList = (ns: Map<string, ThordataFakeUser>) => ({
    limit: userLimit,
    remaining_limit: Math.max(0, userLimit - ns.size),
    user_count: ns.size,
    list: [...ns.values()].map((u) => ({
      username: u.username,
      password: u.password,
      status: options.statusAsString ? String(u.status) : u.status,
      traffic_limit: u.traffic_limit,
      usage_traffic: u.usage_kib,
      created_time: u.created_time,
    })),
  })

  const createUser = (ns: Map<string, ThordataFakeUser>, f: URLSearchParams): FakeResponse => {
    const [username, password, status] = [f.get('username') ?? undefined, f.get('password') ?? undefined, parseBool(f.get('status') ?? undefined)]
    const limit = parseLimit(f.get('traffic_limit') ?? undefined)
    if (username === undefined || password === undefined || status === undefined || limit === undefined) return reply(CODES.parameter)
    if (!USERNAME.test(username)) return reply(CODES.username)
    if (!PASSWORD.test(password)) return reply(CODES.password)
    if (ns.has(username)) return reply(CODES.exists)
    if (ns.size >= userLimit) return reply(CODES.userLimit)
    ns.set(username, { username, password, status, traffic_limit: limit, usage_kib: 0, created_time: new Date(now()).toISOString().slice(0, 10) })
    return reply(CODES.ok)
  }

  const updateUser = (ns: Map<string, ThordataFakeUser>, f: URLSearchParams): FakeResponse => {
    const username = f.get('username')
    const [newName, newPassword, newStatus] = [f.get('new_username'), f.get('new_password'), parseBool(f.get('new_status') ?? undefined)]
    const limit = parseLimit(f.get('new_traffic_limit') ?? undefined)
    // The strict English-docs reading: every new_* field is required.
    if (username === null || newName === null || newPassword === null || newStatus === undefined || limit === undefined) return reply(CODES.parameter)
    const current = ns.get(username)
    if (current === undefined) return reply(CODES.noSuchUser)
    if (!USERNAME.test(newName)) return reply(CODES.username)
    if (!PASSWORD.test(newPassword)) return reply(CODES.password)
    if (newName !== username && ns.has(newName)) return reply(CODES.exists)
    ns.delete(username)
    ns.set(newName, { ...current, username: newName, password: newPassword, status: newStatus, traffic_limit: limit })
    return reply(CODES.ok)
  }

  const usage = (ns: Map<string, ThordataFakeUser>, q: URLSearchParams): FakeResponse => {
    const names = (q.get('username') ?? '').split(',').filter((n) => n !== '')
    const [from, to] = [q.get('from_date') ?? '', q.get('to_date') ?? '']
    if (names.length === 0 || !DATE.test(from) || !DATE.test(to)) return reply(CODES.parameter)
    const [start, end] = [Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T00:00:00Z`)]
    if (Number.isNaN(start) || Number.isNaN(end) || end < start) return reply(CODES.parameter)
    const days = (end - start) / DAY_MS + 1
    if (days > 180) return reply(CODES.range)
    const found = names.map((n) => ns.get(n))
    if (found.some((u) => u === undefined)) return reply(CODES.noSuchUser)
    const selected = found as ThordataFakeUser[]
    const total = selected.reduce((sum, u) => sum + u.usage_kib, 0)
    const limitKib = selected.reduce((sum, u) => sum + u.traffic_limit * 1024, 0)
    // The fake keeps only totals: daily rows report no traffic within the range.
    const rows = Array.from({ length: days }, (_, i) => ({ date: new Date(start + i * DAY_MS).toISOString().slice(0, 10), usage_traffic: 0 }))
    return reply(CODES.ok, {
      traffic_limit: limitKib,
      total_usage_traffic: total,
      traffic_balance: Math.max(0, limitKib - total),
      query_days: days,
      range_usage_traffic: 0,
      data: rows,
    })
  }

  const handle = (req: FakeRequest): FakeResponse => {
    const isGet = req.method === 'GET'
    const route = `${req.method} ${req.path}`
    const known = ['GET /proxy-users/user-list', 'GET /proxy-users/usage-statistics', 'POST /proxy-users/create-user', 'POST /proxy-users/update-user', 'POST /proxy-users/delete-user']
    if (!known.includes(route)) return { status: 404, body: '404 page not found' }
    // GET carries the credentials in the query, POST in headers.
    const given = (name: string): string | undefined => {
      const v = isGet ? req.query.get(name) : req.headers[name]
      return typeof v === 'string' ? v : undefined
    }
    if (given('token') !== token) return reply(CODES.token)
    const givenKey = given('key')
    if (givenKey !== undefined && givenKey !== key) return reply(CODES.key)
    const at = now()
    const minInterval = options.minIntervalMs ?? 0
    if (minInterval > 0 && lastCallAt !== undefined && at - lastCallAt < minInterval) return reply(CODES.tooFrequent)
    lastCallAt = at
    const isForm = String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')
    const params = isGet ? req.query : new URLSearchParams(isForm ? req.body : '')
    const proxyType = params.get('proxy_type') ?? ''
    if (!PROXY_TYPES.has(proxyType)) return reply(CODES.parameter)
    const ns = namespace(proxyType)
    switch (route) {
      case 'GET /proxy-users/user-list':
        return reply(CODES.ok, userList(ns))
      case 'GET /proxy-users/usage-statistics':
        return usage(ns, params)
      case 'POST /proxy-users/create-user':
        return createUser(ns, params)
      case 'POST /proxy-users/update-user':
        return updateUser(ns, params)
      default: {
        const username = params.get('username')
        if (username === null) return reply(CODES.parameter)
        return ns.delete(username) ? reply(CODES.ok) : reply(CODES.noSuchUser)
      }
    }
  }

  return {
    token,
    key,
    handle,
    rateLimited: () => reply(CODES.tooFrequent),
    serverError: (_req, status) => ({ status, body: `${status} upstream error` }),
    control: {
      users: (proxyType = 1) => [...namespace(String(proxyType)).values()],
      setUsage: (username, kib, proxyType = 1) => {
        const ns = namespace(String(proxyType))
        const u = ns.get(username)
        if (u === undefined) return false
        ns.set(username, { ...u, usage_kib: kib })
        return true
      },
      reset: () => {
        users = new Map()
        lastCallAt = undefined
      },
    },
  }
}
