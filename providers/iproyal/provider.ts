/**
 * The IPRoyal adapter: the neutral operations on IPRoyal's residential sub-user endpoints
 * (vendor sheet §3.10), assembled with `defineProvider`, and IPRoyal's session reset.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { TE } from '../../src/adapter'
import {
  type CheckedTarget, collectPages, COMMON_OPTION_KEYS, commonOptionProblems, type CommonOptions, comparable, createHttpClient, type CreateSubUser, credentialProblem, defineProvider, type FieldProblem,
  type Gateway, type GatewayOption, gatewayEndpoints, type HttpClient, type ListingBounds, maxListPages, type Page, proxyAccess, type RateLimit, type ReadBack, readOptions, type RetryOptions,
  type SubUserError, type UpdateSubUser, type UsageRange, type UsageSample, validationError, withApplied, withGateway, writeOnce,
} from '../../src/adapter'
import { checkAboveUsed, checkAllocation, checkBalance, moveAllocation } from './allocation'
import { iproyalApi, type IPRoyalApi } from './api'
import { iproyalCapabilities } from './capabilities'
import type { IPRoyalSubUser } from './codecs'
import type { IPRoyalProvider, IPRoyalSettings, IPRoyalSubUserOf as SubUser } from './domain'
import { gatewayPassword, IPROYAL_GATEWAY } from './gateway'
import { allocationBytes, toSubUser } from './mapping'
import { checkCreate, checkId, checkPatch, type IPRoyalUpdateBody } from './validate'

/**
 * IPRoyal publishes no rate limit (vendor sheet §5): 120 requests a minute, 4 in flight, and
 * slower while it answers 429.
 * @example createIPRoyalProvider({ apiToken, rateLimit: { requestsPerMinute: 60 } })
 */
export const IPROYAL_DEFAULT_RATE_LIMIT: RateLimit = { requestsPerMinute: 120, concurrency: 4 }

/**
 * Retries when the options give none (§5): 2, full-jitter backoff from 0.5 s up to 8 s. A
 * `retry` object given is read over these.
 * @example createIPRoyalProvider({ apiToken, retry: { retries: 4 } }) // base 0.5 s, cap 8 s kept
 */
export const IPROYAL_DEFAULT_RETRY: RetryOptions = { retries: 2, baseDelayMs: 500, maxDelayMs: 8_000 }

/** IPRoyal's residential API base. @example createIPRoyalProvider({ apiToken, baseURL: IPROYAL_DEFAULT_BASE_URL }) */
export const IPROYAL_DEFAULT_BASE_URL = 'https://resi-api.iproyal.com/v1'

/** The longest username sent as `search` (one third party says 1 to 30 characters); a longer one is looked for on every page. */
const MAX_SEARCH_LENGTH = 30

/**
 * Options of {@link createIPRoyalProvider}.
 * @example
 * const o: IPRoyalOptions = { apiToken: process.env.IPROYAL_API_TOKEN!, timeoutMs: 10_000 }
 */
export interface IPRoyalOptions extends CommonOptions {
  /** The API token (dashboard: Settings, API), sent as `Authorization: Bearer <apiToken>`. */
  readonly apiToken: string
  /** Default {@link IPROYAL_DEFAULT_BASE_URL}; an http(s) URL. */
  readonly baseURL?: string
}

/**
 * An IPRoyal provider (residential sub-users).
 *
 * - Ids are the sub-users' hashes (26 letters or digits); the legacy numeric id is never used.
 * - A sub-user's traffic limit is an allocation moved from the main balance:
 *   `trafficLimitBytes` is available + used, unlimited cannot be represented (`null`, and a
 *   create that leaves the limit out, are `unsupported`), 0 is an empty allocation. A create
 *   with traffic, and an update that gives traffic, first read the main balance (`GET /me`) and
 *   fail as `quota`, sending nothing, when it cannot cover them.
 * - `update` reads the sub-user, `PUT`s only the credentials that change (never `traffic`),
 *   then gives or takes the exact difference of the limit, then reads it back and checks the
 *   allocation within 1 MiB. A give or take left without an answer is read back and never
 *   applied twice. When a step after the first fails, its error's `applied` lists what changed.
 *   A limit below what was used is `validation`.
 * - `create` without a password generates one (16 letters and digits). A create left without
 *   an answer is never sent again: the sub-user listed with our username and password is
 *   adopted, or the original error is returned.
 * - `status` is always `'active'`; `'disabled'` is `unsupported`. `refresh` only re-reads.
 * - `delete` returns the unused allocation to the main balance; any 2xx is success.
 * - `resetSessions(hashes)` ends sticky sessions (unverified for sub-user hashes).
 * - `access` reads the sub-user and gives the gateway `geo.iproyal.com` (HTTP and HTTPS on
 *   12321, SOCKS5 on 32325; the `gateway` option overrides host and ports), its username as
 *   the login and its password with the target's options appended: `_country-us`,
 *   `_session-<8 letters or digits>`, `_lifetime-<n><unit>` in the largest unit that holds
 *   the minutes exactly (`90m`, `2h`, `7d`).
 * - `usage` reads the sub-user (an unknown hash is `not_found`; the account's own hash is no
 *   sub-user), then the CSV usage report of the range in bytes, UTC, columns found by header
 *   (one matching /date|day/i, one /traffic|usage|data|bytes/i, else `decode`); a
 *   header-only report is no usage.
 *
 * Throws a `validation` SubUserError (operation `list`), listing every problem, when
 * `apiToken` is not a usable credential (see `credentialProblem`; no whitespace) or a common
 * option is malformed (see `commonOptionProblems`).
 * @example
 * const p = createIPRoyalProvider({ apiToken: process.env.IPROYAL_API_TOKEN! })
 * const u = await p.create({ username: 'team_a', trafficLimitBytes: gib(5) })()
 */
export const createIPRoyalProvider = (options: IPRoyalOptions): IPRoyalProvider => {
  const read = readOptions('iproyal', options, ['apiToken', 'baseURL', ...COMMON_OPTION_KEYS])
  if (E.isLeft(read)) throw read.left
  const o = read.right
  const token = o.apiToken
  const problems = [
    // Sent as `Bearer <token>`: a space inside would split it.
    credentialProblem('apiToken', token) ?? (/\s/.test(token as string) ? { path: 'apiToken', message: 'must not hold whitespace' } : undefined),
    ...commonOptionProblems(o, IPROYAL_DEFAULT_RATE_LIMIT),
  ].filter((p): p is FieldProblem => p !== undefined)
  if (problems.length > 0) throw validationError('iproyal', 'list', problems)
  const retry = o.retry === undefined ? IPROYAL_DEFAULT_RETRY : o.retry === false ? false : { ...IPROYAL_DEFAULT_RETRY, ...(o.retry as object) }
  const http = createHttpClient({
    provider: 'iproyal',
    baseURL: (o.baseURL as string | undefined) ?? IPROYAL_DEFAULT_BASE_URL,
    secrets: [token as string],
    options: { ...(o as CommonOptions), retry },
    rateLimit: IPROYAL_DEFAULT_RATE_LIMIT,
  })
  const maxPages = maxListPages('iproyal', o)
  const api = iproyalApi(http, token as string)
  const gateway = withGateway(IPROYAL_GATEWAY, o.gateway as GatewayOption | undefined)
  const provider = defineProvider({
    ...iproyalOperations(http, api, maxPages, gateway),
    maxListPages: maxPages,
    secrets: http.secrets,
    ...(o.now === undefined ? {} : { now: o.now as () => number }),
  })
  return {
    ...provider,
    resetSessions: (hashes) => {
      const bad = Array.isArray(hashes) && hashes.length > 0 ? hashes.findIndex((h) => E.isLeft(checkId('refresh', h))) : 0
      if (bad >= 0) return TE.left(validationError('iproyal', 'refresh', [{ path: Array.isArray(hashes) && hashes.length > 0 ? `hashes.${bad}` : 'hashes', message: 'must be IPRoyal hashes (26 letters or digits), at least one' }]))
      return api.resetSessions([...hashes])
    },
  }
}

/** Whether a sub-user holds every value of a PUT body (what a read-back of a PUT left without an answer asks). */
const holds = (now: IPRoyalSubUser, body: IPRoyalUpdateBody): boolean =>
  (body.username === undefined || now.username === body.username) &&
  (body.password === undefined || now.password === body.password) &&
  (body.limits === undefined || (now.limits !== undefined && comparable(now.limits) === comparable(body.limits)))

const iproyalOperations = (http: HttpClient, api: IPRoyalApi, maxPages: number, gateway: Gateway) => {
  const listing = (operation: 'list' | 'create', search?: string) => (): TE.TaskEither<SubUserError, Page<SubUser>> => {
    const pageAt = (n: number): TE.TaskEither<SubUserError, Page<SubUser>> =>
      pipe(
        api.page(operation, n, search),
        TE.map((wire): Page<SubUser> => {
          const items = wire.data.map((s) => toSubUser(s))
          const counted = wire.meta.total === undefined ? {} : { count: wire.meta.total }
          // On meta, never on per_page; an empty page ends the listing too (§6.11).
          const more = wire.meta.current_page < wire.meta.last_page && wire.data.length > 0
          return more ? { items, ...counted, next: () => pageAt(n + 1) } : { items, ...counted }
        }),
      )
    return pageAt(1)
  }
  const adoptBounds: ListingBounds = { provider: 'iproyal', operation: 'create', maxPages }

  const create = (input: CreateSubUser<IPRoyalSettings>): TE.TaskEither<SubUserError, SubUser> =>
    pipe(
      TE.fromEither(checkCreate(input)),
      TE.tap(({ trafficBytes }) => checkBalance(api, 'create', trafficBytes)),
      TE.flatMap(({ body }) => {
        // No answer: never sent again (§6.8). The one sub-user with our username and password is ours.
        const search = body.username.length <= MAX_SEARCH_LENGTH ? body.username : undefined
        const readBack = () =>
          pipe(
            collectPages(listing('create', search), adoptBounds),
            TE.map((users): ReadBack<SubUser> => {
              const ours = users.filter((u) => u.username === body.username && u.password?.reveal() === body.password)
              return ours.length === 1 ? { found: 'applied', value: ours[0]! } : { found: 'unclear' }
            }),
          )
        return writeOnce(http, pipe(api.create(body), TE.map((s) => toSubUser(s))), readBack)
      }),
    )

  const update = (hash: string, patch: UpdateSubUser<IPRoyalSettings>): TE.TaskEither<SubUserError, SubUser> =>
    pipe(
      TE.fromEither(checkPatch(patch)),
      TE.flatMap((wanted) =>
        pipe(
          api.retrieve('update', hash),
          TE.flatMap((before) => {
            const body: IPRoyalUpdateBody = {
              ...(wanted.username !== undefined && wanted.username !== before.username ? { username: wanted.username } : {}),
              ...(wanted.password !== undefined && wanted.password !== before.password ? { password: wanted.password } : {}),
              ...(wanted.limits === undefined ? {} : { limits: wanted.limits }),
            }
            const changed: ReadonlyArray<string> = [
              ...(body.username === undefined ? [] : ['username']),
              ...(body.password === undefined ? [] : ['password']),
              ...(body.limits === undefined ? [] : ['vendor.iproyal.limits']),
            ]
            const total = allocationBytes(before)
            const target = wanted.limitBytes
            const moves = target !== undefined && target !== total
            const put =
              changed.length === 0
                ? TE.right<SubUserError, void>(undefined)
                : // No answer: done if the sub-user holds what was sent; PUT is absolute, so sending it again is harmless.
                  pipe(
                    writeOnce(http, api.update(hash, body), () =>
                      pipe(api.retrieve('update', hash), TE.map((now): ReadBack<IPRoyalSubUser> => (holds(now, body) ? { found: 'applied', value: now } : { found: 'not-applied' }))),
                    ),
                    TE.map(() => undefined),
                  )
            // Every check before the first write: nothing is changed by an update that cannot be made whole.
            const checks = target === undefined ? TE.right<SubUserError, void>(undefined) : pipe(checkAboveUsed(before, target), TE.flatMap(() => checkBalance(api, 'update', target - total)))
            const applied = [...changed, ...(moves ? ['trafficLimitBytes'] : [])]
            // A failure after the first write says what that write changed.
            const move = pipe(
              moves ? moveAllocation(http, api, hash, total, target) : TE.right<SubUserError, void>(undefined),
              TE.mapLeft((e) => withApplied(e, changed)),
            )
            const after = pipe(
              api.retrieve('update', hash),
              TE.flatMap((now) => (target === undefined ? TE.right(now) : checkAllocation(now, target))),
              TE.mapLeft((e) => withApplied(e, applied)),
            )
            return pipe(
              checks,
              TE.flatMap(() => put),
              TE.flatMap(() => move),
              TE.flatMap(() => after),
              TE.map((now) => toSubUser(now, applied)),
            )
          }),
        ),
      ),
    )

  const access = (hash: string, target: CheckedTarget) =>
    pipe(
      api.retrieve('access', hash),
      TE.map((s) =>
        proxyAccess({ provider: 'iproyal' as const, subUserId: s.hash, endpoints: gatewayEndpoints(gateway, target.protocols), username: s.username, password: gatewayPassword(s.password, target) }),
      ),
    )

  // The sub-user is read first: the report answers any hash of the account (its own one too, with every sub-user's traffic).
  const usage = (hash: string, window: UsageRange): TE.TaskEither<SubUserError, ReadonlyArray<UsageSample>> =>
    pipe(
      api.retrieve('usage', hash),
      TE.flatMap(() => api.usageReport(hash, window.from, window.to)),
      TE.map((rows) => rows.map((row) => ({ day: row.date, bytes: Number(row.bytes) }))),
    )

  return {
    id: 'iproyal' as const,
    capabilities: iproyalCapabilities,
    access,
    usage,
    create,
    // Hashes are checked by defineProvider before any of these runs.
    checkId,
    get: (hash: string) => pipe(api.retrieve('get', hash), TE.map((s) => toSubUser(s))),
    update,
    // No answer: the delete is done if the sub-user is gone (404), not done if it is still there.
    delete: (hash: string) =>
      writeOnce(http, api.destroy(hash), () =>
        pipe(
          api.retrieve('delete', hash),
          TE.map((): ReadBack<void> => ({ found: 'not-applied' })),
          TE.orElse((e) => (e.kind === 'not_found' ? TE.right<SubUserError, ReadBack<void>>({ found: 'applied', value: undefined }) : TE.left(e))),
        ),
      ),
    validate: (operation: 'create' | 'update', input: CreateSubUser<IPRoyalSettings> | UpdateSubUser<IPRoyalSettings>) =>
      operation === 'create' ? pipe(checkCreate(input as CreateSubUser<IPRoyalSettings>), E.map(() => undefined)) : pipe(checkPatch(input), E.map(() => undefined)),
    firstPage: listing('list'),
    // IPRoyal has nothing to renew on a sub-user: refresh re-reads.
    refresh: (hash: string) => pipe(api.retrieve('refresh', hash), TE.map((s) => toSubUser(s))),
  }
}
