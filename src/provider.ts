/**
 * The provider interface and the assembly every adapter goes through: input
 * checks against capabilities before any request, and list/iterate derived
 * from the adapter's pages (through src/listing.ts) so both vendors page,
 * de-duplicate, bound and stream alike.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from './task-either'
import { checkTarget, type CheckedTarget } from './access-target'
import { withCallOptions, type CallOptions } from './call-options'
import { checkInput, type Capabilities } from './capabilities'
import { accountKey } from './coordination/account'
import type { AccessTarget, CreateSubUser, DailyUsage, Operation, ProviderId, ProxyAccess, SubUser, UpdateSubUser, UsageRange, VendorExtras, VendorSettings } from './domain'
import { SubUserError, redactError, unsupportedError, validationError, type FieldProblem } from './errors'
import { DEFAULT_MAX_LIST_PAGES, collectPages, walkPages, type ListingBounds } from './listing'
import { retryProblem, timeoutProblem } from './options'
import { snapshot } from './snapshot'
import { checkRange, dailyUsage, usageWindows, type UsageSample } from './usage'

/**
 * The single-sub-user operations, the same for an adapter and for the provider it makes.
 * `Id`, `Extras` and `Settings` are the provider's id, the extras its sub-users carry and the
 * settings its `vendor` block takes; left out, any provider's.
 * @example
 * const ops: SubUserOperations = provider
 */
export interface SubUserOperations<
  Id extends ProviderId = ProviderId,
  Extras extends VendorExtras<Id> = VendorExtras<Id>,
  Settings extends VendorSettings = VendorSettings,
> {
  readonly id: Id
  readonly capabilities: Capabilities
  create(input: CreateSubUser<Settings>, options?: CallOptions): TE.TaskEither<SubUserError, SubUser<Id, Extras>>
  get(id: string, options?: CallOptions): TE.TaskEither<SubUserError, SubUser<Id, Extras>>
  update(id: string, patch: UpdateSubUser<Settings>, options?: CallOptions): TE.TaskEither<SubUserError, SubUser<Id, Extras>>
  delete(id: string, options?: CallOptions): TE.TaskEither<SubUserError, void>
  refresh(id: string, options?: CallOptions): TE.TaskEither<SubUserError, SubUser<Id, Extras>>
}

/**
 * One vendor's sub-users behind the neutral interface. A vendor's factory returns it with that
 * vendor's id, extras and settings, so its sub-users' `vendor` is typed without a cast.
 * @example
 * const p = createWebshareProvider({ apiKey }) // SubUserProvider<'webshare', WebshareExtras, ...>
 * const users = await p.list()()
 * const any: SubUserProvider = p
 */
export interface SubUserProvider<
  Id extends ProviderId = ProviderId,
  Extras extends VendorExtras<Id> = VendorExtras<Id>,
  Settings extends VendorSettings = VendorSettings,
> extends SubUserOperations<Id, Extras, Settings> {
  /**
   * Every page, never truncated; de-duplicated by id. A listing that cannot be
   * complete (past or short of the vendor's count, a page with nothing new, more
   * than `maxListPages` pages) fails as `vendor` (see src/listing.ts).
   */
  list(options?: CallOptions): TE.TaskEither<SubUserError, ReadonlyArray<SubUser<Id, Extras>>>
  /**
   * Page by page, holding one page (and the ids seen) at a time, each id once, under the checks
   * of `list`; a vendor's single large list is read as it arrives, one sub-user at a time.
   * Throws a SubUserError.
   */
  iterate(options?: CallOptions): AsyncIterable<SubUser<Id, Extras>>
  /**
   * What a customer connects with: the endpoints and the gateway login, the target's options
   * (country, sticky session, protocol) written in the vendor's syntax, and the password and a
   * ready proxy URL as Secrets. A target the vendor cannot honour (see
   * `capabilities.access`) is `unsupported`, a malformed one `validation`, before any request;
   * a provider without `access` answers `unsupported`.
   * @example
   * const a = await p.access('alice001', { country: 'us', session: { id: 'abc123', minutes: 10 } })()
   */
  access(id: string, target?: AccessTarget, options?: CallOptions): TE.TaskEither<SubUserError, ProxyAccess<Id>>
  /**
   * A sub-user's traffic per UTC day, `from` to `to` (`YYYY-MM-DD`, both included): one row per
   * day, oldest first, days without traffic as 0, whatever the vendor's own granularity (hours
   * summed, a long range split into the vendor's longest window). A range the vendor cannot
   * serve (see `capabilities.usage`) is `validation`, before any request.
   * @example
   * const days = await p.usage('alice001', { from: '2025-03-01', to: '2025-03-31' })()
   */
  usage(id: string, range: UsageRange, options?: CallOptions): TE.TaskEither<SubUserError, ReadonlyArray<DailyUsage>>
  /**
   * Checks a create input or an update patch as `create` and `update` would
   * (capabilities, then the vendor's own rules), without sending anything:
   * the `validation` or `unsupported` error they would return, or Right.
   * @example
   * provider.validate('create', { username: 'x' }) // Left(validation: username ...) on Thordata
   */
  validate(operation: 'create' | 'update', input: CreateSubUser<Settings> | UpdateSubUser<Settings>): E.Either<SubUserError, void>
  /**
   * The vendor account this provider works on, as a one-way hash (see
   * `accountKey`): what its shared pacing and `apply`'s lock are keyed by.
   * Never the credential itself.
   */
  readonly account?: string
}

/**
 * The sub-user type a provider returns: `SubUserOf<typeof p>`. A union of several providers'
 * narrows on `provider`.
 * @example
 * type Held = SubUserOf<typeof thordata> | SubUserOf<typeof webshare>
 * const numeric = (u: Held) => (u.provider === 'webshare' ? u.vendor.numericId : null)
 */
export type SubUserOf<P> = P extends SubUserOperations<infer Id, infer Extras, VendorSettings> | PromiseProvider<infer Id, infer Extras, VendorSettings> ? SubUser<Id, Extras> : never

/**
 * One page of sub-users and, if there is one, how to get the next.
 * @example
 * const last: Page = { items: users }
 */
export interface Page<S extends SubUser = SubUser> {
  /**
   * The page's sub-users; may be mapped as they are read (a single large listing never holds
   * them all mapped at once), or handed over as the reply arrives (an AsyncIterable that throws
   * a SubUserError when the reply fails part way).
   */
  readonly items: Iterable<S> | AsyncIterable<S>
  readonly next?: () => TE.TaskEither<SubUserError, Page<S>>
  /** How many sub-users the vendor says the whole listing holds, where it says so; the listing is held to it. */
  readonly count?: number
}

/**
 * What an adapter implements; {@link defineProvider} adds the rest.
 * `create` and `update` receive input already checked against `capabilities`.
 * @example
 * export const createFooProvider = (o: FooOptions) => defineProvider({ id: 'thordata', capabilities, create, get, update, delete: del, firstPage, refresh, validate, checkId, secrets: [o.token] })
 */
export interface ProviderImplementation<
  Id extends ProviderId = ProviderId,
  Extras extends VendorExtras<Id> = VendorExtras<Id>,
  Settings extends VendorSettings = VendorSettings,
> extends SubUserOperations<Id, Extras, Settings> {
  firstPage(): TE.TaskEither<SubUserError, Page<SubUser<Id, Extras>>>
  /**
   * The first page as `iterate` reads it, for a vendor that answers with one large list: its
   * items arrive as the body does (see `StreamingHttpClient.streamArray`), so memory holds one sub-user,
   * not the reply. `list` keeps `firstPage`: it holds everything anyway, and a reply read whole
   * is retried whole. Left out, `iterate` uses `firstPage`.
   */
  streamFirstPage?(): TE.TaskEither<SubUserError, Page<SubUser<Id, Extras>>>
  /** Most pages one listing may take (the `maxListPages` option; default {@link DEFAULT_MAX_LIST_PAGES}). */
  readonly maxListPages?: number
  /**
   * The vendor's id rule: the id as the vendor's operations take it, or the
   * `validation` error. Run first on every operation given an id, before anything else.
   */
  checkId(operation: Operation, id: unknown): E.Either<SubUserError, string>
  /** Values no error of this provider may show (its credentials): redacted from every error it returns. */
  readonly secrets?: ReadonlyArray<string>
  /**
   * The account's hash, as the HTTP client computes it (`http.account`). Left
   * out: a hash of the id and `secrets`.
   */
  readonly account?: string
  /** The vendor's own checks of a create input or update patch (ids aside), after the capability checks. */
  validate(operation: 'create' | 'update', input: CreateSubUser<Settings> | UpdateSubUser<Settings>): E.Either<SubUserError, void>
  /**
   * The access of a sub-user for a target already checked against `capabilities.access`
   * (country upper-case, `protocols` the ones to give endpoints for). Left out: `access` is
   * `unsupported`. The kit's `gatewayEndpoints` and `proxyAccess` build the result.
   */
  access?(id: string, target: CheckedTarget): TE.TaskEither<SubUserError, ProxyAccess<Id>>
  /**
   * The usage samples (days, or hours to be summed) of one window of a checked range, at most
   * `capabilities.usage.windowDays` days long: called once per window, in order. Left out:
   * `usage` is `unsupported`.
   */
  usage?(id: string, window: UsageRange): TE.TaskEither<SubUserError, ReadonlyArray<UsageSample>>
  /** The clock a usage range is checked against ("today", UTC), in epoch ms (default `Date.now`). */
  readonly now?: () => number
}

/**
 * Builds a {@link SubUserProvider} from an adapter's operations.
 * @example
 * const provider = defineProvider(implementation)
 */
export const defineProvider = <Id extends ProviderId, Extras extends VendorExtras<Id>, Settings extends VendorSettings>(
  impl: ProviderImplementation<Id, Extras, Settings>,
): SubUserProvider<Id, Extras, Settings> => {
  const secrets = impl.secrets ?? []
  // Call options are read once and checked first (nothing is sent with bad ones), then put in effect for the call.
  // Every error leaves redacted of the provider's credentials.
  const call =
    <A>(operation: Operation, options: CallOptions | undefined, task: () => TE.TaskEither<SubUserError, A>): TE.TaskEither<SubUserError, A> =>
      pipe(
        TE.fromEither(readCallOptions(impl.id, operation, options)),
        TE.flatMap((read) => caught(impl.id, operation, withCallOptions(read, task))),
        TE.mapLeft((e) => redactError(e, secrets)),
      )
  const bounds: ListingBounds = { provider: impl.id, operation: 'list', maxPages: impl.maxListPages ?? DEFAULT_MAX_LIST_PAGES }
  // Ids first: nothing else is looked at, and nothing sent, for a bad one.
  const withId = <A>(operation: Operation, id: unknown, run: (id: string) => TE.TaskEither<SubUserError, A>) =>
    pipe(TE.fromEither(impl.checkId(operation, id)), TE.flatMap(run))
  // An input is read once into plain data: what is checked is what is sent.
  const checked = <I extends CreateSubUser<Settings> | UpdateSubUser<Settings>>(operation: 'create' | 'update', value: I): E.Either<SubUserError, I> => {
    const copy = snapshot(value, INPUT_FIELDS)
    if (E.isLeft(copy)) return E.left(validationError(impl.id, operation, [{ path: '', message: `the input ${copy.left}` }]))
    const input = copy.right as I
    const refused = checkInput(impl.id, impl.capabilities, operation, input)
    return E.isLeft(refused) ? refused : E.right(input)
  }
  return {
    id: impl.id,
    capabilities: impl.capabilities,
    account: impl.account ?? accountKey(impl.id, '', secrets),
    create: (input, options) => call('create', options, () => pipe(TE.fromEither(checked('create', input)), TE.flatMap((copy) => impl.create(copy)))),
    get: (id, options) => call('get', options, () => withId('get', id, (checkedId) => impl.get(checkedId))),
    update: (id, patch, options) =>
      call('update', options, () => {
        const copy = checked('update', patch)
        const checkedId = impl.checkId('update', id)
        if (E.isLeft(checkedId)) {
          // A bad id is reported with the patch's own problems, in one error.
          const inPatch = pipe(copy, E.flatMap((c) => impl.validate('update', c)))
          return TE.left(
            E.isLeft(inPatch) && inPatch.left.kind === 'validation'
              ? validationError(impl.id, 'update', [...(checkedId.left.fields ?? []), ...(inPatch.left.fields ?? [])])
              : checkedId.left,
          )
        }
        return pipe(
          TE.fromEither(copy),
          TE.flatMap((c) => impl.update(checkedId.right, c)),
        )
      }),
    delete: (id, options) => call('delete', options, () => withId('delete', id, (checkedId) => impl.delete(checkedId))),
    list: (options) => call('list', options, () => collectPages(impl.firstPage, bounds)),
    iterate: (options) => ({
      [Symbol.asyncIterator]: async function* () {
        // Read once for the whole iteration: every page runs with the same copy.
        const read = throwLeft(pipe(readCallOptions(impl.id, 'list', options), E.mapLeft((e) => redactError(e, secrets))))
        try {
          yield* walkPages(bounds, impl.streamFirstPage ?? impl.firstPage, (step) => call('list', read, step)())
        } catch (e) {
          // A streamed page fails in the middle of its items, outside `call`: redacted here too.
          throw SubUserError.is(e) ? redactError(e, secrets) : e
        }
      },
    }),
    refresh: (id, options) => call('refresh', options, () => withId('refresh', id, (checkedId) => impl.refresh(checkedId))),
    access: (id, target, options) =>
      call('access', options, () => {
        const caps = impl.capabilities.access
        const run = impl.access?.bind(impl)
        if (run === undefined || caps === undefined || caps === null) return TE.left(unsupportedError(impl.id, 'access', 'access', `${impl.id} cannot tell how to connect to a sub-user`))
        return withId('access', id, (checkedId) =>
          pipe(
            TE.fromEither(checkTarget(impl.id, caps, target)),
            TE.flatMap((checked) =>
              pipe(
                run(checkedId, checked),
                TE.flatMapEither((access) => holdsEndpoints(impl.id, checked, access)),
                // The session id is the caller's: no error shows it.
                TE.mapLeft((e) => redactError(e, checked.session === undefined ? [] : [checked.session.id])),
              ),
            ),
          ),
        )
      }),
    usage: (id, range, options) =>
      call('usage', options, () => {
        const caps = impl.capabilities.usage
        const run = impl.usage?.bind(impl)
        if (run === undefined || caps === undefined || caps === null) return TE.left(unsupportedError(impl.id, 'usage', 'usage', `${impl.id} reports no usage history`))
        return withId('usage', id, (checkedId) =>
          pipe(
            TE.fromEither(checkRange(impl.id, caps, range, (impl.now ?? Date.now)())),
            // One window after the other (the vendor's pace), each held to the days it asked for.
            TE.flatMap((checked) =>
              TE.traverseSeqArray((window: UsageRange) => pipe(run(checkedId, window), TE.flatMapEither((samples) => dailyUsage(impl.id, window, samples))))(usageWindows(checked, caps.windowDays)),
            ),
            TE.map((parts) => parts.flat()),
          ),
        )
      }),
    validate: (operation, input) =>
      pipe(
        checked(operation, input),
        E.flatMap((copy) => impl.validate(operation, copy)),
        E.mapLeft((e) => redactError(e, secrets)),
      ),
  }
}

/**
 * The task with anything it throws or rejects with turned into a Left: a
 * SubUserError as it is, anything else (an adapter's bug) as a `vendor` error
 * that does not repeat the exception's text, which could hold anything.
 */
const caught =
  <A>(provider: ProviderId, operation: Operation, task: TE.TaskEither<SubUserError, A>): TE.TaskEither<SubUserError, A> =>
  async () => {
    try {
      return await task()
    } catch (e) {
      return E.left(
        SubUserError.is(e)
          ? e
          : new SubUserError({ kind: 'vendor', provider, operation, retryable: false, message: `${provider} ${operation}: the adapter failed unexpectedly (${e instanceof Error ? e.name : typeof e})` }),
      )
    }
  }

/**
 * An adapter's access held to what was asked: at least one endpoint, each of a protocol the
 * target wants. Anything else is a `vendor` error (nothing to connect to).
 */
const holdsEndpoints = <Id extends ProviderId>(provider: Id, target: CheckedTarget, access: ProxyAccess<Id>): E.Either<SubUserError, ProxyAccess<Id>> =>
  access.endpoints.length > 0 && access.endpoints.every((e) => target.protocols.includes(e.protocol))
    ? E.right(access)
    : E.left(
        new SubUserError({
          kind: 'vendor',
          provider,
          operation: 'access',
          retryable: false,
          message: `${provider} access: no endpoint for ${target.protocols.join(' or ')} was found for this sub-user`,
        }),
      )

/** The fields of a create input or update patch, read even when inherited. */
const INPUT_FIELDS: ReadonlyArray<string> = ['username', 'password', 'status', 'trafficLimitBytes', 'vendor']

/**
 * Reads call options once into a plain object (each option read once, `retry`
 * copied deep), then checks them; anything thrown while reading is a
 * `validation` error, never an exception.
 * @example
 * readCallOptions('webshare', 'get', { timeoutMs: 2_000 }) // Right({ timeoutMs: 2000 })
 */
export const readCallOptions = (provider: ProviderId, operation: Operation, options: unknown): E.Either<SubUserError, CallOptions | undefined> => {
  if (options === undefined) return E.right(undefined)
  if (typeof options !== 'object' || options === null) return E.left(validationError(provider, operation, [{ path: 'options', message: 'must be an object' }]))
  const unreadable = (path: string, why = 'could not be read (a getter or Proxy threw)') => E.left(validationError(provider, operation, [{ path, message: why }]))
  let raw: { readonly retry?: unknown; readonly timeoutMs?: unknown; readonly deadlineMs?: unknown; readonly signal?: unknown }
  try {
    const o = options as Record<string, unknown>
    raw = { retry: o.retry, timeoutMs: o.timeoutMs, deadlineMs: o.deadlineMs, signal: o.signal }
    // A genuine AbortSignal answers `aborted`; a Proxy of one throws here, not in the middle of a request.
    if (raw.signal instanceof AbortSignal) void raw.signal.aborted
  } catch {
    return unreadable('options')
  }
  const retry = raw.retry === undefined ? E.right(undefined) : snapshot(raw.retry)
  if (E.isLeft(retry)) return unreadable('retry', retry.left)
  const read = {
    ...(retry.right === undefined ? {} : { retry: retry.right }),
    ...(raw.timeoutMs === undefined ? {} : { timeoutMs: raw.timeoutMs }),
    ...(raw.deadlineMs === undefined ? {} : { deadlineMs: raw.deadlineMs }),
    ...(raw.signal === undefined ? {} : { signal: raw.signal }),
  } as CallOptions
  return pipe(
    checkCallOptions(provider, operation, read),
    E.map(() => read),
  )
}

/**
 * Refuses call options that cannot be honoured, before anything is sent.
 * @example
 * checkCallOptions('webshare', 'get', { timeoutMs: -1 }) // Left(validation: timeoutMs)
 */
export const checkCallOptions = (provider: ProviderId, operation: Operation, options: CallOptions | undefined): E.Either<SubUserError, void> => {
  if (options === undefined) return E.right(undefined)
  const problems: FieldProblem[] = []
  if (typeof options !== 'object' || options === null) problems.push({ path: 'options', message: 'must be an object' })
  else {
    const retry = options.retry === undefined ? undefined : retryProblem(options.retry)
    if (retry !== undefined) problems.push(retry)
    const timeout = options.timeoutMs === undefined ? undefined : timeoutProblem(options.timeoutMs)
    if (timeout !== undefined) problems.push(timeout)
    const d = options.deadlineMs
    if (d !== undefined && (typeof d !== 'number' || !Number.isFinite(d) || d <= 0 || d > MAX_TIMER_MS)) problems.push({ path: 'deadlineMs', message: `must be a number of milliseconds > 0 and ≤ ${MAX_TIMER_MS}` })
    if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) problems.push({ path: 'signal', message: 'must be an AbortSignal' })
  }
  return problems.length === 0 ? E.right(undefined) : E.left(validationError(provider, operation, problems))
}

/** Node's longest timer (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1

const throwLeft = <A>(e: E.Either<SubUserError, A>): A => {
  if (E.isLeft(e)) throw e.left
  return e.right
}

/**
 * The same provider with Promises instead of TaskEither; a failure rejects
 * with a {@link SubUserError}.
 * @example
 * const p = toPromises(createThordataProvider({ token }))
 * const user = await p.create({ username: 'alice001' })
 */
export const toPromises = <Id extends ProviderId, Extras extends VendorExtras<Id>, Settings extends VendorSettings>(
  provider: SubUserProvider<Id, Extras, Settings>,
): PromiseProvider<Id, Extras, Settings> => {
  // Whatever the provider does, a call settles as a Promise: a synchronous throw becomes a rejection.
  const run = <A>(make: () => TE.TaskEither<SubUserError, A>): Promise<A> => {
    try {
      return make()().then(throwLeft)
    } catch (e) {
      return Promise.reject(e)
    }
  }
  return {
    id: provider.id,
    capabilities: provider.capabilities,
    create: (input, options) => run(() => provider.create(input, options)),
    get: (id, options) => run(() => provider.get(id, options)),
    update: (id, patch, options) => run(() => provider.update(id, patch, options)),
    delete: (id, options) => run(() => provider.delete(id, options)),
    list: (options) => run(() => provider.list(options)),
    iterate: (options) => provider.iterate(options),
    refresh: (id, options) => run(() => provider.refresh(id, options)),
    access: (id, target, options) => run(() => provider.access(id, target, options)),
    usage: (id, range, options) => run(() => provider.usage(id, range, options)),
  }
}

/**
 * A provider in Promise style, as returned by {@link toPromises}.
 * @example
 * const users: ReadonlyArray<SubUser> = await promiseProvider.list()
 */
export interface PromiseProvider<
  Id extends ProviderId = ProviderId,
  Extras extends VendorExtras<Id> = VendorExtras<Id>,
  Settings extends VendorSettings = VendorSettings,
> {
  readonly id: Id
  readonly capabilities: Capabilities
  create(input: CreateSubUser<Settings>, options?: CallOptions): Promise<SubUser<Id, Extras>>
  get(id: string, options?: CallOptions): Promise<SubUser<Id, Extras>>
  update(id: string, patch: UpdateSubUser<Settings>, options?: CallOptions): Promise<SubUser<Id, Extras>>
  delete(id: string, options?: CallOptions): Promise<void>
  list(options?: CallOptions): Promise<ReadonlyArray<SubUser<Id, Extras>>>
  iterate(options?: CallOptions): AsyncIterable<SubUser<Id, Extras>>
  refresh(id: string, options?: CallOptions): Promise<SubUser<Id, Extras>>
  access(id: string, target?: AccessTarget, options?: CallOptions): Promise<ProxyAccess<Id>>
  usage(id: string, range: UsageRange, options?: CallOptions): Promise<ReadonlyArray<DailyUsage>>
}
