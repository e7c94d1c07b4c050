/**
 * The DeviceHive adapter: DeviceHive's user API behind the neutral interface, built with the
 * kit of `proxy-subusers/adapter` only, as any third-party adapter is.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { CreateSubUser, UpdateSubUser } from 'proxy-subusers'
import {
  createHttpClient,
  decodeWith,
  defineProvider,
  validationError,
  writeOnce,
  type CommonOptions,
  type FieldProblem,
  type HttpRequest,
  type Page,
  type RateLimit,
  type ReadBack,
  type SubUserError,
  type Operation,
  type WriteTiming,
} from 'proxy-subusers/adapter'
import { deviceHiveCapabilities } from './capabilities'
import { DeviceHiveCount, DeviceHiveCreated, DeviceHiveUser, DeviceHiveUserPage, type DeviceHiveWireRole, type DeviceHiveWireStatus } from './codecs'
import type { DeviceHiveProvider, DeviceHiveSettings, DeviceHiveSubUser, Json } from './domain'
import { roleToWire, statusToWire, toSubUser } from './mapping'
import { deviceHiveSession, type DeviceHiveSession } from './session'

/**
 * DeviceHive publishes no API rate limit; this adapter paces itself at 600 requests a minute,
 * 4 in flight.
 * @example createDeviceHiveProvider({ baseURL, login, password, rateLimit: { concurrency: 2 } })
 */
export const DEVICEHIVE_DEFAULT_RATE_LIMIT: RateLimit = { requestsPerMinute: 600, concurrency: 4 }

/** Users asked for per `GET /user` page. @example DEVICEHIVE_DEFAULT_PAGE_SIZE === 100 */
export const DEVICEHIVE_DEFAULT_PAGE_SIZE = 100

/**
 * Options of {@link createDeviceHiveProvider}.
 * @example
 * const o: DeviceHiveOptions = { baseURL: 'https://devicehive.example/api/rest', login: 'admin', password: process.env.DH_PASSWORD! }
 */
export interface DeviceHiveOptions extends CommonOptions {
  /** DeviceHive's REST API, e.g. `https://devicehive.example/api/rest`. */
  readonly baseURL: string
  /** An administrator's login and password, exchanged for JWTs at `POST /token`. */
  readonly login: string
  readonly password: string
  /** Users per list page, a whole number ≥ 1 (default {@link DEVICEHIVE_DEFAULT_PAGE_SIZE}). */
  readonly pageSize?: number
}

/** Login rules of this adapter: 3 to 128 characters, not only spaces. */
const LOGIN = { min: 3, max: 128 }
/** Password rules of this adapter: 6 to 128 characters. */
const PASSWORD = { min: 6, max: 128 }

/**
 * A DeviceHive provider. DeviceHive users are the sub-users: login is `username`, status 0 is
 * `active`, 2 `disabled`, and 1 (locked after failed logins) `disabled` with `vendor.locked`.
 *
 * - Ids are DeviceHive's numeric ids as decimal strings (a rename keeps the id); any other id
 *   is a `validation` error and nothing is sent.
 * - No traffic: `trafficLimitBytes` is refused as `unsupported`; every user reads unlimited.
 * - Passwords can be set, never read (`password` is always null).
 * - Role and data go in `vendor.devicehive` (`role` defaults to `client` on create).
 * - An expired access token (401) is renewed with the refresh token, or by logging in again,
 *   and the call repeated once.
 * - A write left without an answer is read back, never re-sent blindly: create is done when a
 *   user with our login holds what we sent (logins are unique); update sends its PUT again
 *   unless the user already holds every value (a PUT of the same values is harmless); delete
 *   is done when the user is gone.
 *
 * Throws a `validation` SubUserError (operation `list`) when an option is malformed.
 * @example
 * const dh = createDeviceHiveProvider({ baseURL: sandbox.baseURLOf('devicehive'), login: 'admin', password: 'fake-admin-password' })
 * const u = await toPromises(dh).create({ username: 'alice', vendor: { devicehive: { role: 'client' } } })
 */
export const createDeviceHiveProvider = (options: DeviceHiveOptions): DeviceHiveProvider => {
  const problems: FieldProblem[] = []
  const o: Partial<DeviceHiveOptions> = typeof options === 'object' && options !== null ? options : {}
  if (typeof o.baseURL !== 'string' || !/^https?:\/\/[^/]/i.test(o.baseURL)) problems.push({ path: 'baseURL', message: 'must be an http(s) URL' })
  if (typeof o.login !== 'string' || o.login === '') problems.push({ path: 'login', message: 'is required' })
  if (typeof o.password !== 'string' || o.password === '') problems.push({ path: 'password', message: 'is required' })
  const pageSize = o.pageSize ?? DEVICEHIVE_DEFAULT_PAGE_SIZE
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) problems.push({ path: 'pageSize', message: 'must be a whole number of at least 1' })
  if (problems.length > 0) throw validationError('devicehive', 'list', problems)
  const http = createHttpClient({
    provider: 'devicehive',
    baseURL: options.baseURL,
    secrets: [options.password],
    options,
    rateLimit: DEVICEHIVE_DEFAULT_RATE_LIMIT,
  })
  return defineProvider(operations(deviceHiveSession(http, { login: options.login, password: options.password }), http, pageSize))
}

/** The body of `POST /user` and `PUT /user/{id}`: only what is sent. */
interface WriteBody {
  login?: string
  role?: DeviceHiveWireRole
  status?: DeviceHiveWireStatus
  password?: string
  data?: Json | null
}

const checkFields = (operation: 'create' | 'update', input: CreateSubUser<DeviceHiveSettings> | UpdateSubUser<DeviceHiveSettings>): E.Either<SubUserError, WriteBody> => {
  const problems: FieldProblem[] = []
  const body: WriteBody = {}
  if (input.username !== undefined) {
    const login = input.username
    if (login.length < LOGIN.min || login.length > LOGIN.max || login.trim() === '') problems.push({ path: 'username', message: `must be ${LOGIN.min} to ${LOGIN.max} characters, not only spaces` })
    else body.login = login
  }
  if (input.password !== undefined) {
    if (input.password.length < PASSWORD.min || input.password.length > PASSWORD.max) problems.push({ path: 'password', message: `must be ${PASSWORD.min} to ${PASSWORD.max} characters` })
    else body.password = input.password
  }
  if (input.status !== undefined) body.status = statusToWire(input.status)
  else if (operation === 'create') body.status = statusToWire('active')
  const settings: unknown = input.vendor?.devicehive
  if (settings !== undefined && (typeof settings !== 'object' || settings === null)) problems.push({ path: 'vendor.devicehive', message: 'must be an object' })
  else {
    const { role, data, ...rest } = (settings ?? {}) as { role?: unknown; data?: unknown }
    for (const key of Object.keys(rest)) problems.push({ path: `vendor.devicehive.${key}`, message: 'is not a DeviceHive setting (role, data)' })
    if (role !== undefined && role !== 'admin' && role !== 'client') problems.push({ path: 'vendor.devicehive.role', message: "must be 'admin' or 'client'" })
    else if (role !== undefined) body.role = roleToWire(role)
    else if (operation === 'create') body.role = roleToWire('client')
    if (data !== undefined) {
      if (!isJson(data)) problems.push({ path: 'vendor.devicehive.data', message: 'must be a JSON value' })
      else body.data = data
    }
  }
  return problems.length > 0 ? E.left(validationError('devicehive', operation, problems)) : E.right(body)
}

const isJson = (v: unknown, depth = 0): v is Json => {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true
  if (typeof v === 'number') return Number.isFinite(v)
  if (depth > 32 || typeof v !== 'object') return false
  if (Array.isArray(v)) return v.every((x) => isJson(x, depth + 1))
  return Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every((x) => isJson(x, depth + 1))
}

const checkId = (operation: Operation, id: unknown): E.Either<SubUserError, string> =>
  typeof id === 'string' && /^[1-9]\d{0,15}$/.test(id) ? E.right(id) : E.left(validationError('devicehive', operation, [{ path: 'id', message: "must be DeviceHive's numeric user id" }]))

/** Whether a user holds every value of a write body (the password cannot be read, so never counts as held). */
const holds = (u: DeviceHiveUser, body: WriteBody): boolean =>
  body.password === undefined &&
  (body.login === undefined || u.login === body.login) &&
  (body.role === undefined || u.role === body.role) &&
  (body.status === undefined || u.status === body.status) &&
  (body.data === undefined || JSON.stringify(u.data ?? null) === JSON.stringify(body.data))

const operations = (session: DeviceHiveSession, timing: WriteTiming, pageSize: number) => {
  const user = (operation: 'create' | 'get' | 'update' | 'delete' | 'refresh', id: string): TE.TaskEither<SubUserError, DeviceHiveUser> =>
    session.call(operation, (headers) => ({ method: 'GET', url: `/user/${id}`, headers }), 'item', decodeWith(DeviceHiveUser, 'devicehive', operation))

  /** The user with this login, if any (`login` filters exactly). */
  const byLogin = (operation: 'create', login: string): TE.TaskEither<SubUserError, ReadonlyArray<DeviceHiveUser>> =>
    session.call(operation, (headers) => ({ method: 'GET', url: '/user', query: { login }, headers }), 'collection', decodeWith(DeviceHiveUserPage, 'devicehive', operation))

  const noBody = () => E.right<SubUserError, void>(undefined)

  const page = (count: number, skip: number): TE.TaskEither<SubUserError, Page<DeviceHiveSubUser>> =>
    pipe(
      session.call(
        'list',
        (headers) => ({ method: 'GET', url: '/user', query: { take: String(pageSize), skip: String(skip), sortField: 'id', sortOrder: 'ASC' }, headers }),
        'collection',
        decodeWith(DeviceHiveUserPage, 'devicehive', 'list'),
      ),
      TE.map((users) => {
        const items = users.map(toSubUser)
        // Up to the count read when the listing started; a short page ends it early.
        const next = skip + users.length
        return users.length === pageSize && next < count ? { items, next: () => page(count, next) } : { items }
      }),
    )

  return {
    id: 'devicehive' as const,
    capabilities: deviceHiveCapabilities,
    create: (input: CreateSubUser<DeviceHiveSettings>) =>
      pipe(
        TE.fromEither(checkFields('create', input)),
        TE.flatMap((body) => {
          const login = input.username
          const request = (headers: Readonly<Record<string, string>>): HttpRequest => ({ method: 'POST', url: '/user', json: body, headers, secrets: body.password === undefined ? [] : [body.password] })
          const created = pipe(
            session.call('create', request, 'collection', decodeWith(DeviceHiveCreated, 'devicehive', 'create')),
            TE.map((c) => toSubUser({ id: c.id, login, role: body.role ?? roleToWire('client'), status: body.status ?? statusToWire('active'), data: body.data ?? null, lastLogin: c.lastLogin ?? null, introReviewed: c.introReviewed ?? null })),
          )
          // No answer: logins are unique, so a user with our login holding what we sent is ours.
          return writeOnce(timing, created, () =>
            pipe(
              byLogin('create', login),
              TE.map((found): ReadBack<DeviceHiveSubUser> => {
                const match = found.find((u) => u.login === login)
                if (match === undefined) return { found: 'not-applied' }
                return holds(match, { ...body, password: undefined }) ? { found: 'applied', value: toSubUser(match) } : { found: 'unclear' }
              }),
            ),
          )
        }),
      ),
    // defineProvider runs checkId first on every operation given an id.
    checkId,
    get: (id: string) => pipe(TE.fromEither(checkId('get', id)), TE.flatMap((i) => user('get', i)), TE.map(toSubUser)),
    update: (id: string, patch: UpdateSubUser<DeviceHiveSettings>) =>
      pipe(
        TE.fromEither(checkId('update', id)),
        TE.flatMap((i) =>
          pipe(
            TE.fromEither(checkFields('update', patch)),
            TE.flatMap((body) => {
              const put = session.call('update', (headers) => ({ method: 'PUT', url: `/user/${i}`, json: body, headers, secrets: body.password === undefined ? [] : [body.password] }), 'item', noBody)
              // No answer: done if the user holds every value; else the same PUT again (idempotent).
              return writeOnce(timing, put, () => pipe(user('update', i), TE.map((u): ReadBack<void> => (holds(u, body) ? { found: 'applied', value: undefined } : { found: 'not-applied' }))))
            }),
            TE.flatMap(() => user('update', i)),
            TE.map(toSubUser),
          ),
        ),
      ),
    delete: (id: string) =>
      pipe(
        TE.fromEither(checkId('delete', id)),
        TE.flatMap((i) =>
          writeOnce(timing, session.call('delete', (headers) => ({ method: 'DELETE', url: `/user/${i}`, headers }), 'item', noBody), () =>
            pipe(
              user('delete', i),
              TE.map((): ReadBack<void> => ({ found: 'not-applied' })),
              TE.orElse((e) => (e.kind === 'not_found' ? TE.right<SubUserError, ReadBack<void>>({ found: 'applied', value: undefined }) : TE.left(e))),
            ),
          ),
        ),
      ),
    // Nothing to renew on a DeviceHive user: refresh re-reads it.
    refresh: (id: string) => pipe(TE.fromEither(checkId('refresh', id)), TE.flatMap((i) => user('refresh', i)), TE.map(toSubUser)),
    firstPage: () =>
      pipe(
        session.call('list', (headers) => ({ method: 'GET', url: '/user/count', headers }), 'collection', decodeWith(DeviceHiveCount, 'devicehive', 'list')),
        TE.flatMap(({ count }) => (count === 0 ? TE.right<SubUserError, Page<DeviceHiveSubUser>>({ items: [] }) : page(count, 0))),
      ),
    validate: (operation: 'create' | 'update', input: CreateSubUser<DeviceHiveSettings> | UpdateSubUser<DeviceHiveSettings>) =>
      pipe(checkFields(operation, input), E.map(() => undefined)),
  }
}
