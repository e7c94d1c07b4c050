/**
 * The Thordata adapter: the neutral operations on top of Thordata's
 * proxy-users endpoints (vendor sheet §3.6).
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { TE } from '../../src/adapter'
import { arrayStreams, type CheckedTarget, COMMON_OPTION_KEYS, commonOptionProblems, type CommonOptions, createHttpClient, type CreateSubUser, credentialProblem, defineProvider, type FieldProblem, type Gateway, type GatewayOption, gatewayEndpoints, maxListPages, type Operation, proxyAccess, type RateLimit, type ReadBack, readOptions, SubUserError, type UpdateSubUser, type UsageRange, type UsageSample, utcDay, validationError, withGateway, writeOnce, type WriteTiming } from '../../src/adapter'
import type { ThordataProvider, ThordataProxyType, ThordataSettings, ThordataSubUserOf as SubUser } from './domain'
import { thordataApi, type CreateUserForm, type ThordataApi } from './api'
import { thordataCapabilities } from './capabilities'
import { isActive, type ThordataUser } from './codecs'
import { THORDATA_GATEWAYS, gatewayLogin } from './gateway'
import { PROXY_TYPE_CODES, toSubUser } from './mapping'
import { THORDATA_USAGE_UNIT } from './units'
import { checkFields, checkId, checkVendorOptions, generatePassword } from './validate'

/**
 * One call every 1.2 s, one at a time: Thordata publishes no limit and answers
 * 10011 to calls a few seconds apart (vendor sheet §5, §6.14).
 * @example createThordataProvider({ token, rateLimit: { requestsPerMinute: 30 } })
 */
export const THORDATA_DEFAULT_RATE_LIMIT: RateLimit = { requestsPerMinute: 50, concurrency: 1 }

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
  /** The rotatable key; sent too when given (an empty string counts as not given). */
  readonly key?: string
  /** The product whose sub-users this provider manages (default `'residential'`). */
  readonly proxyType?: ThordataProxyType
  /** Default {@link THORDATA_DEFAULT_BASE_URL}. */
  readonly baseURL?: string
}

/**
 * A Thordata provider for one account and one proxy type.
 *
 * - Ids are usernames; a rename changes the id (the returned sub-user carries the new one).
 * - `create` without a password generates a compliant one (15 letters and digits).
 *   A create left without an answer is read back: it is done if our username
 *   exists with our password, sent again if the username is absent.
 *   If the vendor accepts the create but its `user-list` then lacks the user,
 *   `create` fails with a `vendor` error (the user may exist: `get` it before retrying).
 * - `update` reads the current values and re-sends every field, so a field left
 *   out keeps its value; a change made by someone else in between is overwritten.
 *   Left without an answer, it is done if the new name carries every new value,
 *   and sent again if the old name still carries the old ones.
 * - `delete` left without an answer is done if the user is gone, sent again if not.
 * - `refresh` only re-reads (Thordata has no refresh endpoint): the user, then
 *   today's (UTC, by the `now` option) usage statistics, whose lifetime total becomes `trafficUsedBytes`.
 * - `iterate` reads the single `user-list` reply as it arrives, one user at a time (memory
 *   holds one, not the reply); `list`, `get` and the read-backs of writes read it whole, which
 *   is faster for the replies they need whole anyway.
 * - `access` reads the user (`user-list` holds its password) and gives the gateway of the
 *   provider's product (residential and unlimited `t.pr.thordata.net:9999`, mobile port
 *   5555; the `gateway` option overrides host and ports), the login
 *   `td-customer-<username>` with `-country-<cc>` and `-sessid-<id>[-sesstime-<minutes>]`.
 * - `usage` reads `usage-statistics`' daily rows (KiB), 180 days a call at most.
 *
 * Throws a `validation` SubUserError (operation `list`), listing every problem,
 * when `token` (or a non-empty `key`) is not a usable credential (missing,
 * shorter than 4 characters, or holding a character a header cannot carry:
 * see `credentialProblem`), `proxyType` is not one of the three products, or
 * a common option is malformed (`timeoutMs`, `baseURL`, `retry`, `rateLimit`,
 * `axios`: see `commonOptionProblems`).
 * @example
 * const p = createThordataProvider({ token: process.env.THORDATA_TOKEN!, key: process.env.THORDATA_KEY })
 * const users = await p.list()()
 */
export const createThordataProvider = (options: ThordataOptions): ThordataProvider => {
  const read = readOptions('thordata', options, ['token', 'key', 'proxyType', 'baseURL', ...COMMON_OPTION_KEYS])
  if (E.isLeft(read)) throw read.left
  const o = read.right
  const proxyType = (o.proxyType ?? 'residential') as ThordataProxyType
  const proxyTypeCode = typeof proxyType === 'string' && Object.prototype.hasOwnProperty.call(PROXY_TYPE_CODES, proxyType) ? PROXY_TYPE_CODES[proxyType] : undefined
  const problems = [
    credentialProblem('token', o.token),
    o.key === undefined || o.key === '' ? undefined : credentialProblem('key', o.key),
    proxyTypeCode === undefined ? { path: 'proxyType', message: "must be 'residential', 'unlimited' or 'mobile'" } : undefined,
    ...commonOptionProblems(o, THORDATA_DEFAULT_RATE_LIMIT),
  ].filter((p): p is FieldProblem => p !== undefined)
  if (problems.length > 0 || proxyTypeCode === undefined) throw validationError('thordata', 'list', problems)
  const credentials: Record<string, string> = { token: o.token as string, ...(o.key ? { key: o.key as string } : {}) }
  const http = createHttpClient({
    provider: 'thordata',
    baseURL: (o.baseURL as string | undefined) ?? THORDATA_DEFAULT_BASE_URL,
    secrets: Object.values(credentials),
    // The token names the account; the key is rotated, so it takes no part in the account's hash.
    account: [credentials.token!],
    options: o as CommonOptions,
    rateLimit: THORDATA_DEFAULT_RATE_LIMIT,
    // Its listing is one reply holding every sub-user, read as it arrives.
    streaming: arrayStreams,
  })
  const gateway = withGateway(THORDATA_GATEWAYS[proxyType], o.gateway as GatewayOption | undefined)
  return defineProvider({
    ...thordataOperations(thordataApi(http, credentials, proxyTypeCode), proxyType, http, gateway, (o.now as (() => number) | undefined) ?? Date.now),
    maxListPages: maxListPages('thordata', o),
    secrets: http.secrets,
    account: http.account,
    ...(o.now === undefined ? {} : { now: o.now as () => number }),
  })
}

const thordataOperations = (api: ThordataApi, proxyType: ThordataProxyType, timing: WriteTiming, gateway: Gateway, now: () => number) => {
  const findUser = (
    operation: Operation,
    username: string,
    missing: () => SubUserError = () => notFound(operation, username),
  ): TE.TaskEither<SubUserError, ThordataUser> =>
    pipe(
      api.findUser(operation, username),
      TE.flatMapEither((user) => (user === undefined ? E.left(missing()) : E.right(user))),
    )
  const read = (operation: Operation, username: string): TE.TaskEither<SubUserError, SubUser> =>
    pipe(findUser(operation, username), TE.map((u) => toSubUser(u, proxyType)))

  const create = (input: CreateSubUser<ThordataSettings>): TE.TaskEither<SubUserError, SubUser> =>
    pipe(
      TE.fromEither(checkVendorOptions('create', input)),
      TE.flatMap(() => TE.fromEither(checkFields('create', input))),
      TE.flatMap(({ limit }) => {
        const form: CreateUserForm = {
          username: input.username,
          password: input.password ?? generatePassword(),
          traffic_limit: String(limit ?? 0),
          status: input.status === 'disabled' ? 'false' : 'true',
        }
        // No answer: the create happened if our username exists with our password (§6.14).
        return writeOnce(timing, api.createUser(form), () =>
          pipe(
            api.userList('create'),
            TE.map((users): ReadBack<void> => {
              const user = users.find((u) => u.username === form.username)
              if (user === undefined) return { found: 'not-applied' }
              return user.password === form.password ? { found: 'applied', value: undefined } : { found: 'unclear' }
            }),
          ),
        )
      }),
      TE.flatMap(() => findUser('create', input.username, () => missingAfterCreate(input.username))),
      TE.map((u) => toSubUser(u, proxyType)),
    )

  const update = (id: string, patch: UpdateSubUser<ThordataSettings>): TE.TaskEither<SubUserError, SubUser> =>
    pipe(
      TE.fromEither(checkVendorOptions('update', patch)),
      TE.flatMap(() => TE.fromEither(checkFields('update', patch))),
      TE.filterOrElse(
        () => [patch.username, patch.password, patch.status, patch.trafficLimitBytes].some((v) => v !== undefined),
        () => validationError('thordata', 'update', [{ path: '', message: 'the patch changes nothing' }]),
      ),
      TE.flatMap(({ limit }) =>
        pipe(
          // update-user wants every new_* field: start from the current values so nothing is reset (§6.5).
          findUser('update', id),
          TE.flatMap((current) => {
            const newPassword = patch.password ?? current.password
            const form = {
              username: current.username,
              new_username: patch.username ?? current.username,
              new_password: newPassword,
              new_traffic_limit: String(limit ?? current.traffic_limit),
              new_status: (patch.status === undefined ? isActive(current.status) : patch.status === 'active') ? 'true' : 'false',
            } as const
            // No answer: done if the new name carries the new values, not done if the old
            // name still carries the old ones, unclear otherwise (§6.14).
            const readBack = () =>
              pipe(
                api.userList('update'),
                TE.map((users): ReadBack<void> => {
                  const named = (name: string) => users.find((u) => u.username === name)
                  if (matches(named(form.new_username), form.new_username, form.new_password, form.new_traffic_limit, form.new_status)) {
                    return { found: 'applied', value: undefined }
                  }
                  const before = named(current.username)
                  return before !== undefined && sameUser(before, current) ? { found: 'not-applied' } : { found: 'unclear' }
                }),
              )
            return pipe(
              writeOnce(timing, api.updateUser(form, [current.password, newPassword]), readBack),
              TE.flatMap(() => read('update', form.new_username)),
            )
          }),
        ),
      ),
    )

  const refresh = (username: string): TE.TaskEither<SubUserError, SubUser> =>
    pipe(
      findUser('refresh', username),
      TE.flatMap((user) => {
        const today = utcDay(now())
        return pipe(
          api.usageKib(user.username, today, today),
          TE.map((usage) => toSubUser(user, proxyType, usage)),
        )
      }),
    )

  const access = (username: string, target: CheckedTarget) =>
    pipe(
      findUser('access', username),
      TE.map((user) =>
        proxyAccess({
          provider: 'thordata' as const,
          subUserId: user.username,
          endpoints: gatewayEndpoints(gateway, target.protocols),
          username: gatewayLogin(user.username, target),
          password: user.password,
        }),
      ),
    )

  // Daily rows in KiB; a fraction of a KiB is rounded to the byte.
  const usage = (username: string, window: UsageRange): TE.TaskEither<SubUserError, ReadonlyArray<UsageSample>> =>
    pipe(
      api.dailyUsage(username, window.from, window.to),
      TE.map((rows) => rows.map((row) => ({ day: row.date, bytes: Math.round(row.usage_traffic * THORDATA_USAGE_UNIT) }))),
    )

  return {
    id: 'thordata' as const,
    capabilities: thordataCapabilities,
    access,
    usage,
    create,
    // Ids (usernames) are checked by defineProvider before any of these runs.
    checkId,
    get: (username: string) => read('get', username),
    update,
    // No answer: the delete is done if the user is gone, not done if it is still there.
    delete: (username: string) =>
      writeOnce(timing, api.deleteUser(username), () =>
        pipe(
          api.userList('delete'),
          TE.map((users): ReadBack<void> => (users.some((u) => u.username === username) ? { found: 'not-applied' } : { found: 'applied', value: undefined })),
        ),
      ),
    validate: (operation: 'create' | 'update', input: CreateSubUser<ThordataSettings> | UpdateSubUser<ThordataSettings>) =>
      pipe(
        checkVendorOptions(operation, input),
        E.flatMap(() => checkFields(operation, input)),
        E.map(() => undefined),
      ),
    // Thordata lists every user in one reply (list collects them all; iterate reads streamFirstPage instead).
    firstPage: () =>
      pipe(
        api.userList('list'),
        TE.map((users) => ({ items: users.map((u) => toSubUser(u, proxyType)) })),
      ),
    // iterate() reads that reply as it arrives: one user at a time is decoded and mapped, never the whole reply held.
    streamFirstPage: () =>
      pipe(
        api.streamUsers('list'),
        TE.map((users) => ({
          items: {
            async *[Symbol.asyncIterator]() {
              for await (const u of users) yield toSubUser(u, proxyType)
            },
          },
        })),
      ),
    refresh,
  }
}

/** Whether a listed user has exactly these wire values. */
const matches = (user: ThordataUser | undefined, username: string, password: string, limit: string, status: 'true' | 'false'): boolean =>
  user !== undefined && user.username === username && user.password === password && String(user.traffic_limit) === limit && (isActive(user.status) ? 'true' : 'false') === status

const sameUser = (a: ThordataUser, b: ThordataUser): boolean =>
  matches(a, b.username, b.password, String(b.traffic_limit), isActive(b.status) ? 'true' : 'false')

const notFound = (operation: Operation, username: string): SubUserError =>
  new SubUserError({ kind: 'not_found', provider: 'thordata', operation, message: `thordata ${operation}: no sub-user named ${username}` })

const missingAfterCreate = (username: string): SubUserError =>
  new SubUserError({
    kind: 'vendor',
    provider: 'thordata',
    operation: 'create',
    message: `thordata create: the vendor accepted ${username} but its user-list does not show it`,
  })
