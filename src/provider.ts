/**
 * The provider interface and the assembly every adapter goes through: input
 * checks against capabilities before any request, and list/iterate derived
 * from the adapter's pages so both vendors page, de-duplicate and stream alike.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { checkInput, type Capabilities } from './capabilities'
import type { CreateSubUser, ProviderId, SubUser, UpdateSubUser } from './domain'
import { SubUserError } from './errors'

/**
 * The single-sub-user operations, the same for an adapter and for the provider it makes.
 * @example
 * const ops: SubUserOperations = provider
 */
export interface SubUserOperations {
  readonly id: ProviderId
  readonly capabilities: Capabilities
  create(input: CreateSubUser): TE.TaskEither<SubUserError, SubUser>
  get(id: string): TE.TaskEither<SubUserError, SubUser>
  update(id: string, patch: UpdateSubUser): TE.TaskEither<SubUserError, SubUser>
  delete(id: string): TE.TaskEither<SubUserError, void>
  refresh(id: string): TE.TaskEither<SubUserError, SubUser>
}

/**
 * One vendor's sub-users behind the neutral interface.
 * @example
 * const p: SubUserProvider = createWebshareProvider({ apiKey })
 * const users = await p.list()()
 */
export interface SubUserProvider extends SubUserOperations {
  /** Every page, never truncated; de-duplicated by id. */
  list(): TE.TaskEither<SubUserError, ReadonlyArray<SubUser>>
  /** Page by page, holding one page at a time; throws a SubUserError. */
  iterate(): AsyncIterable<SubUser>
}

/**
 * One page of sub-users and, if there is one, how to get the next.
 * @example
 * const last: Page = { items: users }
 */
export interface Page {
  readonly items: ReadonlyArray<SubUser>
  readonly next?: () => TE.TaskEither<SubUserError, Page>
}

/**
 * What an adapter implements; {@link defineProvider} adds the rest.
 * `create` and `update` receive input already checked against `capabilities`.
 * @example
 * export const createFooProvider = (o: FooOptions) => defineProvider({ id: 'thordata', capabilities, create, get, update, delete: del, firstPage, refresh })
 */
export interface ProviderImplementation extends SubUserOperations {
  firstPage(): TE.TaskEither<SubUserError, Page>
}

/**
 * Builds a {@link SubUserProvider} from an adapter's operations.
 * @example
 * const provider = defineProvider(implementation)
 */
export const defineProvider = (impl: ProviderImplementation): SubUserProvider => {
  const pages = async function* (): AsyncGenerator<Page> {
    let step: (() => TE.TaskEither<SubUserError, Page>) | undefined = impl.firstPage
    while (step !== undefined) {
      const page: Page = throwLeft(await step()())
      yield page
      step = page.next
    }
  }
  return {
    id: impl.id,
    capabilities: impl.capabilities,
    create: (input) =>
      pipe(
        TE.fromEither(checkInput(impl.id, impl.capabilities, 'create', input)),
        TE.flatMap(() => impl.create(input)),
      ),
    get: (id) => impl.get(id),
    update: (id, patch) =>
      pipe(
        TE.fromEither(checkInput(impl.id, impl.capabilities, 'update', patch)),
        TE.flatMap(() => impl.update(id, patch)),
      ),
    delete: (id) => impl.delete(id),
    list: () => collectPages(impl.firstPage),
    iterate: () => ({
      [Symbol.asyncIterator]: async function* () {
        for await (const page of pages()) yield* page.items
      },
    }),
    refresh: (id) => impl.refresh(id),
  }
}

const throwLeft = <A>(e: E.Either<SubUserError, A>): A => {
  if (E.isLeft(e)) throw e.left
  return e.right
}

/**
 * Every sub-user of a listing, following `next` to the end. Pages can shift
 * under concurrent writes, so the first sighting of each id is kept.
 * @example
 * const all = await collectPages(() => firstPage())()
 */
export const collectPages =
  (first: () => TE.TaskEither<SubUserError, Page>): TE.TaskEither<SubUserError, ReadonlyArray<SubUser>> =>
  async () => {
    const byId = new Map<string, SubUser>()
    for (let step: (() => TE.TaskEither<SubUserError, Page>) | undefined = first; step !== undefined; ) {
      const page = await step()()
      if (E.isLeft(page)) return page
      for (const u of page.right.items) if (!byId.has(u.id)) byId.set(u.id, u)
      step = page.right.next
    }
    return E.right([...byId.values()])
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
    create: (input) => run(provider.create(input)),
    get: (id) => run(provider.get(id)),
    update: (id, patch) => run(provider.update(id, patch)),
    delete: (id) => run(provider.delete(id)),
    list: () => run(provider.list()),
    iterate: () => provider.iterate(),
    refresh: (id) => run(provider.refresh(id)),
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
  create(input: CreateSubUser): Promise<SubUser>
  get(id: string): Promise<SubUser>
  update(id: string, patch: UpdateSubUser): Promise<SubUser>
  delete(id: string): Promise<void>
  list(): Promise<ReadonlyArray<SubUser>>
  iterate(): AsyncIterable<SubUser>
  refresh(id: string): Promise<SubUser>
}
