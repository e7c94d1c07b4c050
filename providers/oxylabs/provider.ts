/**
 * The Oxylabs adapter: the neutral operations on Oxylabs' residential sub-user Public API
 * (vendor sheet §3.7), assembled with `defineProvider`.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { TE } from '../../src/adapter'
import {
  arrayStreams,
  type CheckedTarget,
  COMMON_OPTION_KEYS,
  commonOptionProblems,
  type CommonOptions,
  createHttpClient,
  type CreateSubUser,
  credentialProblem,
  defineProvider,
  type FieldProblem,
  type Gateway,
  type GatewayOption,
  gatewayEndpoints,
  MIB,
  maxListPages,
  type Operation,
  proxyAccess,
  type RateLimit,
  type ReadBack,
  readOptions,
  type RetryPolicy,
  SubUserError,
  unsupportedError,
  type UpdateSubUser,
  type UsageRange,
  type UsageSample,
  validationError,
  withGateway,
  writeAtMostOnce,
  writeOnce,
  type WriteTiming,
} from '../../src/adapter'
import { decodeRow, oxylabsApi, type OxylabsApi } from './api'
import { oxylabsCapabilities } from './capabilities'
import type { OxylabsDailyStats, OxylabsNamedRow, OxylabsSubUser } from './codecs'
import type { OxylabsProvider, OxylabsSettings, OxylabsSubUserOf as SubUser } from './domain'
import { gatewayLogin, OXYLABS_GATEWAY } from './gateway'
import { toSubUser } from './mapping'
import { OXYLABS_TRAFFIC_UNIT } from './units'
import { checkCreate, checkId, checkPatch, type OxylabsPatchBody } from './validate'

/** Oxylabs' residential Public API, v2. @example createOxylabsProvider({ username, password, baseURL: OXYLABS_DEFAULT_BASE_URL }) */
export const OXYLABS_DEFAULT_BASE_URL = 'https://residential-api.oxylabs.io/v2'

/**
 * 300 requests a minute, 4 in flight: Oxylabs documents no limit (vendor sheet §5); this
 * keeps a busy script well clear of one. The token is reused, never fetched per call.
 * @example createOxylabsProvider({ username, password, rateLimit: { requestsPerMinute: 60 } })
 */
export const OXYLABS_DEFAULT_RATE_LIMIT: RateLimit = { requestsPerMinute: 300, concurrency: 4 }

/**
 * Oxylabs' default retry policy (sheet §5): 2 retries, full-jitter backoff from 0.5 s up to
 * 8 s; a `retry` option overrides any part of it.
 * @example OXYLABS_DEFAULT_RETRY.retries === 2
 */
export const OXYLABS_DEFAULT_RETRY: Pick<RetryPolicy, 'retries' | 'baseDelayMs' | 'maxDelayMs'> = { retries: 2, baseDelayMs: 500, maxDelayMs: 8_000 }

/**
 * Options of {@link createOxylabsProvider}.
 * @example
 * const o: OxylabsOptions = { username: process.env.OXYLABS_USERNAME!, password: process.env.OXYLABS_PASSWORD! }
 */
export interface OxylabsOptions extends CommonOptions {
  /** The main proxy user's username (the first user of the account's list; not the dashboard e-mail). */
  readonly username: string
  /** The main proxy user's password. */
  readonly password: string
  /** Default {@link OXYLABS_DEFAULT_BASE_URL} (`…/v1` speaks the same paths). */
  readonly baseURL?: string
}

/**
 * An Oxylabs provider for one main proxy user.
 *
 * - It logs in (`POST /login`, Basic) on its first call and keeps the token: every call shares
 *   it, concurrent calls wait for one login, and it is renewed 55 minutes after it was
 *   obtained (5 minutes before its expiry, when the token is a JWT that has one) and once when
 *   a call is refused with 401 or 403, which is then repeated once. A refused login is `auth`.
 *   Tokens, like the password, never appear in an error. The `now` option is the clock the
 *   token's age is measured on.
 * - Ids are Oxylabs' numeric ids as decimal strings. Oxylabs has no single-record read:
 *   `get` and `refresh` read the list and decode only the row asked for (a malformed other
 *   row does not stop them); an id absent from it is probed on the stats endpoint:
 *   unknown there, `not_found`; known, `unsupported` (it exists, but is not listed, probably
 *   because it is disabled, and its record cannot be read). `update` can still reach such a
 *   sub-user to set it `active`.
 * - No rename; passwords are set, never read (a create or update returns the password it set;
 *   a create without one generates one of 16 characters).
 * - `create` checks the list first (a name already there is a `conflict`; its reads of the list
 *   check every row's id and username and decode only the created row in full), POSTs once and never
 *   again: after a lost answer it reads the list, adopts the sub-user if it appeared, and
 *   otherwise (after waiting two exchange timeouts and reading again) fails with the original
 *   error marked `retryable`, as not created. A create given `status: 'disabled'` is created,
 *   then disabled; if that fails, the error says the sub-user exists and is still active.
 * - `update` reads the list, PATCHes only what changes (an explicit null for unlimited),
 *   reads the list again and checks that every sent value took effect (`vendor` "update not
 *   applied" when Oxylabs answered 200 without applying it). A sub-user that left the list
 *   when disabled is returned as read before with the sent values, `usageStale` set.
 * - `list` reads the one reply whole; `iterate` reads it as it arrives, one row decoded and
 *   mapped at a time (memory holds a row, not 100,000), with `maxResponseBytes` and the exchange
 *   deadline still in force; a fault past the first row fails the iteration there.
 * - The main proxy user (marked `isMainUser`) cannot be deleted, disabled or given a new
 *   password here (`validation`): that would lock the provider out.
 * - `access` reads the list (an unlisted id is probed as `get` does) and gives the gateway
 *   `pr.oxylabs.io:7777` (the `gateway` option overrides host and ports), the login
 *   `customer-<username>` with `-cc-<CC>` and `-sessid-<id>[-sesstime-<minutes>]`, and no
 *   password (Oxylabs never shows one: pass the one you set). SOCKS5 with a country is
 *   `unsupported` before any request (the SOCKS5 entry cannot target a country).
 * - `usage` reads the stats endpoint with `type=custom`, the range's dates and
 *   `time_zone=UTC`, one call for any range; either reply shape (v1 `traffic_by_period`, v2
 *   `results`), GB rounded to the byte, a day absent from the reply as 0.
 *
 * Throws a `validation` SubUserError (operation `list`), listing every problem, when
 * `username` or `password` is not a usable credential (see `credentialProblem`; the username
 * must not hold `:`), or a common option (among them `now`, the clock the token's expiry is
 * measured on) is malformed.
 * @example
 * const p = createOxylabsProvider({ username: process.env.OXYLABS_USERNAME!, password: process.env.OXYLABS_PASSWORD! })
 * const users = await p.list()()
 */
export const createOxylabsProvider = (options: OxylabsOptions): OxylabsProvider => {
  const read = readOptions('oxylabs', options, ['username', 'password', 'baseURL', ...COMMON_OPTION_KEYS])
  if (E.isLeft(read)) throw read.left
  const o = read.right
  const problems = [
    credentialProblem('username', o.username) ?? (String(o.username).includes(':') ? { path: 'username', message: 'must not hold ":" (it is sent as Basic credentials)' } : undefined),
    credentialProblem('password', o.password),
    ...commonOptionProblems(o, OXYLABS_DEFAULT_RATE_LIMIT),
  ].filter((p): p is FieldProblem => p !== undefined)
  if (problems.length > 0) throw validationError('oxylabs', 'list', problems)
  const username = o.username as string
  const password = o.password as string
  const retry = o.retry === false ? false : { ...OXYLABS_DEFAULT_RETRY, ...(o.retry as CommonOptions['retry'] | undefined) }
  const common: CommonOptions = { ...(o as CommonOptions), retry }
  // The main proxy user names the account; its password may change, so it takes no part in the account's hash.
  const http = createHttpClient({ provider: 'oxylabs', baseURL: (o.baseURL as string | undefined) ?? OXYLABS_DEFAULT_BASE_URL, secrets: [password], account: [username], options: common, rateLimit: OXYLABS_DEFAULT_RATE_LIMIT, streaming: arrayStreams })
  const api = oxylabsApi(http, { username, password }, (o.now as (() => number) | undefined) ?? Date.now)
  const gateway = withGateway(OXYLABS_GATEWAY, o.gateway as GatewayOption | undefined)
  return defineProvider({
    ...oxylabsOperations(api, http, username, gateway),
    maxListPages: maxListPages('oxylabs', o),
    secrets: http.secrets,
    account: http.account,
    ...(o.now === undefined ? {} : { now: o.now as () => number }),
  })
}

/** One sent value that the list, read after the PATCH, does not hold. */
interface Mismatch {
  readonly field: keyof OxylabsPatchBody
  readonly sent: unknown
  readonly listed: unknown
}

const bytesOf = (gb: number | null | undefined): number | null | undefined => (gb === null || gb === undefined ? gb : Math.round(gb * OXYLABS_TRAFFIC_UNIT))

/** The sent values a row does not hold: a limit within 1 MiB counts as held (the GB double may be rounded); a password cannot be checked. */
const mismatches = (row: OxylabsSubUser, body: OxylabsPatchBody): ReadonlyArray<Mismatch> => {
  const out: Mismatch[] = []
  if (body.traffic_limit !== undefined) {
    const sent = bytesOf(body.traffic_limit)
    const listed = bytesOf(row.traffic_limit)
    const held = sent === null || listed === null ? sent === listed : Math.abs((sent as number) - (listed as number)) < MIB
    if (!held) out.push({ field: 'traffic_limit', sent: body.traffic_limit, listed: row.traffic_limit })
  }
  if (body.status !== undefined && row.status !== body.status) out.push({ field: 'status', sent: body.status, listed: row.status })
  if (body.lifetime !== undefined && row.lifetime !== body.lifetime) out.push({ field: 'lifetime', sent: body.lifetime, listed: row.lifetime ?? null })
  if (body.auto_disable !== undefined && row.auto_disable !== body.auto_disable) out.push({ field: 'auto_disable', sent: body.auto_disable, listed: row.auto_disable ?? null })
  return out
}

/** The part of a PATCH body that the row does not already hold (the password always: it cannot be read). */
const changes = (row: OxylabsSubUser, body: OxylabsPatchBody): OxylabsPatchBody => {
  const differs = new Set(mismatches(row, body).map((m) => m.field))
  // A limit already held within 1 MiB but not to the byte is still sent: the domain asked for that byte count.
  const limitDiffers = body.traffic_limit !== undefined && bytesOf(body.traffic_limit) !== bytesOf(row.traffic_limit)
  return {
    ...(body.password === undefined ? {} : { password: body.password }),
    ...(limitDiffers ? { traffic_limit: body.traffic_limit } : {}),
    ...(differs.has('lifetime') ? { lifetime: body.lifetime } : {}),
    ...(differs.has('status') ? { status: body.status } : {}),
    ...(differs.has('auto_disable') ? { auto_disable: body.auto_disable } : {}),
  }
}

/** A row as read before a PATCH, with the sent values applied, field by field. */
const withSent = (row: OxylabsSubUser, body: OxylabsPatchBody): OxylabsSubUser => ({
  id: row.id,
  username: row.username,
  status: body.status ?? row.status,
  traffic_limit: body.traffic_limit === undefined ? row.traffic_limit : body.traffic_limit,
  ...(row.created_at === undefined ? {} : { created_at: row.created_at }),
  ...(row.traffic === undefined ? {} : { traffic: row.traffic }),
  ...(body.lifetime !== undefined ? { lifetime: body.lifetime } : row.lifetime === undefined ? {} : { lifetime: row.lifetime }),
  ...(body.auto_disable !== undefined ? { auto_disable: body.auto_disable } : row.auto_disable === undefined ? {} : { auto_disable: row.auto_disable }),
})

/** A day's GB as whole bytes, for each day the reply names (either shape). */
const dailySamples = (stats: OxylabsDailyStats): ReadonlyArray<UsageSample> =>
  'traffic_by_period' in stats
    ? Object.entries(stats.traffic_by_period).map(([day, gb]) => ({ day, bytes: Math.round(gb * OXYLABS_TRAFFIC_UNIT) }))
    : stats.results.map((r) => ({ day: 'date' in r ? r.date : r.period, bytes: Math.round(r.traffic * OXYLABS_TRAFFIC_UNIT) }))

const oxylabsOperations = (api: OxylabsApi, timing: WriteTiming, mainUsername: string, gateway: Gateway) => {
  /** The main user's id, once a list has shown it (it never changes: it cannot be deleted here). */
  let mainUserId: string | undefined
  const noteMain = (row: OxylabsNamedRow) => {
    if (row.username === mainUsername) mainUserId = String(row.id)
  }
  const noted = <R extends OxylabsNamedRow>(list: TE.TaskEither<SubUserError, ReadonlyArray<R>>): TE.TaskEither<SubUserError, ReadonlyArray<R>> =>
    pipe(
      list,
      TE.tap((rows) => {
        rows.forEach(noteMain)
        return TE.right(undefined)
      }),
    )
  const listRows = (operation: Operation): TE.TaskEither<SubUserError, ReadonlyArray<OxylabsSubUser>> => noted(api.list(operation))
  /** The list read for ids and usernames only (a create's name checks, the main user's id); a create's row is kept decoded in full with `decodeRow`. */
  const namedRows = (operation: Operation): TE.TaskEither<SubUserError, ReadonlyArray<OxylabsNamedRow>> => noted(api.namedRows(operation))
  // A listed row's context is the same every time: built once, not per row.
  const listed = { mainUsername }
  const map = (row: OxylabsSubUser, context?: { readonly password?: string | undefined; readonly usageStale?: boolean }): SubUser =>
    toSubUser(
      row,
      context === undefined ? listed : { mainUsername, ...(context.password === undefined ? {} : { password: context.password }), ...(context.usageStale === undefined ? {} : { usageStale: context.usageStale }) },
    )

  /**
   * A sub-user the list lacks (§6.3): the stats probe (`type=24h`) answers 404, `not_found`;
   * 200, `unsupported` with `why` (it exists, but its record cannot be read).
   */
  const unlisted = (operation: Operation, id: string, why: string = NOT_LISTED): TE.TaskEither<SubUserError, never> =>
    pipe(
      api.stats(operation, id, { type: '24h' }),
      TE.flatMap(() => TE.left(new SubUserError({ kind: 'unsupported', provider: 'oxylabs', operation, fields: [{ path: 'id', message: why }], message: `oxylabs ${operation}: sub-user ${id} ${why}` }))),
    )

  /** One sub-user's row from the list, only that row decoded (a malformed other row does not stop it); undefined when not listed. */
  const findRow = (operation: Operation, id: string): TE.TaskEither<SubUserError, OxylabsSubUser | undefined> =>
    pipe(
      api.findRow(operation, id),
      TE.map(({ row, main }) => {
        if (main !== undefined) noteMain(main)
        return row
      }),
    )

  /** One sub-user from the list. */
  const read = (operation: Operation, id: string): TE.TaskEither<SubUserError, SubUser> =>
    pipe(
      findRow(operation, id),
      TE.flatMap((row) => (row === undefined ? unlisted(operation, id) : TE.right(map(row)))),
    )

  /**
   * PATCHes `body` (retried like a GET: its values are absolute; left without an answer, read
   * back first), then reads the list and checks that every sent value took effect (§6.7).
   */
  const patchAndVerify = (id: string, before: OxylabsSubUser | undefined, body: OxylabsPatchBody, password = body.password): TE.TaskEither<SubUserError, SubUser> =>
    pipe(
      writeOnce(timing, api.update(id, body), () =>
        pipe(
          findRow('update', id),
          TE.map((now): ReadBack<void> => {
            if (now !== undefined) return mismatches(now, body).length === 0 ? { found: 'applied', value: undefined } : { found: 'not-applied' }
            return body.status === 'disabled' ? { found: 'applied', value: undefined } : { found: 'unclear' }
          }),
        ),
      ),
      TE.flatMap(() => findRow('update', id)),
      TE.flatMap((now) => {
        if (now !== undefined) {
          const wrong = mismatches(now, body)
          return wrong.length === 0 ? TE.right(map(now, { password })) : TE.left(notApplied(id, wrong))
        }
        // Disabled sub-users may be left off the list (§6.4): what was read before, with what was sent.
        if (body.status === 'disabled' && before !== undefined) return TE.right(map(withSent(before, body), { password, usageStale: true }))
        return unlisted('update', id, `was updated, but Oxylabs does not list it since (probably disabled); its record cannot be read back`)
      }),
    )

  const mainUserRefusal = (operation: Operation, id: string, what: string): SubUserError =>
    validationError('oxylabs', operation, [{ path: 'id', message: `is the main proxy user (sub-user ${id}), the one this provider logs in as: ${what} would lock the provider out of the API` }])

  const update = (id: string, patch: UpdateSubUser<OxylabsSettings>): TE.TaskEither<SubUserError, SubUser> =>
    pipe(
      TE.fromEither(checkPatch(patch)),
      TE.flatMap((body) =>
        pipe(
          findRow('update', id),
          TE.flatMap((row): TE.TaskEither<SubUserError, SubUser> => {
            if (row === undefined) {
              // Not listed: only re-enabling it can be checked afterwards (it is listed again).
              return body.status === 'active'
                ? pipe(api.stats('update', id, { type: '24h' }), TE.flatMap(() => patchAndVerify(id, undefined, body)))
                : unlisted('update', id, `${NOT_LISTED}; only an update that sets status 'active' can reach it`)
            }
            if (row.username === mainUsername && body.status === 'disabled') return TE.left(mainUserRefusal('update', id, 'disabling it'))
            if (row.username === mainUsername && body.password !== undefined) return TE.left(mainUserRefusal('update', id, 'changing its password'))
            const changed = changes(row, body)
            return Object.keys(changed).length === 0 ? TE.right(map(row)) : patchAndVerify(id, row, changed)
          }),
        ),
      ),
    )

  const create = (input: CreateSubUser<OxylabsSettings>): TE.TaskEither<SubUserError, SubUser> =>
    pipe(
      TE.fromEither(checkCreate(input)),
      TE.flatMap(({ body, disable }) => {
        // The name checks read every row's id and username; only the created row is decoded in full.
        const isNamed = (r: OxylabsNamedRow) => r.username === body.username
        const named = (rows: ReadonlyArray<OxylabsNamedRow>) => rows.find(isNamed)
        return pipe(
          namedRows('create'),
          TE.flatMap((rows) => {
            const taken = named(rows)
            return taken === undefined ? TE.right(undefined) : TE.left(usernameTaken(body.username, taken.id))
          }),
          // Never sent twice (§6.8): left without an answer, the list says whether it was applied.
          TE.flatMap(() =>
            writeAtMostOnce(timing, api.create(body), () =>
              pipe(
                namedRows('create'),
                TE.map((rows): ReadBack<number | undefined> => {
                  const row = named(rows)
                  return row === undefined ? { found: 'not-applied' } : { found: 'applied', value: row.id }
                }),
              ),
            ),
          ),
          TE.flatMap((id) =>
            pipe(
              namedRows('create'),
              TE.flatMapEither((rows) => {
                const byNewId = id === undefined ? -1 : rows.findIndex((r) => r.id === id)
                const index = byNewId >= 0 ? byNewId : rows.findIndex(isNamed)
                return index < 0 ? E.left(missingAfterCreate(body.username, id)) : decodeRow('create', rows, index)
              }),
            ),
          ),
          TE.flatMap((row) =>
            disable
              ? pipe(
                  patchAndVerify(String(row.id), row, { status: 'disabled' }, body.password),
                  TE.mapLeft((e) => createdButActive(row, e)),
                )
              : TE.right(map(row, { password: body.password })),
          ),
        )
      }),
    )

  /** The main user's id: known from an earlier list, or read now (undefined when the list does not show it). */
  const mainId: TE.TaskEither<SubUserError, string | undefined> = () =>
    mainUserId !== undefined ? Promise.resolve(E.right(mainUserId)) : pipe(namedRows('delete'), TE.map(() => mainUserId))()

  const del = (id: string): TE.TaskEither<SubUserError, void> =>
    pipe(
      mainId,
      TE.flatMap((main) => (main === id ? TE.left(mainUserRefusal('delete', id, 'deleting it')) : TE.right(undefined))),
      // No answer: done if the stats path no longer knows the id, not done if it does.
      TE.flatMap(() =>
        writeOnce(timing, api.destroy(id), () =>
          pipe(
            api.stats('delete', id, { type: '24h' }),
            TE.map((): ReadBack<void> => ({ found: 'not-applied' })),
            TE.orElse((e) => (e.kind === 'not_found' ? TE.right<SubUserError, ReadBack<void>>({ found: 'applied', value: undefined }) : TE.left(e))),
          ),
        ),
      ),
    )

  const access = (id: string, target: CheckedTarget) =>
    // The SOCKS5 entry has no country-specific exits (§8): refused before any request.
    target.country !== undefined && target.protocols.includes('socks5')
      ? TE.left(unsupportedError('oxylabs', 'access', 'country', 'oxylabs cannot target a country over SOCKS5 (ask for http or https)'))
      : pipe(
          findRow('access', id),
          TE.flatMap((row) => (row === undefined ? unlisted('access', id) : TE.right(row))),
          TE.map((row) =>
            proxyAccess({ provider: 'oxylabs' as const, subUserId: String(row.id), endpoints: gatewayEndpoints(gateway, target.protocols), username: gatewayLogin(row.username, target), password: null }),
          ),
        )

  const usage = (id: string, window: UsageRange): TE.TaskEither<SubUserError, ReadonlyArray<UsageSample>> => pipe(api.dailyStats(id, window.from, window.to), TE.map(dailySamples))

  return {
    id: 'oxylabs' as const,
    capabilities: oxylabsCapabilities,
    access,
    usage,
    create,
    // Ids are checked by defineProvider before any of these runs.
    checkId,
    get: (id: string) => read('get', id),
    update,
    delete: del,
    validate: (operation: 'create' | 'update', input: CreateSubUser<OxylabsSettings> | UpdateSubUser<OxylabsSettings>) =>
      operation === 'create' ? pipe(checkCreate(input as CreateSubUser<OxylabsSettings>), E.map(() => undefined)) : pipe(checkPatch(input), E.map(() => undefined)),
    // One reply holds every row (list collects them all; iterate reads streamFirstPage instead).
    firstPage: () =>
      pipe(
        listRows('list'),
        TE.map((rows) => ({ items: rows.map((row) => map(row)) })),
      ),
    // iterate() reads that reply as it arrives: one row at a time is decoded and mapped, never the whole reply held.
    streamFirstPage: () =>
      pipe(
        api.streamList('list'),
        TE.map((rows) => ({
          items: {
            async *[Symbol.asyncIterator]() {
              for await (const row of rows) {
                noteMain(row)
                yield map(row)
              }
            },
          },
        })),
      ),
    refresh: (id: string) => read('refresh', id),
  }
}

const NOT_LISTED = 'exists but Oxylabs does not list it (probably disabled); its record cannot be read'

const usernameTaken = (username: string, id: number): SubUserError =>
  new SubUserError({ kind: 'conflict', provider: 'oxylabs', operation: 'create', fields: [{ path: 'username', message: `is taken by sub-user ${id}` }], message: `oxylabs create: a sub-user named ${username} already exists (id ${id})` })

const missingAfterCreate = (username: string, id: number | undefined): SubUserError =>
  new SubUserError({
    kind: 'vendor',
    provider: 'oxylabs',
    operation: 'create',
    message: `oxylabs create: Oxylabs accepted ${username}${id === undefined ? '' : ` (id ${id})`} but its list does not show it`,
  })

const shown = (v: unknown): string => JSON.stringify(v ?? null)

const notApplied = (id: string, wrong: ReadonlyArray<Mismatch>): SubUserError =>
  new SubUserError({
    kind: 'vendor',
    provider: 'oxylabs',
    operation: 'update',
    fields: wrong.map((m) => ({ path: m.field, message: `sent ${shown(m.sent)}, listed ${shown(m.listed)}` })),
    message: `oxylabs update: update not applied: Oxylabs answered 200, but sub-user ${id} lists ${wrong.map((m) => `${m.field} ${shown(m.listed)} (sent ${shown(m.sent)})`).join(', ')}`,
  })

const createdButActive = (row: OxylabsSubUser, e: SubUserError): SubUserError =>
  new SubUserError({
    kind: e.kind,
    provider: 'oxylabs',
    operation: 'create',
    retryable: false,
    ...(e.status === undefined ? {} : { status: e.status }),
    ...(e.fields === undefined ? {} : { fields: e.fields }),
    message: `oxylabs create: ${row.username} was created (id ${row.id}) but is still active: disabling it failed: ${e.message}`,
  })
