/**
 * A small, stateful fake of DeviceHive's user API, for the sandbox: JWTs from `POST /token`
 * (refreshed at `POST /token/refresh`, access tokens expiring), `GET /user` paged with
 * `take`/`skip` and filtered by `login`, `GET /user/count`, `GET /user/{id}`, `POST /user`
 * (201), `PUT /user/{id}` (partial, 204), `DELETE /user/{id}` (204), 404 for unknown ids, and
 * 403 "already exists" for a login taken (as DeviceHive answers it). Mounted next to the
 * package's own fakes with `startSandbox({ fakes: [deviceHiveMount(fake)] })`.
 */
import { createHmac } from 'node:crypto'
import type { FakeRequest, FakeResponse, Mount, VendorFake } from 'proxy-subusers/adapter'

/** The fake administrator's login (a fake credential). @example createDeviceHiveProvider({ baseURL, login: DEVICEHIVE_SANDBOX_LOGIN, password: DEVICEHIVE_SANDBOX_PASSWORD }) */
export const DEVICEHIVE_SANDBOX_LOGIN = 'dhadmin'
/** The fake administrator's password (a fake credential). @example DEVICEHIVE_SANDBOX_PASSWORD.startsWith('fake') // true */
export const DEVICEHIVE_SANDBOX_PASSWORD = 'fake-devicehive-admin-password'

/**
 * Options of {@link createDeviceHiveFake}.
 * @example
 * createDeviceHiveFake({ accessTokenTtlMs: 1000, now: () => clock })
 */
export interface DeviceHiveFakeOptions {
  /** How long an access token is valid (default 60 000 ms). */
  readonly accessTokenTtlMs?: number
  /** How long a refresh token is valid (default one day). */
  readonly refreshTokenTtlMs?: number
  /** The fake's clock (default `Date.now`), for token expiry. */
  readonly now?: () => number
}

/**
 * A user as the fake keeps it.
 * @example
 * const u: DeviceHiveFakeUser = { id: 2, login: 'alice', role: 1, status: 0, password: null, data: null, lastLogin: null, introReviewed: false }
 */
export interface DeviceHiveFakeUser {
  readonly id: number
  readonly login: string
  readonly role: 0 | 1
  readonly status: 0 | 1 | 2
  readonly password: string | null
  readonly data: unknown
  readonly lastLogin: string | null
  readonly introReviewed: boolean
}

/**
 * Test hooks of the fake.
 * @example
 * fake.control.setStatus(2, 1) // lock user 2
 */
export interface DeviceHiveFakeControl {
  /** Every user, the administrator first. */
  users(): ReadonlyArray<DeviceHiveFakeUser>
  /** Sets a user's DeviceHive status (1 = locked, as after failed logins). */
  setStatus(id: number, status: 0 | 1 | 2): void
  /** How many times tokens were asked for: logins and refreshes. */
  tokenRequests(): { readonly login: number; readonly refresh: number }
}

/**
 * The fake: a {@link VendorFake} with its administrator's credentials and test hooks.
 * @example
 * const fake = createDeviceHiveFake()
 */
export interface DeviceHiveFake extends VendorFake {
  readonly login: string
  readonly password: string
  readonly control: DeviceHiveFakeControl
}

const SIGNING_KEY = 'fake-devicehive-signing-key'
const DUPLICATE_LOGIN = 'User with such login already exists. Please, select another one'
const LOGIN_LENGTH = { min: 3, max: 128 }
const PASSWORD_LENGTH = { min: 6, max: 128 }

const error = (status: number, message: string): FakeResponse => ({ status, body: { error: status, message } })
const unauthorized = () => error(401, 'Unauthorized')

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const sign = (text: string) => createHmac('sha256', SIGNING_KEY).update(text).digest('base64url')

/** DeviceHive's UserVO. */
const view = (u: DeviceHiveFakeUser) => ({ id: u.id, login: u.login, role: u.role, status: u.status, lastLogin: u.lastLogin, data: u.data, introReviewed: u.introReviewed, allDeviceTypesAvailable: true })

/**
 * A fresh fake with one administrator.
 * @example
 * const fake = createDeviceHiveFake({ accessTokenTtlMs: 60_000 })
 */
export const createDeviceHiveFake = (options: DeviceHiveFakeOptions = {}): DeviceHiveFake => {
  const now = options.now ?? Date.now
  const accessTtl = options.accessTokenTtlMs ?? 60_000
  const refreshTtl = options.refreshTokenTtlMs ?? 86_400_000
  const users = new Map<number, DeviceHiveFakeUser>()
  users.set(1, { id: 1, login: DEVICEHIVE_SANDBOX_LOGIN, role: 0, status: 0, password: DEVICEHIVE_SANDBOX_PASSWORD, data: null, lastLogin: null, introReviewed: true })
  let nextId = 2
  let issued = 0
  const counts = { login: 0, refresh: 0 }

  const token = (userId: number, type: 'access' | 'refresh') => {
    const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: userId, type, jti: ++issued, exp: now() + (type === 'access' ? accessTtl : refreshTtl) })}`
    return `${head}.${sign(head)}`
  }
  /** The user a valid, unexpired token of this type belongs to. */
  const holder = (jwt: string, type: 'access' | 'refresh'): DeviceHiveFakeUser | undefined => {
    const [head, payload, signature] = jwt.split('.')
    if (head === undefined || payload === undefined || signature !== sign(`${head}.${payload}`)) return undefined
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: number; type: string; exp: number } // signed by us: well-formed
    if (claims.type !== type || claims.exp <= now()) return undefined
    const u = users.get(claims.sub)
    return u?.status === 0 ? u : undefined
  }

  const json = (req: FakeRequest): Record<string, unknown> | undefined => {
    try {
      const v: unknown = JSON.parse(req.body)
      return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
    } catch {
      return undefined
    }
  }

  const logIn = (req: FakeRequest): FakeResponse => {
    counts.login++
    const body = json(req)
    if (body === undefined || typeof body.login !== 'string' || typeof body.password !== 'string') return error(400, 'Login and password are required')
    const u = [...users.values()].find((x) => x.login === body.login)
    if (u === undefined || u.password === null || u.password !== body.password || u.status !== 0) return unauthorized()
    users.set(u.id, { ...u, lastLogin: new Date(now()).toISOString().replace(/Z$/, '') })
    return { status: 201, body: { accessToken: token(u.id, 'access'), refreshToken: token(u.id, 'refresh') } }
  }

  const refresh = (req: FakeRequest): FakeResponse => {
    counts.refresh++
    const body = json(req)
    if (body === undefined || typeof body.refreshToken !== 'string') return error(400, 'Refresh token is required')
    const u = holder(body.refreshToken, 'refresh')
    return u === undefined ? unauthorized() : { status: 201, body: { accessToken: token(u.id, 'access') } }
  }

  /** The fields of a POST or PUT body, checked as DeviceHive's user validation does here. */
  const fields = (body: Record<string, unknown>, id: number | undefined): { ok: Partial<DeviceHiveFakeUser> } | { refused: FakeResponse } => {
    const out: { -readonly [K in keyof DeviceHiveFakeUser]?: DeviceHiveFakeUser[K] } = {}
    if (body.login !== undefined) {
      if (typeof body.login !== 'string' || body.login.length < LOGIN_LENGTH.min || body.login.length > LOGIN_LENGTH.max || body.login.trim() === '') return { refused: error(400, 'Invalid login') }
      if ([...users.values()].some((u) => u.login === body.login && u.id !== id)) return { refused: error(403, DUPLICATE_LOGIN) }
      out.login = body.login
    }
    if (body.role !== undefined) {
      if (body.role !== 0 && body.role !== 1) return { refused: error(400, 'Invalid role') }
      out.role = body.role
    }
    if (body.status !== undefined) {
      if (body.status !== 0 && body.status !== 1 && body.status !== 2) return { refused: error(400, 'Invalid status') }
      out.status = body.status
    }
    if (body.password !== undefined) {
      if (typeof body.password !== 'string' || body.password.length < PASSWORD_LENGTH.min || body.password.length > PASSWORD_LENGTH.max) return { refused: error(400, 'Invalid password') }
      out.password = body.password
    }
    if (body.data !== undefined) out.data = body.data
    return { ok: out }
  }

  const list = (req: FakeRequest): FakeResponse => {
    const take = Number(req.query.get('take') ?? '20')
    const skip = Number(req.query.get('skip') ?? '0')
    if (!Number.isSafeInteger(take) || take < 0 || !Number.isSafeInteger(skip) || skip < 0) return error(400, 'Invalid take or skip')
    const desc = (req.query.get('sortOrder') ?? 'ASC').toUpperCase() === 'DESC'
    return { status: 200, body: matching(req).sort((a, b) => (desc ? b.id - a.id : a.id - b.id)).slice(skip, skip + take).map(view) }
  }
  const matching = (req: FakeRequest) => {
    const login = req.query.get('login')
    return [...users.values()].filter((u) => login === null || u.login === login)
  }

  const create = (req: FakeRequest): FakeResponse => {
    const body = json(req)
    if (body === undefined) return error(400, 'Malformed JSON')
    if (body.login === undefined || body.role === undefined) return error(400, 'Login and role are required')
    const checked = fields(body, undefined)
    if ('refused' in checked) return checked.refused
    const u: DeviceHiveFakeUser = { status: 0, password: null, data: null, ...checked.ok, id: nextId++, login: checked.ok.login!, role: checked.ok.role!, lastLogin: null, introReviewed: false }
    users.set(u.id, u)
    return { status: 201, body: { id: u.id, lastLogin: null, introReviewed: false } }
  }

  const item = (req: FakeRequest, u: DeviceHiveFakeUser): FakeResponse => {
    if (req.method === 'GET') return { status: 200, body: view(u) }
    if (req.method === 'DELETE') {
      users.delete(u.id)
      return { status: 204 }
    }
    if (req.method === 'PUT') {
      const body = json(req)
      if (body === undefined) return error(400, 'Malformed JSON')
      const checked = fields(body, u.id)
      if ('refused' in checked) return checked.refused
      users.set(u.id, { ...u, ...checked.ok })
      return { status: 204 }
    }
    return error(405, 'Method not allowed')
  }

  const handle = (req: FakeRequest): FakeResponse => {
    if (req.path === '/token') return req.method === 'POST' ? logIn(req) : error(405, 'Method not allowed')
    if (req.path === '/token/refresh') return req.method === 'POST' ? refresh(req) : error(405, 'Method not allowed')
    if (req.path !== '/user' && !req.path.startsWith('/user/')) return error(404, 'Not found')
    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))
    const caller = auth?.[1] === undefined ? undefined : holder(auth[1], 'access')
    if (caller === undefined) return unauthorized()
    if (caller.role !== 0) return error(403, 'Access is denied')
    if (req.path === '/user') return req.method === 'GET' ? list(req) : req.method === 'POST' ? create(req) : error(405, 'Method not allowed')
    if (req.path === '/user/count') return req.method === 'GET' ? { status: 200, body: { count: matching(req).length } } : error(405, 'Method not allowed')
    const id = /^\/user\/(\d+)$/.exec(req.path)?.[1]
    const u = id === undefined ? undefined : users.get(Number(id))
    return u === undefined ? error(404, `User with id = ${id ?? '?'} not found`) : item(req, u)
  }

  return {
    login: DEVICEHIVE_SANDBOX_LOGIN,
    password: DEVICEHIVE_SANDBOX_PASSWORD,
    handle,
    rateLimited: () => error(429, 'Too many requests'),
    serverError: (_req, status) => error(status, 'Internal server error'),
    control: {
      users: () => [...users.values()],
      setStatus: (id, status) => {
        const u = users.get(id)
        if (u === undefined) throw new Error(`no user ${id}`)
        users.set(id, { ...u, status })
      },
      tokenRequests: () => ({ ...counts }),
    },
  }
}

/**
 * The fake as a sandbox mount, at `/devicehive/api/rest`, with faults and stats under `devicehive`.
 * @example
 * const sandbox = await startSandbox({ fakes: [deviceHiveMount(fake)] })
 * sandbox.baseURLOf('devicehive') // 'http://127.0.0.1:PORT/devicehive/api/rest'
 */
export const deviceHiveMount = (fake: DeviceHiveFake): Mount<'devicehive'> => ({ name: 'devicehive', mount: '/devicehive/api/rest', fake })
