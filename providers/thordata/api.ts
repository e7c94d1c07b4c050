/**
 * Thordata's proxy-users endpoints, one function each, speaking the wire
 * format of vendor sheet §2–§3: GET credentials in the query, POST ones in
 * headers, form bodies of strings, `proxy_type` on every call.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { TE } from '../../src/adapter'
import type * as t from 'io-ts'
import { decodeElements, decodeWith, type HttpRequest, type HttpResponse, type Operation, type StreamedArray, type StreamingHttpClient, SubUserError } from '../../src/adapter'
import { ThordataDailyUsage, ThordataEnvelope, ThordataRawUserList, ThordataReply, ThordataUsage, type ThordataUsageDay, ThordataUser, ThordataUserList } from './codecs'
import { readEnvelope } from './errors'

/** Paths under the base URL. @example THORDATA_PATHS.list // '/proxy-users/user-list' */
export const THORDATA_PATHS = {
  list: '/proxy-users/user-list',
  create: '/proxy-users/create-user',
  update: '/proxy-users/update-user',
  delete: '/proxy-users/delete-user',
  usage: '/proxy-users/usage-statistics',
} as const

/**
 * The `create-user` form, values already in wire form.
 * @example
 * const f: CreateUserForm = { username: 'alice001', password: 'Pw12345a', traffic_limit: '500', status: 'true' }
 */
export interface CreateUserForm {
  readonly username: string
  readonly password: string
  readonly traffic_limit: string
  readonly status: 'true' | 'false'
}

/**
 * The `update-user` form: the current name and every `new_*` field (§6.5).
 * @example
 * const f: UpdateUserForm = { username: 'alice001', new_username: 'alice001', new_password: 'Pw12345a', new_traffic_limit: '0', new_status: 'false' }
 */
export interface UpdateUserForm {
  readonly username: string
  readonly new_username: string
  readonly new_password: string
  readonly new_traffic_limit: string
  readonly new_status: 'true' | 'false'
}

/**
 * The calls of one account and proxy type. Each resolves to the decoded
 * `data` it needs, or a SubUserError.
 * @example
 * const api = thordataApi(http, { token: 'fake-token' }, 1)
 * const users = await api.userList('list')()
 */
export interface ThordataApi {
  userList(operation: Operation): TE.TaskEither<SubUserError, ReadonlyArray<ThordataUser>>
  /**
   * `user-list`'s users decoded one at a time as the reply arrives (for `iterate`), under the
   * checks of `userList`: a failing `code` before the first user fails the call, after it the
   * iteration; a list shorter than `user_count` fails it at the end.
   */
  streamUsers(operation: Operation): TE.TaskEither<SubUserError, AsyncIterable<ThordataUser>>
  /** The user with this username from `user-list` (undefined when there is none), decoding only that user. */
  findUser(operation: Operation, username: string): TE.TaskEither<SubUserError, ThordataUser | undefined>
  createUser(form: CreateUserForm): TE.TaskEither<SubUserError, void>
  updateUser(form: UpdateUserForm, secrets: ReadonlyArray<string>): TE.TaskEither<SubUserError, void>
  deleteUser(username: string): TE.TaskEither<SubUserError, void>
  /** `total_usage_traffic` of one user between two `yyyy-mm-dd` dates, in KiB. */
  usageKib(username: string, fromDate: string, toDate: string): TE.TaskEither<SubUserError, number>
  /** The daily rows (KiB) of one user between two `yyyy-mm-dd` dates, at most 180 days apart. */
  dailyUsage(username: string, fromDate: string, toDate: string): TE.TaskEither<SubUserError, ReadonlyArray<ThordataUsageDay>>
}

const UserListReply = ThordataReply(ThordataUserList)
const RawUserListReply = ThordataReply(ThordataRawUserList)
const UsageReply = ThordataReply(ThordataUsage)
const DailyUsageReply = ThordataReply(ThordataDailyUsage)

/**
 * Binds the endpoints to one HTTP client, credentials (`token`, and `key` when
 * configured) and `proxy_type` code.
 * @example
 * const api = thordataApi(http, { token: 'fake-token', key: 'fake-key' }, 3)
 */
export const thordataApi = (
  http: StreamingHttpClient,
  credentials: Readonly<Record<string, string>>,
  proxyTypeCode: number,
): ThordataApi => {
  const proxyType = String(proxyTypeCode)
  const get = (url: string, query: Record<string, string> = {}): HttpRequest => ({
    method: 'GET',
    url,
    query: { ...credentials, proxy_type: proxyType, ...query },
  })
  const post = (url: string, form: Record<string, string>, secrets: ReadonlyArray<string> = []): HttpRequest => ({
    method: 'POST',
    url,
    headers: credentials,
    form: { proxy_type: proxyType, ...form },
    secrets,
  })
  const call = (operation: Operation, request: HttpRequest): TE.TaskEither<SubUserError, unknown> =>
    http.call(operation, request, readEnvelope(http, operation, request))
  const write = (operation: Operation, request: HttpRequest): TE.TaskEither<SubUserError, void> =>
    pipe(call(operation, request), TE.map(() => undefined))

  /** `user-list`'s users, decoded with the reply codec given, and where they are in the reply. */
  const listing = <U>(operation: Operation, reply: t.Decoder<unknown, { readonly data: UsersData<U> }>) =>
    pipe(
      call(operation, get(THORDATA_PATHS.list)),
      TE.flatMapEither(decodeWith(reply, 'thordata', operation)),
      TE.flatMapEither(({ data }) => usersOf(operation, data)),
    )

  return {
    userList: (operation) => pipe(listing(operation, UserListReply), TE.map(({ users }) => users)),
    streamUsers: (operation) => {
      const request = get(THORDATA_PATHS.list)
      const envelope = readEnvelope(http, operation, request)
      // Thordata sends `code` first: a failing one is seen before any user (§4).
      const check = (res: HttpResponse, { complete, elements }: { readonly complete: boolean; readonly elements: number }) =>
        complete
          ? pipe(
              envelope(res),
              E.flatMap(decodeWith(RawUserListReply, 'thordata', operation)),
              E.flatMap(({ data }) => listed(operation, data, elements)),
            )
          : ThordataEnvelope.is(res.body)
            ? envelope(res)
            : E.right(undefined)
      return pipe(
        http.streamArray(operation, request, { path: 'data.list', check }),
        TE.map((reply) => streamedUsers(operation, reply)),
      )
    },
    findUser: (operation, username) =>
      pipe(
        listing(operation, RawUserListReply),
        TE.flatMapEither(({ users, at }) => {
          const index = users.findIndex((u) => typeof u === 'object' && u !== null && (u as { username?: unknown }).username === username)
          return index < 0 ? E.right(undefined) : decodeWith(ThordataUser, 'thordata', operation, `${at}.${index}`)(users[index])
        }),
      ),
    createUser: (form) => write('create', post(THORDATA_PATHS.create, { ...form }, [form.password])),
    updateUser: (form, secrets) => write('update', post(THORDATA_PATHS.update, { ...form }, secrets)),
    deleteUser: (username) => write('delete', post(THORDATA_PATHS.delete, { username })),
    usageKib: (username, fromDate, toDate) =>
      pipe(
        call('refresh', get(THORDATA_PATHS.usage, { username, from_date: fromDate, to_date: toDate })),
        TE.flatMapEither(decodeWith(UsageReply, 'thordata', 'refresh')),
        TE.map(({ data }) => data.total_usage_traffic),
      ),
    dailyUsage: (username, fromDate, toDate) =>
      pipe(
        call('usage', get(THORDATA_PATHS.usage, { username, from_date: fromDate, to_date: toDate })),
        TE.flatMapEither(decodeWith(DailyUsageReply, 'thordata', 'usage')),
        TE.map(({ data }) => data.data),
      ),
  }
}

/** The part of a decoded `user-list` data that holds its users. */
type UsersData<U> = { readonly user_count?: number; readonly list?: ReadonlyArray<U>; readonly data?: ReadonlyArray<U> }

/**
 * The users of a `user-list` reply and where they are: `data.list`, else
 * `data.data` (§6.15). A list shorter than `user_count` is a decode error,
 * never a truncated result.
 */
const usersOf = <U>(operation: Operation, data: UsersData<U>): E.Either<SubUserError, { readonly users: ReadonlyArray<U>; readonly at: string }> => {
  const found = data.list !== undefined ? { users: data.list, at: 'data.list' } : data.data !== undefined ? { users: data.data, at: 'data.data' } : undefined
  if (found === undefined) return E.left(decodeError(operation, 'data.list', 'expected Array<ThordataUser> (or data.data)'))
  return pipe(
    counted(operation, data, found.users.length),
    E.map(() => found),
  )
}

/** A list of `length` users is refused when the reply says it holds more (`user_count`). */
const counted = (operation: Operation, data: UsersData<unknown>, length: number): E.Either<SubUserError, void> =>
  data.user_count !== undefined && data.user_count > length
    ? E.left(decodeError(operation, 'data.list', 'expected at least data.user_count users (the list is truncated)'))
    : E.right(undefined)

/**
 * The checks of {@link usersOf} on a streamed reply's envelope, whose `data.list` was emptied as
 * its `elements` users went by.
 */
const listed = (operation: Operation, data: UsersData<unknown>, elements: number): E.Either<SubUserError, void> =>
  data.list !== undefined ? counted(operation, data, elements) : pipe(usersOf(operation, data), E.map(() => undefined))

/**
 * The users of a streamed `user-list`, each decoded at its path as it arrives; a reply without
 * `data.list` has its users in `data.data` (§6.15), which is read whole and follows once the
 * reply has ended.
 */
async function* streamedUsers(operation: Operation, reply: StreamedArray): AsyncGenerator<ThordataUser, void, undefined> {
  const users = decodeElements(ThordataUser, 'thordata', operation)
  yield* users(reply.elements)
  // The envelope is whole now, and was checked when the reply ended.
  const rest = decodeWith(RawUserListReply, 'thordata', operation)(reply.envelope())
  if (E.isLeft(rest) || rest.right.data.list !== undefined) return
  yield* users((rest.right.data.data ?? []).map((value, i) => ({ value, at: `data.data.${i}` })))
}

const decodeError = (operation: Operation, path: string, message: string): SubUserError =>
  new SubUserError({
    kind: 'decode',
    provider: 'thordata',
    operation,
    fields: [{ path, message }],
    message: `thordata ${operation}: unexpected response: ${path} ${message}`,
  })
