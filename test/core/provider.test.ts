import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import type { Capabilities } from '../../src/capabilities'
import type { WebshareSubUserOf } from '../../providers/webshare/domain'
import { SubUserError } from '../../src/errors'
import { DEFAULT_MAX_LIST_PAGES } from '../../src/listing'
import { defineProvider, toPromises, type Page, type ProviderImplementation } from '../../src/provider'
import { LISTING_ATTEMPTS } from '../../src/listing'
import { MIB } from '../../src/units'

const caps: Capabilities = {
  create: ['username', 'trafficLimitBytes'], update: ['trafficLimitBytes'], statuses: ['active'], readsPassword: false,
  refresh: 'reread', listing: 'paged', trafficLimit: { stepBytes: MIB, minBytes: MIB }, settings: [],
}
const user = (id: string): WebshareSubUserOf => ({
  provider: 'webshare', id, username: `u${id}`, status: 'active', trafficLimitBytes: null, trafficUsedBytes: null,
  createdAt: null, password: null,
  vendor: { provider: 'webshare', numericId: Number(id), maxThreadCount: null, proxyCountries: null, bandwidthUseStartDate: null, bandwidthUseEndDate: null, updatedAt: null, stats: { requestsTotal: null, requestsSuccessful: null, requestsFailed: null, bandwidthProjectedBytes: null, numberOfProxiesUsed: null, lastRequestSentAt: null } },
})
const boom = new SubUserError({ kind: 'vendor', provider: 'webshare', operation: 'list', message: 'page 3 failed' })

const build = (pages: ReadonlyArray<ReadonlyArray<string>>, fetched: number[], failAt?: number) => {
  const page = (i: number): TE.TaskEither<SubUserError, Page> => () => {
    fetched.push(i)
    if (i === failAt) return Promise.resolve(E.left(boom))
    return Promise.resolve(E.right({ items: (pages[i] ?? []).map(user), ...(i + 1 < pages.length ? { next: () => page(i + 1) } : {}) }))
  }
  const impl: ProviderImplementation = {
    id: 'webshare', capabilities: caps,
    checkId: (operation, id) => (typeof id === 'string' && /^\d+$/.test(id) ? E.right(id) : E.left(new SubUserError({ kind: 'validation', provider: 'webshare', operation, message: 'bad id' }))),
    create: (input) => TE.right({ ...user('1'), username: input.username }),
    get: (id) => (id === '404' ? TE.left(new SubUserError({ kind: 'not_found', provider: 'webshare', operation: 'get', message: 'gone' })) : TE.right(user(id))),
    update: (id) => TE.right(user(id)),
    delete: () => TE.right(undefined),
    firstPage: () => page(0),
    refresh: (id) => TE.right(user(id)),
    validate: (operation, input) => (input.username === 'bad' ? E.left(new SubUserError({ kind: 'validation', provider: 'webshare', operation, message: 'bad name' })) : E.right(undefined)),
  }
  return defineProvider(impl)
}

describe('defineProvider', () => {
  it('lists every page once, de-duplicating ids that moved between pages', async () => {
    const fetched: number[] = []
    const r = await build([['1', '2'], ['2', '3'], ['4']], fetched).list()()
    expect(E.isRight(r) && r.right.map((u) => u.id)).toEqual(['1', '2', '3', '4'])
    expect(fetched).toEqual([0, 1, 2])
  })

  it('iterates lazily, one page at a time, and throws the SubUserError of a failing page', async () => {
    const fetched: number[] = []
    const it = build([['1'], ['2'], ['3'], ['4']], fetched, 2).iterate()[Symbol.asyncIterator]()
    expect((await it.next()).value.id).toBe('1')
    expect(fetched).toEqual([0])
    expect((await it.next()).value.id).toBe('2')
    expect(fetched).toEqual([0, 1])
    await expect(it.next()).rejects.toBe(boom)
  })

  it('iterate reads its call options once, whatever the number of pages', async () => {
    let reads = 0
    const options = Object.defineProperty({}, 'timeoutMs', { enumerable: true, get: () => (reads++, 1_000) })
    const ids: string[] = []
    for await (const u of build([['1'], ['2'], ['3']], []).iterate(options)) ids.push(u.id)
    expect(ids).toEqual(['1', '2', '3'])
    expect(reads).toBe(1)
  })

  it('turns anything an adapter throws into a Left, without repeating the exception text', async () => {
    const impl: ProviderImplementation = {
      id: 'webshare', capabilities: caps,
      checkId: (_operation, id) => E.right(String(id)),
      create: () => TE.right(user('1')), update: () => TE.right(user('1')), refresh: () => TE.right(user('1')),
      firstPage: () => TE.right({ items: [] }),
      validate: () => E.right(undefined),
      get: () => () => Promise.reject(new TypeError('secret-ish detail')),
      delete: () => {
        throw boom
      },
    }
    const throwing = defineProvider(impl)
    const r = await throwing.get('1')()
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'vendor', message: 'webshare get: the adapter failed unexpectedly (TypeError)' } })
    expect(await throwing.delete('1')()).toEqual(E.left(boom))
  })

  it('fails list with the failing page error', async () => {
    expect(await build([['1'], ['2'], ['3']], [], 2).list()()).toEqual(E.left(boom))
  })

  it('checks input against capabilities before calling the adapter', async () => {
    const r = await build([[]], []).update('1', { username: 'x' })()
    expect(E.isLeft(r) && r.left).toMatchObject({ kind: 'unsupported', fields: [{ path: 'username' }] })
  })

  it('validates with the capability checks first, then those of the adapter', () => {
    const p = build([[]], [])
    expect(p.validate('update', { username: 'bad' })).toEqual(E.left(expect.objectContaining({ kind: 'unsupported' })))
    expect(p.validate('create', { username: 'bad' })).toEqual(E.left(expect.objectContaining({ kind: 'validation', message: 'bad name' })))
    expect(p.validate('create', { username: 'good' })).toEqual(E.right(undefined))
  })
})

describe('listings are bounded (list and iterate alike)', () => {
  /** A listing whose page i (from 0) holds `ids(i)`, says `count`, and always has a next page until `last`. */
  const listing = (ids: (i: number) => ReadonlyArray<string>, options: { count?: number; last?: number; maxListPages?: number } = {}) => {
    const fetched: number[] = []
    const page = (i: number): TE.TaskEither<SubUserError, Page> => () => {
      fetched.push(i)
      const more = options.last === undefined || i < options.last
      return Promise.resolve(E.right({ items: ids(i).map(user), ...(options.count === undefined ? {} : { count: options.count }), ...(more ? { next: () => page(i + 1) } : {}) }))
    }
    const provider = defineProvider({
      id: 'webshare', capabilities: caps,
      create: () => TE.left(boom), get: () => TE.left(boom), update: () => TE.left(boom), delete: () => TE.left(boom), refresh: () => TE.left(boom),
      checkId: (_operation, id) => E.right(String(id)),
      firstPage: () => page(0),
      validate: () => E.right(undefined),
      ...(options.maxListPages === undefined ? {} : { maxListPages: options.maxListPages }),
    })
    return { provider, fetched }
  }
  const listError = async (provider: ReturnType<typeof listing>['provider']) => {
    const r = await provider.list()()
    if (E.isRight(r)) throw new Error('expected a failure')
    return r.left
  }
  const iterateError = async (provider: ReturnType<typeof listing>['provider']) => {
    const seen: string[] = []
    try {
      for await (const u of provider.iterate()) seen.push(u.id)
    } catch (e) {
      return { seen, error: e as SubUserError }
    }
    throw new Error('expected a failure')
  }

  it('stops a listing whose next page never ends after maxListPages pages', async () => {
    const { provider, fetched } = listing((i) => [String(i)], { maxListPages: 5 })
    expect(await listError(provider)).toMatchObject({ kind: 'vendor', operation: 'list', retryable: false, message: expect.stringContaining('maxListPages (5)') })
    expect(fetched).toEqual([0, 1, 2, 3, 4])
    const streamed = await iterateError(listing((i) => [String(i)], { maxListPages: 5 }).provider)
    // The fifth page is within the bound and is yielded; going on past it is the error.
    expect(streamed.seen).toEqual(['0', '1', '2', '3', '4'])
    expect(streamed.error).toMatchObject({ kind: 'vendor', message: expect.stringContaining('maxListPages') })
  })

  it(`stops after ${DEFAULT_MAX_LIST_PAGES} pages by default`, async () => {
    const { provider, fetched } = listing((i) => [String(i)])
    expect(await listError(provider)).toMatchObject({ kind: 'vendor', message: expect.stringContaining(`maxListPages (${DEFAULT_MAX_LIST_PAGES})`) })
    expect(fetched).toHaveLength(DEFAULT_MAX_LIST_PAGES)
  })

  it('stops a listing that goes past the count the vendor gave', async () => {
    const { provider, fetched } = listing((i) => [`${i}a`, `${i}b`], { count: 3 })
    expect(await listError(provider)).toMatchObject({ kind: 'vendor', message: expect.stringContaining('past the 3 sub-users the vendor said it holds') })
    // Read again from the first page, LISTING_ATTEMPTS times in all (pages may have shifted).
    expect(fetched).toEqual(Array.from({ length: LISTING_ATTEMPTS }, () => [0, 1]).flat())
    const streamed = await iterateError(listing((i) => [`${i}a`, `${i}b`], { count: 3 }).provider)
    expect(streamed.seen).toEqual(['0a', '0b', '1a'])
  })

  it('reads a listing again when pages shifted under it (short of its count), and returns the whole one', async () => {
    // The first reading misses a sub-user (a delete elsewhere moved it to an earlier page); the second sees it.
    let readings = 0
    const second = (): TE.TaskEither<SubUserError, Page> => () => Promise.resolve(E.right({ items: (readings === 1 ? [] : ['c']).map(user), count: 3 }))
    const provider = defineProvider({
      id: 'webshare', capabilities: caps,
      create: () => TE.left(boom), get: () => TE.left(boom), update: () => TE.left(boom), delete: () => TE.left(boom), refresh: () => TE.left(boom),
      checkId: (_operation, id) => E.right(String(id)),
      firstPage: () => () => {
        readings++
        return Promise.resolve(E.right({ items: ['a', 'b'].map(user), count: 3, next: second }))
      },
      validate: () => E.right(undefined),
    })
    expect(await provider.list()()).toEqual(E.right([user('a'), user('b'), user('c')]))
    expect(readings).toBe(2)
  })

  it('stops a listing whose next page brings no new id (a varying link over the same ids)', async () => {
    const { provider, fetched } = listing(() => ['1', '2'])
    expect(await listError(provider)).toMatchObject({ kind: 'vendor', message: expect.stringContaining('page 2 holds no sub-user not already listed') })
    expect(fetched).toEqual(Array.from({ length: LISTING_ATTEMPTS }, () => [0, 1]).flat())
    expect((await iterateError(listing(() => ['1', '2']).provider)).seen).toEqual(['1', '2'])
  })

  it('fails a listing that ends short of its count, instead of returning it as complete', async () => {
    const { provider } = listing((i) => [String(i)], { count: 5, last: 2 })
    expect(await listError(provider)).toMatchObject({ kind: 'vendor', message: expect.stringContaining('ended with 3 sub-users, short of the 5') })
    expect((await iterateError(listing((i) => [String(i)], { count: 5, last: 2 }).provider)).error).toMatchObject({ kind: 'vendor' })
  })

  it('returns a listing that matches its count, and one without a count', async () => {
    const counted = await listing((i) => [String(i), '0'], { count: 3, last: 2 }).provider.list()()
    expect(E.isRight(counted) && counted.right.map((u) => u.id)).toEqual(['0', '1', '2'])
    const uncounted = await listing((i) => [String(i)], { last: 1 }).provider.list()()
    expect(E.isRight(uncounted) && uncounted.right.map((u) => u.id)).toEqual(['0', '1'])
  })
})

describe('toPromises', () => {
  it('resolves values and rejects with the SubUserError', async () => {
    const p = toPromises(build([['1']], []))
    expect(p.id).toBe('webshare')
    expect((await p.create({ username: 'team' })).username).toBe('team')
    expect((await p.list()).map((u) => u.id)).toEqual(['1'])
    await expect(p.get('404')).rejects.toMatchObject({ kind: 'not_found' })
    const rejected = await p.update('1', { password: 'Abcdef12' }).catch((e: unknown) => e)
    expect(SubUserError.is(rejected) && rejected.kind).toBe('unsupported')
  })
})
