import subUserFixture from '../../providers/webshare/fixtures/subuser.json'
import minimalFixture from '../../providers/webshare/fixtures/subuser-minimal.json'
import { WEBSHARE_DEFAULT_BASE_URL, createWebshareProvider, webshareCapabilities } from '../../providers/webshare'
import type { WebshareSubUserOf } from '../../providers/webshare/domain'
import { SubUserError } from '../../src/errors'
import { GIB, MIB, gib, mib } from '../../src/units'
import {
  API_KEY, AUTH, BASE, LIST_URL, everything, expectedRead, expectedWrite, failure, itemUrl, mappedSubUser, rawSubUser, sent, setup, success,
} from './support'

/** subuser.json, mapped field by field. */
const CUSTOMER7: WebshareSubUserOf = {
  provider: 'webshare',
  id: '42',
  username: 'customer7',
  status: 'active',
  trafficLimitBytes: 2_684_354_560,
  trafficUsedBytes: 73_400_320,
  createdAt: new Date('2025-04-01T17:00:00.123Z'),
  password: null,
  vendor: {
    provider: 'webshare',
    numericId: 42,
    maxThreadCount: 100,
    proxyCountries: { US: 20, ZZ: 5 },
    bandwidthUseStartDate: new Date('2025-04-01T17:00:00.123Z'),
    bandwidthUseEndDate: new Date('2025-05-01T17:00:00.123Z'),
    updatedAt: new Date('2025-04-02T15:30:00.654Z'),
    stats: {
      requestsTotal: 17920,
      requestsSuccessful: 17900,
      requestsFailed: 20,
      bandwidthProjectedBytes: 146_800_640,
      numberOfProxiesUsed: 25,
      lastRequestSentAt: new Date('2025-04-02T15:29:59.000Z'),
    },
  },
}

/** subuser-minimal.json, mapped. */
const TEAM_A = mappedSubUser({
  vendor: { stats: { requestsTotal: 0, requestsSuccessful: null, requestsFailed: null, bandwidthProjectedBytes: null, numberOfProxiesUsed: null, lastRequestSentAt: null } },
})

describe('webshare create', () => {
  it('POSTs label and proxy_limit 0 (unlimited) as JSON to the collection, without plan_id when none is configured', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(201, JSON.stringify(minimalFixture))
    const user = await success(provider.create({ username: 'team-a' }))
    expect(sent(mock)).toEqual([expectedWrite('POST', LIST_URL, '{"label":"team-a","proxy_limit":0}', {})])
    expect(user).toEqual(TEAM_A)
  })

  it('sends plan_id in the query and every given Webshare option, in wire form, and maps the full object', async () => {
    const { mock, provider } = setup({ planId: 1234 })
    mock.onPost(LIST_URL).reply(201, JSON.stringify(subUserFixture))
    const user = await success(
      provider.create({
        username: 'customer7',
        status: 'active',
        trafficLimitBytes: mib(2560),
        vendor: { webshare: { maxThreadCount: 100, proxyCountries: { US: 20, ZZ: 5 }, bandwidthUseStartDate: new Date('2025-04-01T17:00:00.123Z') } },
      }),
    )
    expect(sent(mock)).toEqual([
      expectedWrite(
        'POST',
        LIST_URL,
        '{"label":"customer7","proxy_limit":2.5,"max_thread_count":100,"proxy_countries":{"US":20,"ZZ":5},"bandwidth_use_start_date":"2025-04-01T17:00:00.123Z"}',
        { plan_id: '1234' },
      ),
    ])
    expect(user).toEqual(CUSTOMER7)
  })

  it('sends an explicit null to create without a custom proxy list, and a whole-MiB limit as an exact GiB float', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(201, rawSubUser({ proxy_limit: 0.0009765625 }))
    const user = await success(provider.create({ username: 'team-a', trafficLimitBytes: MIB, vendor: { webshare: { proxyCountries: null } } }))
    expect(sent(mock)[0]?.body).toBe('{"label":"team-a","proxy_limit":0.0009765625,"proxy_countries":null}')
    expect(user.trafficLimitBytes).toBe(MIB)
  })

  it('accepts any 2xx that carries the object (200 as well as 201)', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(200, rawSubUser({ id: 8, label: 'team-b', proxy_limit: 10 }))
    expect(await success(provider.create({ username: 'team-b', trafficLimitBytes: gib(10) }))).toEqual(
      mappedSubUser({ id: '8', username: 'team-b', trafficLimitBytes: 10 * GIB, vendor: { numericId: 8 } }),
    )
  })
})

describe('webshare get', () => {
  it('GETs /api/v2/subuser/{id}/ with the trailing slash and maps every field', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(42)).reply(200, JSON.stringify(subUserFixture))
    expect(await success(provider.get('42'))).toEqual(CUSTOMER7)
    expect(sent(mock)).toEqual([expectedRead('GET', itemUrl(42), {})])
  })

  it('adds plan_id when configured (a string plan id is sent as is)', async () => {
    const { mock, provider } = setup({ planId: '99' })
    mock.onGet(itemUrl(7)).reply(200, minimalFixture)
    expect(await success(provider.get('7'))).toEqual(TEAM_A)
    expect(sent(mock)).toEqual([expectedRead('GET', itemUrl(7), { plan_id: '99' })])
  })

  it('maps absent optional fields and stats to null, and proxy_limit 0 to unlimited', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(5)).reply(200, { id: 5, label: 'bare', proxy_limit: 0 })
    expect(await success(provider.get('5'))).toEqual({
      provider: 'webshare', id: '5', username: 'bare', status: 'active', trafficLimitBytes: null, trafficUsedBytes: null, createdAt: null, password: null,
      vendor: {
        provider: 'webshare', numericId: 5, maxThreadCount: null, proxyCountries: null, bandwidthUseStartDate: null, bandwidthUseEndDate: null, updatedAt: null,
        stats: { requestsTotal: null, requestsSuccessful: null, requestsFailed: null, bandwidthProjectedBytes: null, numberOfProxiesUsed: null, lastRequestSentAt: null },
      },
    })
  })
})

describe('webshare update', () => {
  const cases: ReadonlyArray<[string, Parameters<ReturnType<typeof setup>['provider']['update']>[1], string]> = [
    ['a rename as label only', { username: 'renamed' }, '{"label":"renamed"}'],
    ['unlimited as proxy_limit 0', { trafficLimitBytes: null }, '{"proxy_limit":0}'],
    ['1.5 GiB as proxy_limit 1.5', { trafficLimitBytes: mib(1536) }, '{"proxy_limit":1.5}'],
    ['no custom list as an explicit null', { vendor: { webshare: { proxyCountries: null } } }, '{"proxy_countries":null}'],
    ['status active alongside a change, leaving status out', { status: 'active', vendor: { webshare: { maxThreadCount: 3 } } }, '{"max_thread_count":3}'],
    [
      'every field at once',
      { username: 'x', trafficLimitBytes: gib(1), vendor: { webshare: { maxThreadCount: 9, proxyCountries: { DE: 0, ZZ: 4 }, bandwidthUseStartDate: new Date('2025-01-01T00:00:00Z') } } },
      '{"label":"x","proxy_limit":1,"max_thread_count":9,"proxy_countries":{"DE":0,"ZZ":4},"bandwidth_use_start_date":"2025-01-01T00:00:00.000Z"}',
    ],
  ]
  it.each(cases)('PATCHes only the changed fields: %s', async (_name, patch, body) => {
    const { mock, provider } = setup({ planId: 5 })
    mock.onPatch(itemUrl(7)).reply(200, minimalFixture)
    expect(await success(provider.update('7', patch))).toEqual(TEAM_A)
    expect(sent(mock)).toEqual([expectedWrite('PATCH', itemUrl(7), body, { plan_id: '5' })])
  })

  it('reads instead of PATCHing when the patch only says status active (Webshare stores no status)', async () => {
    const { mock, provider } = setup({ planId: 5 })
    mock.onGet(itemUrl(7)).reply(200, minimalFixture)
    expect(await success(provider.update('7', { status: 'active' }))).toEqual(TEAM_A)
    expect(sent(mock)).toEqual([expectedRead('GET', itemUrl(7), { plan_id: '5' })])
  })

  it('reports a failure of that read as an update failure', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(7)).reply(404, { detail: 'Not found.' })
    expect(await failure(provider.update('7', { status: 'active' }))).toMatchObject({ kind: 'not_found', operation: 'update', status: 404 })
  })

  it('refuses a patch that changes nothing, empty vendor options included, and sends nothing', async () => {
    const { mock, provider } = setup()
    for (const patch of [{}, { vendor: { webshare: {} } }]) {
      const e = await failure(provider.update('7', patch))
      expect(e).toMatchObject({ kind: 'validation', operation: 'update', fields: [{ path: '', message: 'the patch changes nothing' }] })
    }
    expect(mock.history).toHaveLength(0)
  })
})

describe('webshare delete', () => {
  it('DELETEs /api/v2/subuser/{id}/ with plan_id and succeeds on 204 with an empty body', async () => {
    const { mock, provider } = setup({ planId: 5 })
    mock.onDelete(itemUrl(42)).reply(204, '')
    expect(await success(provider.delete('42'))).toBeUndefined()
    expect(sent(mock)).toEqual([expectedRead('DELETE', itemUrl(42), { plan_id: '5' })])
  })

  it('accepts any 2xx, with or without a body', async () => {
    const { mock, provider } = setup()
    mock.onDelete(itemUrl(1)).reply(200, { ok: true })
    mock.onDelete(itemUrl(2)).reply(202)
    expect(await success(provider.delete('1'))).toBeUndefined()
    expect(await success(provider.delete('2'))).toBeUndefined()
  })
})

describe('webshare refresh', () => {
  it('POSTs /{id}/refresh/ with no body and no plan_id, even when a plan is configured, and maps the fresh object', async () => {
    const { mock, provider } = setup({ planId: 1234 })
    mock.onPost(`${itemUrl(42)}refresh/`).reply(200, JSON.stringify(subUserFixture))
    expect(await success(provider.refresh('42'))).toEqual(CUSTOMER7)
    // No body and no query; axios labels every POST with its default form content type, whose body stays empty.
    expect(sent(mock)).toEqual([{ ...expectedRead('POST', `${itemUrl(42)}refresh/`, undefined), contentType: 'application/x-www-form-urlencoded' }])
  })
})

describe('webshare ids', () => {
  const bad = ['', '0', '-1', '1.5', '07', 'abc', '42/refresh', '../1', ' 1', '1 ', '12345678901234567']
  it.each(bad)('refuses id %j as validation on every id operation, sending nothing', async (id) => {
    const { mock, provider } = setup()
    for (const [operation, task] of [
      ['get', provider.get(id)],
      ['delete', provider.delete(id)],
      ['refresh', provider.refresh(id)],
      ['update', provider.update(id, { username: 'x' })],
    ] as const) {
      expect(await failure(task)).toMatchObject({ kind: 'validation', operation, fields: [expect.objectContaining({ path: 'id' })] })
    }
    expect(mock.history).toHaveLength(0)
  })

  it('reports a bad id and a bad patch of an update in one error', async () => {
    const { provider } = setup()
    const e = await failure(provider.update('x', { username: '', trafficLimitBytes: 5 }))
    expect(e.fields?.map((f) => f.path)).toEqual(['id', 'username', 'trafficLimitBytes'])
  })
})

describe('createWebshareProvider options', () => {
  it('has the documented capabilities and default base URL', async () => {
    expect(WEBSHARE_DEFAULT_BASE_URL).toBe('https://proxy.webshare.io')
    expect(webshareCapabilities).toEqual({
      create: ['username', 'status', 'trafficLimitBytes'],
      update: ['username', 'status', 'trafficLimitBytes'],
      statuses: ['active'],
      readsPassword: false,
      refresh: 'renew',
      listing: 'paged',
      trafficLimit: { stepBytes: MIB, minBytes: MIB },
      uniqueUsernames: false,
      settings: ['maxThreadCount', 'proxyCountries'],
      access: { protocols: ['http'], defaultProtocols: ['http'], country: false, session: null, revealsPassword: true },
      usage: { historyDays: 90, windowDays: null },
    })
    const { provider } = setup()
    expect(provider.id).toBe('webshare')
    expect(provider.capabilities).toBe(webshareCapabilities)
  })

  it('sends to a configured base URL, a trailing slash and a path prefix kept', async () => {
    const { mock, provider } = setup({ baseURL: 'http://127.0.0.1:4010/webshare/' })
    mock.onGet('http://127.0.0.1:4010/webshare/api/v2/subuser/7/').reply(200, minimalFixture)
    await success(provider.get('7'))
    expect(sent(mock)[0]).toMatchObject({ url: 'http://127.0.0.1:4010/webshare/api/v2/subuser/7/', authorization: AUTH })
  })

  const invalid: ReadonlyArray<[string, Record<string, unknown>, string]> = [
    ['a missing apiKey', { apiKey: undefined }, 'apiKey'],
    ['an empty apiKey', { apiKey: '' }, 'apiKey'],
    ['an apiKey with a newline', { apiKey: `${API_KEY}\n` }, 'apiKey'],
    ['a planId that is not a positive whole number', { planId: 'abc' }, 'planId'],
    ['a planId of 0', { planId: 0 }, 'planId'],
    ['a baseURL that is not http(s)', { baseURL: 'ftp://example.invalid' }, 'baseURL'],
    ['a baseURL that is not a URL', { baseURL: 'proxy.webshare.io' }, 'baseURL'],
    ['a pageSize of 0', { pageSize: 0 }, 'pageSize'],
    ['a fractional pageSize', { pageSize: 2.5 }, 'pageSize'],
  ]
  it.each(invalid)('throws a validation SubUserError (operation list) for %s', (_name, options, path) => {
    let thrown: unknown
    try {
      createWebshareProvider({ apiKey: API_KEY, ...options } as never)
    } catch (e) {
      thrown = e
    }
    expect(SubUserError.is(thrown)).toBe(true)
    const e = thrown as SubUserError
    expect(e).toMatchObject({ kind: 'validation', provider: 'webshare', operation: 'list', fields: [expect.objectContaining({ path })] })
    expect(everything(e)).not.toContain(API_KEY)
  })

  it('reports every bad option at once', () => {
    expect(() => createWebshareProvider({ apiKey: '', planId: -1, baseURL: 'nope', pageSize: -1 })).toThrow(
      expect.objectContaining({ fields: [expect.objectContaining({ path: 'apiKey' }), expect.objectContaining({ path: 'planId' }), expect.objectContaining({ path: 'baseURL' }), expect.objectContaining({ path: 'pageSize' })] }),
    )
  })

  it('uses the default base URL when none is given', async () => {
    const { mock, provider } = setup()
    mock.onGet(`${BASE}/api/v2/subuser/3/`).reply(200, rawSubUser({ id: 3 }))
    await success(provider.get('3'))
    expect(sent(mock)[0]?.url).toBe('https://proxy.webshare.io/api/v2/subuser/3/')
  })
})
