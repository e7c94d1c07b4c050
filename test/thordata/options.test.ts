import axios from 'axios'
import MockAdapter from 'axios-mock-adapter'
import {
  THORDATA_DEFAULT_BASE_URL,
  createThordataProvider,
  thordataCapabilities,
  type ThordataOptions,
  type ThordataProxyType,
} from '../../providers/thordata'
import { SubUserError } from '../../src/errors'
import usageFixture from '../../providers/thordata/fixtures/usage-statistics.json'
import writeOk from '../../providers/thordata/fixtures/write-ok.json'
import {
  CREATE_URL, DELETE_URL, LIST_URL, TOKEN, UPDATE_URL, USAGE_URL, FORM,
  expectedGet, failure, rawUser, sent, setup, success, userListReply,
} from './support'

const answerEverything = (mock: MockAdapter) => {
  mock.onGet(LIST_URL).reply(200, userListReply([rawUser()]))
  mock.onGet(USAGE_URL).reply(200, usageFixture)
  mock.onPost(CREATE_URL).reply(200, writeOk)
  mock.onPost(UPDATE_URL).reply(200, writeOk)
  mock.onPost(DELETE_URL).reply(200, writeOk)
}

/** Runs every operation once. */
const everyOperation = async (provider: ReturnType<typeof setup>['provider']) => {
  await success(provider.create({ username: 'alice01', password: 'Pw12345a' }))
  await success(provider.get('alice01'))
  await success(provider.update('alice01', { status: 'disabled' }))
  await success(provider.delete('alice01'))
  await success(provider.list())
  return success(provider.refresh('alice01'))
}

describe('thordata proxyType', () => {
  it.each([
    [undefined, 'residential', '1'],
    ['residential', 'residential', '1'],
    ['unlimited', 'unlimited', '2'],
    ['mobile', 'mobile', '3'],
  ] as const)('proxyType %s sends proxy_type %s on every request', async (option, proxyType, code) => {
    const { mock, provider } = setup(option === undefined ? {} : { proxyType: option as ThordataProxyType })
    answerEverything(mock)
    const user = await everyOperation(provider)
    expect(user.vendor).toEqual({ provider: 'thordata', proxyType, gatewayUsername: 'td-customer-alice01' })
    const requests = sent(mock)
    expect(requests).toHaveLength(10)
    for (const r of requests) {
      const proxyTypeSent = r.method === 'GET' ? (r.params as Record<string, string>)['proxy_type'] : new URLSearchParams(String(r.body)).get('proxy_type')
      expect(proxyTypeSent).toBe(code)
    }
  })
})

describe('thordata credentials', () => {
  it('sends token and key in the query on GET and in headers on POST, never the other way round', async () => {
    const { mock, provider } = setup()
    answerEverything(mock)
    await everyOperation(provider)
    for (const r of sent(mock)) {
      if (r.method === 'GET') {
        expect(r).toMatchObject({ token: undefined, key: undefined, body: undefined })
        expect(r.params).toMatchObject({ token: TOKEN, key: 'fake-key-0002' })
      } else {
        expect(r).toMatchObject({ token: TOKEN, key: 'fake-key-0002', params: undefined, contentType: FORM })
        expect(String(r.body)).not.toMatch(/token|key/)
      }
    }
  })

  it.each([[undefined], ['']])('omits the key everywhere when it is %j', async (key) => {
    const { mock, provider } = setup(key === undefined ? { key: undefined } : { key })
    answerEverything(mock)
    await everyOperation(provider)
    const requests = sent(mock)
    expect(requests[1]).toEqual({ ...expectedGet(LIST_URL), params: { token: TOKEN, proxy_type: '1' } })
    for (const r of requests) {
      expect(r.key).toBeUndefined()
      expect(Object.keys((r.params ?? {}) as object)).not.toContain('key')
    }
    expect(requests[0]).toMatchObject({ method: 'POST', token: TOKEN })
  })

  it('uses the default base URL when none is given', async () => {
    const instance = axios.create()
    const mock = new MockAdapter(instance, { onNoMatch: 'throwException' })
    mock.onGet('https://openapi.thordata.com/api/proxy-users/user-list').reply(200, userListReply([]))
    const provider = createThordataProvider({ token: TOKEN, axios: instance })
    expect(await success(provider.list())).toEqual([])
    expect(THORDATA_DEFAULT_BASE_URL).toBe('https://openapi.thordata.com/api')
    expect(mock.history[0]?.params).toEqual({ token: TOKEN, proxy_type: '1' })
  })

  it('accepts a base URL with a trailing slash', async () => {
    const { mock, provider } = setup({ baseURL: 'http://thordata.invalid/api/' })
    mock.onGet(LIST_URL).reply(200, userListReply([]))
    expect(await success(provider.list())).toEqual([])
  })
})

describe('createThordataProvider options', () => {
  it.each([
    ['a missing token', { token: undefined }, 'token', 'is required'],
    ['an empty token', { token: '' }, 'token', 'is required'],
    ['an unknown proxyType', { token: TOKEN, proxyType: 'datacenter' }, 'proxyType', "must be 'residential', 'unlimited' or 'mobile'"],
    ['an inherited proxyType name', { token: TOKEN, proxyType: 'toString' }, 'proxyType', "must be 'residential', 'unlimited' or 'mobile'"],
  ])('throws a validation SubUserError (operation list) for %s', (_what, options, path, message) => {
    let thrown: unknown
    try {
      createThordataProvider(options as unknown as ThordataOptions)
    } catch (e) {
      thrown = e
    }
    expect(SubUserError.is(thrown)).toBe(true)
    expect(thrown).toMatchObject({ kind: 'validation', provider: 'thordata', operation: 'list', fields: [{ path, message }] })
  })

  it('exposes its capabilities before any call', () => {
    const { mock, provider } = setup()
    expect(provider.id).toBe('thordata')
    expect(provider.capabilities).toBe(thordataCapabilities)
    expect(thordataCapabilities).toEqual({
      create: ['username', 'password', 'status', 'trafficLimitBytes'],
      update: ['username', 'password', 'status', 'trafficLimitBytes'],
      statuses: ['active', 'disabled'],
      readsPassword: true,
      refresh: 'reread',
      listing: 'single-response',
      trafficLimit: { stepBytes: 1_048_576, minBytes: 104_857_600 },
      settings: [],
      access: {
        protocols: ['http', 'https', 'socks5'],
        defaultProtocols: ['http', 'https'],
        country: true,
        session: { idLength: { min: 1, max: 64 }, minutes: { min: 1, max: 90 } },
        revealsPassword: true,
      },
      usage: { historyDays: null, windowDays: 180 },
    })
    expect(mock.history).toEqual([])
  })

  it('passes the timeout option to every request', async () => {
    const { mock, provider } = setup({ timeoutMs: 4321 })
    mock.onGet(LIST_URL).reply(200, userListReply([]))
    await success(provider.list())
    expect(mock.history[0]?.timeout).toBe(4321)
  })

  it('reports an unmocked request as a network error (the mock throws on no match)', async () => {
    const { provider } = setup()
    expect(await failure(provider.list())).toMatchObject({ kind: 'network', operation: 'list' })
  })
})
