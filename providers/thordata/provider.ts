/**
 * The Thordata adapter: the seven neutral operations on top of Thordata's
 * proxy-users endpoints (vendor sheet §3.6).
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Capabilities } from '../../src/capabilities'
import { decodeWith } from '../../src/decode'
import type { CreateSubUser, Operation, SubUser, ThordataProxyType, UpdateSubUser } from '../../src/domain'
import { SubUserError } from '../../src/errors'
import { createHttpClient, type CommonOptions, type HttpRequest } from '../../src/http'
import { defineProvider, type SubUserProvider } from '../../src/provider'
import { ThordataReply, ThordataUsage, ThordataUserList, type ThordataUser } from './codecs'
import { readEnvelope } from './errors'
import { PROXY_TYPE_CODES, toSubUser } from './mapping'
import { THORDATA_LIMIT_UNIT, THORDATA_MIN_LIMIT_BYTES } from './units'
import { checkFields, checkId, generatePassword } from './validate'

/** Thordata's API base. @example createThordataProvider({ token, baseURL: THORDATA_DEFAULT_BASE_URL }) */
export const THORDATA_DEFAULT_BASE_URL = 'https://openapi.thordata.com/api'

/**
 * Options of {@link createThordataProvider}.
 * @example
 * const o: ThordataOptions = { token: process.env.THORDATA_TOKEN!, key: process.env.THORDATA_KEY, proxyType: 'residential' }
 */
export interface ThordataOptions extends CommonOptions {
  /** The account token (always sent). */
  readonly token: string
  /** The rotatable key; sent too when given. */
  readonly key?: string
  /** The product whose sub-users this provider manages (default `'residential'`). */
  readonly proxyType?: ThordataProxyType
  /** Default {@link THORDATA_DEFAULT_BASE_URL}. */
  readonly baseURL?: string
}

/**
 * What Thordata can do.
 * @example
 * thordataCapabilities.refresh // 'reread'
 */
export const thordataCapabilities: Capabilities = {
  create: ['username', 'password', 'status', 'trafficLimitBytes'],
  update: ['username', 'password', 'status', 'trafficLimitBytes'],
  statuses: ['active', 'disabled'],
  readsPassword: true,
  refresh: 'reread',
  listing: 'single-response',
  trafficLimit: { stepBytes: THORDATA_LIMIT_UNIT, minBytes: THORDATA_MIN_LIMIT_BYTES },
}

const PATHS = {
  list: '/proxy-users/user-list',
  create: '/proxy-users/create-user',
  update: '/proxy-users/update-user',
  delete: '/proxy-users/delete-user',
  usage: '/proxy-users/usage-statistics',
} as const

const UserListReply = ThordataReply(ThordataUserList)
const UsageReply = ThordataReply(ThordataUsage)

const today = (): string => new Date().toISOString().slice(0, 10)

/**
 * A Thordata provider. Ids are usernames; a rename changes the id (the
 * returned sub-user carries the new one). Throws a `validation` SubUserError
 * (operation `list`) when `token` is missing.
 * @example
 * const p = createThordataProvider({ token: process.env.THORDATA_TOKEN!, key: process.env.THORDATA_KEY })
 * const users = await p.list()()
 */
export const createThordataProvider = (options: ThordataOptions): SubUserProvider => {
  if (typeof options?.token !== 'string' || options.token === '') {
    throw new SubUserError({ kind: 'validation', provider: 'thordata', operation: 'list', message: 'thordata: a token is required', fields: [{ path: 'token', message: 'is required' }] })
  }
  const proxyType = options.proxyType ?? 'residential'
  const proxyTypeCode = PROXY_TYPE_CODES[proxyType]
  if (proxyTypeCode === undefined) {
    throw new SubUserError({ kind: 'validation', provider: 'thordata', operation: 'list', message: "thordata: proxyType must be 'residential', 'unlimited' or 'mobile'", fields: [{ path: 'proxyType', message: "must be 'residential', 'unlimited' or 'mobile'" }] })
  }
  const credentials: Record<string, string> = { token: options.token, ...(options.key ? { key: options.key } : {}) }
  const http = createHttpClient({ provider: 'thordata', baseURL: options.baseURL ?? THORDATA_DEFAULT_BASE_URL, secrets: Object.values(credentials), options })

  // GET carries the credentials in the query, POST in headers (§6.2); every value is a string.
  const get = (url: string, query: Record<string, string> = {}): HttpRequest => ({ method: 'GET', url, query: { ...credentials, proxy_type: String(proxyTypeCode), ...query } })
  const post = (url: string, form: Record<string, string>, secrets: ReadonlyArray<string> = []): HttpRequest => ({
    method: 'POST', url, headers: credentials, form: { proxy_type: String(proxyTypeCode), ...form }, secrets,
  })
  const call = (operation: Operation, request: HttpRequest): TE.TaskEither<SubUserError, unknown> =>
    pipe(http.send(operation, request), TE.flatMapEither(readEnvelope(http, operation, request)))

  const listUsers = (operation: Operation): TE.TaskEither<SubUserError, ReadonlyArray<ThordataUser>> =>
    pipe(
      call(operation, get(PATHS.list)),
      TE.flatMapEither(decodeWith(UserListReply, 'thordata', operation)),
      TE.flatMapEither(({ data }) => usersOf(operation, data)),
    )
  const findUser = (operation: Operation, username: string) =>
    pipe(
      listUsers(operation),
      TE.flatMapEither((users) => {
        const user = users.find((u) => u.username === username)
        return user === undefined ? E.left(notFound(operation, username)) : E.right(user)
      }),
    )
  const read = (operation: Operation, username: string) => pipe(findUser(operation, username), TE.map((u) => toSubUser(u, proxyType)))

  const create = (input: CreateSubUser): TE.TaskEither<SubUserError, SubUser> =>
    pipe(
      TE.fromEither(checkFields('create', input)),
      TE.flatMap(({ limit }) => {
        // The vendor requires a password; generate a compliant one when none is given (§6.11).
        const password = input.password ?? generatePassword()
        const form = { username: input.username, password, traffic_limit: String(limit ?? 0), status: String(input.status !== 'disabled') }
        return call('create', post(PATHS.create, form, [password]))
      }),
      TE.flatMap(() => read('create', input.username)),
    )

  const update = (id: string, patch: UpdateSubUser): TE.TaskEither<SubUserError, SubUser> =>
    pipe(
      TE.fromEither(checkId('update', id)),
      TE.flatMap(() => TE.fromEither(checkFields('update', patch))),
      TE.flatMap(({ limit }) =>
        pipe(
          // update-user wants every new_* field: start from the current values so nothing is reset.
          findUser('update', id),
          TE.flatMap((current) => {
            const newName = patch.username ?? current.username
            const newPassword = patch.password ?? current.password
            const form = {
              username: current.username,
              new_username: newName,
              new_password: newPassword,
              new_traffic_limit: String(limit ?? current.traffic_limit),
              new_status: String(patch.status === undefined ? current.status : patch.status === 'active'),
            }
            return pipe(call('update', post(PATHS.update, form, [current.password, newPassword])), TE.flatMap(() => read('update', newName)))
          }),
        ),
      ),
    )

  const refresh = (id: string): TE.TaskEither<SubUserError, SubUser> =>
    pipe(
      TE.fromEither(checkId('refresh', id)),
      TE.flatMap(() => findUser('refresh', id)),
      TE.flatMap((user) => {
        const day = today()
        return pipe(
          call('refresh', get(PATHS.usage, { username: user.username, from_date: day, to_date: day })),
          TE.flatMapEither(decodeWith(UsageReply, 'thordata', 'refresh')),
          TE.map(({ data }) => toSubUser(user, proxyType, data.total_usage_traffic)),
        )
      }),
    )

  return defineProvider({
    id: 'thordata',
    capabilities: thordataCapabilities,
    create,
    get: (id) => pipe(TE.fromEither(checkId('get', id)), TE.flatMap(() => read('get', id))),
    update,
    delete: (id) =>
      pipe(
        TE.fromEither(checkId('delete', id)),
        TE.flatMap(() => call('delete', post(PATHS.delete, { username: id }))),
        TE.map(() => undefined),
      ),
    firstPage: () => pipe(listUsers('list'), TE.map((users) => ({ items: users.map((u) => toSubUser(u, proxyType)) }))),
    refresh,
  })
}

const notFound = (operation: Operation, username: string): SubUserError =>
  new SubUserError({ kind: 'not_found', provider: 'thordata', operation, message: `thordata ${operation}: no sub-user named ${username}` })

/** The users of a user-list reply; never a truncated list (§6.15). */
const usersOf = (operation: Operation, data: ThordataUserList): E.Either<SubUserError, ReadonlyArray<ThordataUser>> => {
  const users = data.list ?? data.data
  const fail = (path: string, message: string) =>
    E.left(new SubUserError({ kind: 'decode', provider: 'thordata', operation, fields: [{ path, message }], message: `thordata ${operation}: unexpected response: ${path} ${message}` }))
  if (users === undefined) return fail('data.list', 'expected an array of users')
  if (data.user_count !== undefined && data.user_count > users.length) {
    return fail('data.list', `expected user_count (${data.user_count}) users, got ${users.length}: the list was truncated`)
  }
  return E.right(users)
}
