/**
 * Walking a vendor's pages, the one way `list`, `iterate` and every read-back
 * do it: each id is kept once (pages shift under concurrent writes), and a
 * listing that cannot be complete and true stops with a `vendor` error. A
 * listing is refused when it
 * - goes past the number of sub-users the vendor said it holds (`count`),
 * - ends short of that number,
 * - has a page with a next page but no sub-user not already listed (a vendor
 *   that varies the link but serves the same ids would never end), or
 * - runs past `maxListPages` pages.
 * An adapter marks what else means "the pages shifted" with {@link listingShifted}.
 */
import * as E from 'fp-ts/Either'
import type * as TE from './task-either'
import type { Operation, ProviderId, SubUser } from './domain'
import { SubUserError, validationError } from './errors'
import type { Page } from './provider'

/** Default most pages one listing may take (a million sub-users at Webshare's 100 a page). @example DEFAULT_MAX_LIST_PAGES === 10_000 */
export const DEFAULT_MAX_LIST_PAGES = 10_000

/**
 * The option every provider takes to bound its listings.
 * @example
 * createWebshareProvider({ apiKey, maxListPages: 500 })
 */
export interface ListingOptions {
  /** Most pages one listing may take, a whole number ≥ 1 (default {@link DEFAULT_MAX_LIST_PAGES}); past it the listing fails as `vendor`. */
  readonly maxListPages?: number
}

/**
 * The bounds and names one listing runs under.
 * @example
 * const bounds: ListingBounds = { provider: 'webshare', operation: 'list', maxPages: 10_000 }
 */
export interface ListingBounds {
  readonly provider: ProviderId
  /** The operation the listing serves (`list`, or a write that reads back). */
  readonly operation: Operation
  readonly maxPages: number
}

/**
 * The `maxListPages` option checked (a whole number ≥ 1) or its default;
 * throws a `validation` SubUserError (operation `list`), as at construction.
 * @example
 * maxListPages('webshare', { maxListPages: 50 }) // 50
 */
export const maxListPages = (provider: ProviderId, options: ListingOptions): number => {
  const max = options.maxListPages ?? DEFAULT_MAX_LIST_PAGES
  if (!Number.isSafeInteger(max) || max < 1) throw validationError(provider, 'list', [{ path: 'maxListPages', message: 'must be a whole number of at least 1' }])
  return max
}

type PageStep<S extends SubUser> = () => TE.TaskEither<SubUserError, Page<S>>
type PageFetch<S extends SubUser> = (step: PageStep<S>) => Promise<E.Either<SubUserError, Page<S>>>

const runStep = <S extends SubUser>(step: PageStep<S>) => step()()

/** One page of a listing: its items, and the check that keeps a sub-user only when new to the listing. */
interface ListedPage<S> {
  readonly items: Iterable<S> | AsyncIterable<S>
  readonly admit: (u: S) => boolean
}

/**
 * The pages of a listing, in order, each with the check that admits its sub-users; a page is
 * consumed before the next is read (the checks that close a page run then). A caller that
 * collects sync items loops over them itself: one promise a page, not one a user.
 */
async function* listedPages<S extends SubUser>(bounds: ListingBounds, first: PageStep<S>, fetch: PageFetch<S>): AsyncGenerator<ListedPage<S>, void> {
  const seen = new Set<string>()
  let count: number | undefined
  for (let step: PageStep<S> | undefined = first, pages = 1; step !== undefined; pages++) {
    const page = await fetch(step)
    if (E.isLeft(page)) throw page.left
    count = page.right.count ?? count
    let fresh = 0
    // Whether a sub-user is new to the listing (each id is kept once), under the vendor's count.
    const admit = (u: S): boolean => {
      const before = seen.size
      seen.add(u.id)
      if (seen.size === before) return false
      fresh++
      if (count !== undefined && seen.size > count) throw broken(bounds, `page ${pages} brings the listing past the ${count} sub-users the vendor said it holds`)
      return true
    }
    yield { items: page.right.items, admit }
    step = page.right.next
    if (step !== undefined && fresh === 0) throw broken(bounds, `page ${pages} holds no sub-user not already listed, yet points to a next page`)
    if (step !== undefined && pages >= bounds.maxPages) throw broken(bounds, `the listing goes on past maxListPages (${bounds.maxPages}) pages`, false)
    if (step === undefined && count !== undefined && seen.size < count) throw broken(bounds, `the listing ended with ${seen.size} sub-users, short of the ${count} the vendor said it holds`)
  }
}

const isAsync = <S>(items: Iterable<S> | AsyncIterable<S>): items is AsyncIterable<S> => Symbol.asyncIterator in items

/**
 * The sub-users of a listing, one at a time as each page is read (a page's
 * items may be mapped lazily, or arrive as the body does: no more than one is held here), each id once;
 * throws a SubUserError (the page's own, or a `vendor` one for a listing that
 * cannot be complete). `fetch` runs one page step (where call options are put
 * in effect).
 * @example
 * for await (const user of walkPages(bounds, firstPage)) console.log(user.id)
 */
export async function* walkPages<S extends SubUser>(
  bounds: ListingBounds,
  first: () => TE.TaskEither<SubUserError, Page<S>>,
  fetch: (step: () => TE.TaskEither<SubUserError, Page<S>>) => Promise<E.Either<SubUserError, Page<S>>> = runStep,
): AsyncGenerator<S, void> {
  for await (const { items, admit } of listedPages(bounds, first, fetch)) {
    if (isAsync(items)) {
      for await (const u of items) if (admit(u)) yield u
    } else {
      for (const u of items) if (admit(u)) yield u
    }
  }
}

/**
 * How many times {@link collectPages} reads a listing that came out incomplete (past or short of
 * the vendor's count, or a page with nothing new): pages shift under concurrent creates and
 * deletes, so a second reading usually comes out whole. A listing that runs past
 * `maxListPages` is not read again.
 * @example
 * LISTING_ATTEMPTS // 3
 */
export const LISTING_ATTEMPTS = 3

/**
 * Every sub-user of a listing, following `next` to the end, each id once (its
 * first sighting), under the checks of {@link walkPages}; an incomplete listing is read again
 * from its first page, up to {@link LISTING_ATTEMPTS} times in all. A page's users are taken
 * synchronously (one promise a page, not one a user).
 * @example
 * const all = await collectPages(() => firstPage(), { provider: 'webshare', operation: 'list', maxPages: 10_000 })()
 */
export const collectPages =
  <S extends SubUser>(first: () => TE.TaskEither<SubUserError, Page<S>>, bounds: ListingBounds): TE.TaskEither<SubUserError, ReadonlyArray<S>> =>
  async () => {
    for (let attempt = 1; ; attempt++) {
      const all: S[] = []
      try {
        for await (const { items, admit } of listedPages(bounds, first, runStep)) {
          if (isAsync(items)) {
            for await (const u of items) if (admit(u)) all.push(u)
          } else {
            for (const u of items) if (admit(u)) all.push(u)
          }
        }
        return E.right(all)
      } catch (e) {
        if (!SubUserError.is(e)) throw e
        if (!shifted.has(e) || attempt >= LISTING_ATTEMPTS) return E.left(e)
      }
    }
  }

/** Incomplete-listing errors that another reading may not repeat (pages that shifted). */
const shifted = new WeakSet<SubUserError>()

/**
 * The error of a listing that changed under it in a way only the vendor's reply shows (a next
 * page that no longer exists because sub-users were deleted since the first page was read):
 * `vendor`, and, like the listing's own incomplete-listing errors, read again from the first
 * page by {@link collectPages}. `iterate` hands it to its consumer.
 * @example
 * listingShifted('webshare', 'list', 'the next page no longer exists (HTTP 404)')
 */
export const listingShifted = (provider: ProviderId, operation: Operation, why: string): SubUserError => broken({ provider, operation }, why)

const broken = (bounds: Pick<ListingBounds, 'provider' | 'operation'>, why: string, mayShift = true): SubUserError => {
  const e = new SubUserError({ kind: 'vendor', provider: bounds.provider, operation: bounds.operation, retryable: false, message: `${bounds.provider} ${bounds.operation}: incomplete listing: ${why}` })
  if (mayShift) shifted.add(e)
  return e
}
