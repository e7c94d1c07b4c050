/**
 * Hostile input never escapes the error channel: throwing getters and Proxies
 * in call options or inputs are read once, on entry, and anything thrown while
 * reading is a `validation` error (a Left; `toPromises` rejects). What is
 * checked is what is sent. Ids are checked first, on every operation of every
 * vendor, before any request.
 */
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { createThordataProvider } from '../providers/thordata'
import { createWebshareProvider } from '../providers/webshare'
import type { CreateSubUser } from '../src/domain'
import { SubUserError } from '../src/errors'
import { toPromises, type SubUserProvider } from '../src/provider'
import { mockedAxios } from './support/mocked-axios'

type Vendor = 'thordata' | 'webshare'
const VENDORS: ReadonlyArray<Vendor> = ['thordata', 'webshare']
const VALID_ID: Readonly<Record<Vendor, string>> = { thordata: 'alice001', webshare: '42' }

const setup = (vendor: Vendor) => {
  const { instance, mock } = mockedAxios()
  const common = { axios: instance, retry: false as const, rateLimit: false as const }
  const provider: SubUserProvider =
    vendor === 'thordata'
      ? createThordataProvider({ token: 'fake-token-01', baseURL: 'http://td.test/api', ...common })
      : createWebshareProvider({ apiKey: 'fake-api-key-01', baseURL: 'http://ws.test', ...common })
  return { mock, provider }
}

const throwing = (value: Record<string, unknown>, key: string): Record<string, unknown> =>
  Object.defineProperty({ ...value }, key, {
    enumerable: true,
    get: () => {
      throw new Error('getter exploded')
    },
  })
const exploding = new Proxy(
  {},
  {
    get: () => {
      throw new Error('trap exploded')
    },
    ownKeys: () => {
      throw new Error('trap exploded')
    },
    has: () => {
      throw new Error('trap exploded')
    },
  },
)

/** Calls a method, failing the test if it throws synchronously, and returns its Left. */
const leftOf = async (call: () => TE.TaskEither<SubUserError, unknown>): Promise<SubUserError> => {
  let task: TE.TaskEither<SubUserError, unknown>
  try {
    task = call()
  } catch (e) {
    throw new Error(`threw synchronously: ${String(e)}`)
  }
  const r = await task()
  if (E.isRight(r)) throw new Error('expected a Left')
  expect(SubUserError.is(r.left)).toBe(true)
  return r.left
}

const sentCount = (mock: ReturnType<typeof mockedAxios>['mock']) => mock.history.length

describe.each(VENDORS)('%s: hostile call options', (vendor) => {
  const id = VALID_ID[vendor]
  const calls = (p: SubUserProvider, options: unknown): ReadonlyArray<[string, () => TE.TaskEither<SubUserError, unknown>]> => [
    ['create', () => p.create({ username: 'valid001' }, options as never)],
    ['get', () => p.get(id, options as never)],
    ['update', () => p.update(id, { trafficLimitBytes: null }, options as never)],
    ['delete', () => p.delete(id, options as never)],
    ['refresh', () => p.refresh(id, options as never)],
    ['list', () => p.list(options as never)],
  ]
  const hostile: ReadonlyArray<[string, unknown]> = [
    ['a throwing getter', throwing({}, 'timeoutMs')],
    ['a throwing getter in retry', { retry: throwing({}, 'retries') }],
    ['a Proxy whose traps throw', exploding],
    ['a Proxy as retry', { retry: exploding }],
    [
      'a Proxy of an AbortSignal whose aborted throws',
      {
        signal: new Proxy(new AbortController().signal, {
          get: (target, key) => {
            if (key === 'aborted') throw new Error('trap exploded')
            return Reflect.get(target, key) as unknown
          },
        }),
      },
    ],
  ]

  it.each(hostile)('%s: every method returns a validation Left, nothing sent', async (_what, options) => {
    const { mock, provider } = setup(vendor)
    for (const [, call] of calls(provider, options)) expect(await leftOf(call)).toMatchObject({ kind: 'validation' })
    expect(sentCount(mock)).toBe(0)
  })

  it.each(hostile)('%s: toPromises rejects with a SubUserError, never throws synchronously', async (_what, options) => {
    const p = toPromises(setup(vendor).provider)
    const runs: ReadonlyArray<() => Promise<unknown>> = [() => p.get(id, options as never), () => p.list(options as never), () => p.create({ username: 'valid001' }, options as never)]
    for (const run of runs) {
      let promise: Promise<unknown> | undefined
      expect(() => {
        promise = run()
      }).not.toThrow()
      await expect(promise).rejects.toMatchObject({ name: 'SubUserError', kind: 'validation' })
    }
  })

  it('iterate with hostile options rejects with a SubUserError', async () => {
    const it = setup(vendor).provider.iterate(exploding as never)[Symbol.asyncIterator]()
    await expect(it.next()).rejects.toMatchObject({ name: 'SubUserError', kind: 'validation' })
  })

  it('an option getter is read once: the retry checked is the retry used', async () => {
    const { mock, provider } = setup(vendor)
    mock.onAny().networkError()
    let reads = 0
    const options = Object.defineProperty({}, 'retry', {
      enumerable: true,
      get: () => (reads++ === 0 ? false : { retries: Number.NaN }),
    })
    const e = await leftOf(() => provider.get(id, options))
    expect(e.kind).toBe('network')
    expect(reads).toBe(1)
    expect(sentCount(mock)).toBe(1)
  })
})

describe.each(VENDORS)('%s: hostile inputs', (vendor) => {
  it.each<[string, unknown]>([
    ['a throwing getter', throwing({ username: 'valid001' }, 'trafficLimitBytes')],
    ['a throwing getter in vendor settings', { username: 'valid001', vendor: { [vendor]: throwing({}, 'maxThreadCount') } }],
    ['a Proxy whose traps throw', exploding],
    ['a Proxy as vendor', { username: 'valid001', vendor: exploding }],
    ['a Proxy of a Date', { username: 'valid001', vendor: { webshare: { bandwidthUseStartDate: new Proxy(new Date(), {}) } } }],
    ['a cycle', (() => { const o: Record<string, unknown> = { username: 'valid001' }; o.vendor = { [vendor]: o }; return o })()],
  ])('%s in create, update and validate: a validation error, nothing sent', async (_what, input) => {
    const { mock, provider } = setup(vendor)
    expect(await leftOf(() => provider.create(input as CreateSubUser))).toMatchObject({ kind: 'validation' })
    expect(await leftOf(() => provider.update(VALID_ID[vendor], input as CreateSubUser))).toMatchObject({ kind: 'validation' })
    let checked: E.Either<SubUserError, void> | undefined
    expect(() => {
      checked = provider.validate('create', input as CreateSubUser)
    }).not.toThrow()
    expect(checked).toMatchObject({ _tag: 'Left', left: { kind: 'validation' } })
    expect(sentCount(mock)).toBe(0)
  })

  it('a getter is read once: what is checked is what is sent', async () => {
    const { mock, provider } = setup(vendor)
    mock.onAny().networkError()
    let reads = 0
    const input = Object.defineProperty({}, 'username', {
      enumerable: true,
      get: () => (reads++ === 0 ? 'valid001' : 'bad name/../'),
    })
    await leftOf(() => provider.create(input as CreateSubUser))
    expect(reads).toBe(1)
    const bodies = mock.history.filter((c) => c.method === 'post').map((c) => String(c.data))
    expect(bodies.length).toBeGreaterThan(0)
    for (const body of bodies) {
      expect(body).toContain('valid001')
      expect(body).not.toContain('bad name')
    }
  })
})

describe.each(VENDORS)('%s: ids are checked first, on every operation', (vendor) => {
  const badIds: ReadonlyArray<unknown> = [undefined, null, '', 42, {}, ['alice001'], new String(VALID_ID[vendor]), '../x', exploding]
  it.each(badIds.map((id) => [id === exploding ? 'a Proxy' : typeof id === 'object' && id !== null ? JSON.stringify(id) : String(id), id]))(
    'id %s: get, update, delete and refresh are validation errors naming id, nothing sent',
    async (_name, id) => {
      const { mock, provider } = setup(vendor)
      const calls: ReadonlyArray<() => TE.TaskEither<SubUserError, unknown>> = [
        () => provider.get(id as string),
        () => provider.update(id as string, { trafficLimitBytes: null }),
        () => provider.delete(id as string),
        () => provider.refresh(id as string),
      ]
      for (const call of calls) expect(await leftOf(call)).toMatchObject({ kind: 'validation', fields: [{ path: 'id' }] })
      expect(sentCount(mock)).toBe(0)
    },
  )

  it('update(undefined, patch) is a validation error before any request', async () => {
    const { mock, provider } = setup(vendor)
    const e = await leftOf(() => provider.update(undefined as never, { trafficLimitBytes: null }))
    expect(e).toMatchObject({ kind: 'validation', fields: [{ path: 'id' }] })
    expect(e.message).not.toContain('not_found')
    expect(sentCount(mock)).toBe(0)
  })
})

it('toPromises turns a synchronous throw of any provider into a rejection', async () => {
  const boom = new SubUserError({ kind: 'vendor', provider: 'webshare', operation: 'get', message: 'thrown' })
  const provider = { ...setup('webshare').provider, get: () => { throw boom } }
  let promise: Promise<unknown> | undefined
  expect(() => {
    promise = toPromises(provider).get('42')
  }).not.toThrow()
  await expect(promise).rejects.toBe(boom)
})
