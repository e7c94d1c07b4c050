/**
 * The provider interface and the assembly every adapter goes through: input
 * checks against capabilities before any request, and list/iterate derived
 * from the adapter's pages (through src/listing.ts) so both vendors page,
 * de-duplicate, bound and stream alike.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { withCallOptions, type CallOptions } from './call-options'
import { checkInput, type Capabilities } from './capabilities'
import type { CreateSubUser, Operation, ProviderId, SubUser, UpdateSubUser } from './domain'
import { SubUserError, validationError, type FieldProblem } from './errors'
import { DEFAULT_MAX_LIST_PAGES, collectPages, walkPages, type ListingBounds } from './listing'
import { retryPolicy } from './retry'

/**
 * The single-sub-user operations, the same for an adapter and for the provider it makes.
 * @example
 * const ops: SubUserOperations = provider
 */
export interface SubUserOperations {
  readonly id: ProviderId
  readonly capabilities: Capabilities
  create(input: CreateSubUser, options?: CallOptions): TE.TaskEither<SubUserError, SubUser>
  get(id: string, options?: CallOptions): TE.TaskEither<SubUserError, SubUser>
  update(id: string, patch: UpdateSubUser, options?: CallOptions): TE.TaskEither<SubUserError, SubUser>
  delete(id: string, options?: CallOptions): TE.TaskEither<SubUserError, void>
  refresh(id: string, options?: CallOptions): TE.TaskEither<SubUserError, SubUser>
}

/**
 * One vendor's sub-users behind the neutral interface.
 * @example
 * const p: SubUserProvider = createWebshareProvider({ apiKey })
 * const users = await p.list()()
 */
export interface SubUserProvider extends SubUserOperations {
  /**
   * Every page, never truncated; de-duplicated by id. A listing that cannot be
   * complete (past or short of the vendor's count, a page with nothing new, more
   * than `maxListPages` pages) fails as `vendor` (see src/listing.ts).
   */
  list(options?: CallOptions): TE.TaskEither<SubUserError, ReadonlyArray<SubUser>>
  /** Page by page, holding one page (and the ids seen) at a time, each id once, under the checks of `list`; throws a SubUserError. */
  iterate(options?: CallOptions): AsyncIterable<SubUser>
  /**
   * Checks a create input or an update patch as `create` and `update` would
   * (capabilities, then the vendor's own rules), without sending anything:
   * the `validation` or `unsupported` error they would return, or Right.
   * @example
   * provider.validate('create', { username: 'x' }) // Left(validation: username ...) on Thordata
   */
  validate(operation: 'create' | 'update', input: CreateSubUser | UpdateSubUser): E.Either<SubUserError, void>
}

/**
 * One page of sub-users and, if there is one, how to get the next.
 * @example
 * const last: Page = { items: users }
 */
export interface Page {
  /** The page's sub-users; may be mapped as they are read (a single large listing never holds them all mapped at once). */
  readonly items: Iterable<SubUser>
  readonly next?: () => TE.TaskEither<SubUserError, Page>
  /** How many sub-users the vendor says the whole listing holds, where it says so; the listing is held to it. */
  readonly count?: number
}

/**
 * What an adapter implements; {@link defineProvider} adds the rest.
 * `create` and `update` receive input already checked against `capabilities`.
 * @example
 * export const createFooProvider = (o: FooOptions) => defineProvider({ id: 'thordata', capabilities, create, get, update, delete: del, firstPage, refresh, validate })
 */
export interface ProviderImplementation extends SubUserOperations {
  firstPage(): TE.TaskEither<SubUserError, Page>
  /** Most pages one listing may take (the `maxListPages` option; default {@link DEFAULT_MAX_LIST_PAGES}). */
  readonly maxListPages?: number
  /** The vendor's own checks of a create input or update patch (ids aside), after the capability checks. */
  validate(operation: 'create' | 'update', input: CreateSubUser | UpdateSubUser): E.Either<SubUserError, void>
}

/**
 * Builds a {@link SubUserProvider} from an adapter's operations.
 * @example
 * const provider = defineProvider(implementation)
 */
export const defineProvider = (impl: ProviderImplementation): SubUserProvider => {
  // Call options are checked first (nothing is sent with bad ones), then put in effect for the call.
  const call =
    <A>(operation: Operation, options: CallOptions | undefined, task: () => TE.TaskEither<SubUserError, A>): TE.TaskEither<SubUserError, A> =>
      pipe(
        TE.fromEither(checkCallOptions(impl.id, operation, options)),
        TE.flatMap(() => withCallOptions(options, task)),
      )
  const bounds: ListingBounds = { provider: impl.id, operation: 'list', maxPages: impl.maxListPages ?? DEFAULT_MAX_LIST_PAGES }
  return {
    id: impl.id,
    capabilities: impl.capabilities,
    create: (input, options) =>
      call('create', options, () =>
        pipe(
          TE.fromEither(checkInput(impl.id, impl.capabilities, 'create', input)),
          TE.flatMap(() => impl.create(input)),
        ),
      ),
    get: (id, options) => call('get', options, () => impl.get(id)),
    update: (id, patch, options) =>
      call('update', options, () =>
        pipe(
          TE.fromEither(checkInput(impl.id, impl.capabilities, 'update', patch)),
          TE.flatMap(() => impl.update(id, patch)),
        ),
      ),
    delete: (id, options) => call('delete', options, () => impl.delete(id)),
    list: (options) => call('list', options, () => collectPages(impl.firstPage, bounds)),
    iterate: (options) => ({
      [Symbol.asyncIterator]: async function* () {
        yield* walkPages(bounds, impl.firstPage, (step) => call('list', options, step)())
      },
    }),
    refresh: (id, options) => call('refresh', options, () => impl.refresh(id)),
    validate: (operation, input) =>
      pipe(
        checkInput(impl.id, impl.capabilities, operation, input),
        E.flatMap(() => impl.validate(operation, input)),
      ),
  }
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
    const retry = options.retry === undefined ? undefined : retryPolicy(options.retry)
    if (retry !== undefined && E.isLeft(retry)) problems.push(retry.left)
    const t = options.timeoutMs
    if (t !== undefined && (typeof t !== 'number' || !Number.isFinite(t) || t <= 0)) problems.push({ path: 'timeoutMs', message: 'must be a number of milliseconds > 0' })
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
export const toPromises = (provider: SubUserProvider): PromiseProvider => {
  const run = <A>(te: TE.TaskEither<SubUserError, A>): Promise<A> => te().then(throwLeft)
  return {
    id: provider.id,
    capabilities: provider.capabilities,
    create: (input, options) => run(provider.create(input, options)),
    get: (id, options) => run(provider.get(id, options)),
    update: (id, patch, options) => run(provider.update(id, patch, options)),
    delete: (id, options) => run(provider.delete(id, options)),
    list: (options) => run(provider.list(options)),
    iterate: (options) => provider.iterate(options),
    refresh: (id, options) => run(provider.refresh(id, options)),
  }
}

/**
 * A provider in Promise style, as returned by {@link toPromises}.
 * @example
 * const users: ReadonlyArray<SubUser> = await promiseProvider.list()
 */
export interface PromiseProvider {
  readonly id: ProviderId
  readonly capabilities: Capabilities
  create(input: CreateSubUser, options?: CallOptions): Promise<SubUser>
  get(id: string, options?: CallOptions): Promise<SubUser>
  update(id: string, patch: UpdateSubUser, options?: CallOptions): Promise<SubUser>
  delete(id: string, options?: CallOptions): Promise<void>
  list(options?: CallOptions): Promise<ReadonlyArray<SubUser>>
  iterate(options?: CallOptions): AsyncIterable<SubUser>
  refresh(id: string, options?: CallOptions): Promise<SubUser>
}
