/**
 * A page whose items arrive as the reply does (`streamFirstPage`): `iterate` reads it, `list`
 * keeps `firstPage`, and the listing's checks hold on it as on any page.
 */
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import type { Capabilities } from '../../src/capabilities'
import type { WebshareSubUserOf } from '../../providers/webshare/domain'
import { SubUserError } from '../../src/errors'
import { defineProvider, type Page, type ProviderImplementation } from '../../src/provider'
import { MIB } from '../../src/units'

const SECRET = 'secret-api-key-77'
const caps: Capabilities = {
  create: ['username'], update: [], statuses: ['active'], readsPassword: false,
  refresh: 'reread', listing: 'single-response', trafficLimit: { stepBytes: MIB, minBytes: MIB }, settings: [],
}
const user = (id: string): WebshareSubUserOf => ({
  provider: 'webshare', id, username: `u${id}`, status: 'active', trafficLimitBytes: null, trafficUsedBytes: null,
  createdAt: null, password: null,
  vendor: { provider: 'webshare', numericId: Number(id), maxThreadCount: null, proxyCountries: null, bandwidthUseStartDate: null, bandwidthUseEndDate: null, updatedAt: null, stats: { requestsTotal: null, requestsSuccessful: null, requestsFailed: null, bandwidthProjectedBytes: null, numberOfProxiesUsed: null, lastRequestSentAt: null } },
})

/** A provider whose firstPage holds `ids` and whose streamed page hands them over one at a time, then maybe fails. */
const build = (ids: ReadonlyArray<string>, options: { readonly count?: number; readonly failAfter?: SubUserError; readonly streamedList?: boolean } = {}) => {
  const pulled: string[] = []
  async function* streamed(): AsyncGenerator<WebshareSubUserOf, void, undefined> {
    for (const id of ids) {
      pulled.push(id)
      yield user(id)
    }
    if (options.failAfter !== undefined) throw options.failAfter
  }
  const calls = { firstPage: 0, streamFirstPage: 0 }
  const count = options.count === undefined ? {} : { count: options.count }
  const impl: ProviderImplementation = {
    id: 'webshare', capabilities: caps, secrets: [SECRET],
    checkId: (_operation, id) => E.right(String(id)),
    create: (input) => TE.right({ ...user('1'), username: input.username }),
    get: (id) => TE.right(user(id)),
    update: (id) => TE.right(user(id)),
    delete: () => TE.right(undefined),
    refresh: (id) => TE.right(user(id)),
    validate: () => E.right(undefined),
    firstPage: (): TE.TaskEither<SubUserError, Page> => {
      calls.firstPage++
      return TE.right({ items: options.streamedList === true ? streamed() : ids.map(user), ...count })
    },
    streamFirstPage: (): TE.TaskEither<SubUserError, Page> => {
      calls.streamFirstPage++
      return TE.right({ items: streamed(), ...count })
    },
  }
  return { provider: defineProvider(impl), pulled, calls }
}

describe('a streamed first page', () => {
  it('is what iterate reads, one sub-user at a time as the consumer asks; list reads firstPage', async () => {
    const { provider, pulled, calls } = build(['1', '2', '3'])
    const it = provider.iterate()[Symbol.asyncIterator]()
    expect((await it.next()).value.id).toBe('1')
    expect(pulled).toEqual(['1'])
    expect((await it.next()).value.id).toBe('2')
    expect(pulled).toEqual(['1', '2'])
    await it.return?.()
    expect(calls).toEqual({ firstPage: 0, streamFirstPage: 1 })
    const all = await provider.list()()
    expect(E.isRight(all) && all.right.map((u) => u.id)).toEqual(['1', '2', '3'])
    expect(calls).toEqual({ firstPage: 1, streamFirstPage: 1 })
  })

  it('keeps each id once and holds the listing to the count, as any page', async () => {
    const ids: string[] = []
    for await (const u of build(['1', '2', '1', '3']).provider.iterate()) ids.push(u.id)
    expect(ids).toEqual(['1', '2', '3'])
    const seen: string[] = []
    await expect(
      (async () => {
        for await (const u of build(['1', '2', '3'], { count: 2 }).provider.iterate()) seen.push(u.id)
      })(),
    ).rejects.toMatchObject({ kind: 'vendor', message: 'webshare list: incomplete listing: page 1 brings the listing past the 2 sub-users the vendor said it holds' })
    expect(seen).toEqual(['1', '2'])
  })

  it('is collected by list too when an adapter gives firstPage streamed items: each id once, under the count, its error a Left', async () => {
    const all = await build(['1', '2', '1', '3'], { streamedList: true }).provider.list()()
    expect(E.isRight(all) && all.right.map((u) => u.id)).toEqual(['1', '2', '3'])
    const over = await build(['1', '2', '3'], { count: 2, streamedList: true }).provider.list()()
    expect(E.isLeft(over) && over.left).toMatchObject({ kind: 'vendor', message: expect.stringContaining('page 1 brings the listing past the 2 sub-users') })
    const failAfter = new SubUserError({ kind: 'network', provider: 'webshare', operation: 'list', message: `webshare list: reset while reading (key ${SECRET})` })
    const failed = await build(['1', '2'], { failAfter, streamedList: true }).provider.list()()
    expect(E.isLeft(failed) && failed.left).toMatchObject({ kind: 'network', message: 'webshare list: reset while reading (key [REDACTED])' })
  })

  it('throws the error its items end with, redacted of the provider secrets, after the sub-users before it', async () => {
    const failAfter = new SubUserError({ kind: 'network', provider: 'webshare', operation: 'list', message: `webshare list: reset while reading (key ${SECRET})` })
    const seen: string[] = []
    let error: unknown
    try {
      for await (const u of build(['1', '2'], { failAfter }).provider.iterate()) seen.push(u.id)
    } catch (e) {
      error = e
    }
    expect(seen).toEqual(['1', '2'])
    expect(error).toMatchObject({ kind: 'network', message: 'webshare list: reset while reading (key [REDACTED])' })
  })
})
