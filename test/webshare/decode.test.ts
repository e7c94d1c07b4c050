import * as E from 'fp-ts/Either'
import { IsoDateTime } from '../../providers/webshare/codecs'
import subUserFixture from '../../providers/webshare/fixtures/subuser.json'
import { GIB } from '../../src/units'
import { LIST_URL, everything, failure, itemUrl, mappedSubUser, rawSubUser, setup, success } from './support'

describe('webshare 2xx bodies that are not a sub-user → decode', () => {
  const bodies: ReadonlyArray<[string, unknown, string]> = [
    ['an empty body', '', 'expected'],
    ['an HTML page', '<html><body>OK</body></html>', 'expected'],
    ['malformed JSON', '{"id": 42, "label": ', 'expected'],
    ['a JSON array', '[]', 'expected'],
    ['JSON null', 'null', 'expected'],
  ]
  it.each(bodies)('%s on get', async (_name, body) => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(42)).reply(200, body)
    const e = await failure(provider.get('42'))
    expect(e).toMatchObject({ kind: 'decode', provider: 'webshare', operation: 'get', retryable: false })
    expect(e.message.startsWith('webshare get: unexpected response: (body) expected ')).toBe(true)
  })

  it('an empty 201 on create and an HTML 200 on refresh', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(201, '')
    mock.onPost(`${itemUrl(42)}refresh/`).reply(200, '<!doctype html><p>ok</p>')
    expect(await failure(provider.create({ username: 'team-a' }))).toMatchObject({ kind: 'decode', operation: 'create' })
    expect(await failure(provider.refresh('42'))).toMatchObject({ kind: 'decode', operation: 'refresh' })
  })

  it('a list reply without the envelope', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, [rawSubUser()])
    expect(await failure(provider.list())).toMatchObject({ kind: 'decode', operation: 'list', fields: [{ path: '', message: expect.stringMatching(/^expected /) }] })
  })
})

describe('webshare fields missing or of the wrong type → decode naming the path and expected type, never the value', () => {
  const SECRETISH = 'value-that-must-not-be-printed'
  const cases: ReadonlyArray<[string, Record<string, unknown>, string, string]> = [
    ['a missing id', { id: undefined }, 'id', 'expected whole number ≤ 2^53 − 1'],
    ['a string id', { id: SECRETISH }, 'id', 'expected whole number ≤ 2^53 − 1'],
    ['a fractional id', { id: 1.5 }, 'id', 'expected whole number ≤ 2^53 − 1'],
    ['a missing label', { label: undefined }, 'label', 'expected string'],
    ['a proxy_limit as a string', { proxy_limit: SECRETISH }, 'proxy_limit', 'expected non-negative number'],
    ['a missing proxy_limit', { proxy_limit: undefined }, 'proxy_limit', 'expected non-negative number'],

    ['a proxy_countries list', { proxy_countries: [SECRETISH] }, 'proxy_countries', 'expected { [K in string]: non-negative number } | null'],
    ['an unparseable date', { created_at: SECRETISH }, 'created_at', 'expected IsoDateTime | null'],
    ['a date without an offset (ambiguous)', { updated_at: '2025-04-01T10:00:00' }, 'updated_at', 'expected IsoDateTime | null'],
    ['an impossible date', { bandwidth_use_end_date: '2025-02-30T00:00:00Z' }, 'bandwidth_use_end_date', 'expected IsoDateTime | null'],
    ['a wrong-typed max_thread_count', { max_thread_count: SECRETISH }, 'max_thread_count', 'expected non-negative number | null'],
  ]
  it.each(cases)('%s', async (_name, overrides, path, message) => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(7)).reply(200, JSON.stringify(rawSubUser(overrides)))
    const e = await failure(provider.get('7'))
    expect(e).toMatchObject({ kind: 'decode', operation: 'get', fields: [{ path, message }] })
    expect(e.message).toBe(`webshare get: unexpected response: ${path} ${message}`)
    expect(everything(e)).not.toContain(SECRETISH)
  })

  it.each([
    ['a proxy_countries value that is not a number', { proxy_countries: { US: SECRETISH } }, 'proxy_countries.<key>', 'expected non-negative number'],
    ['a proxy_countries key the vendor chose (shown as <key>)', { proxy_countries: { [SECRETISH]: 'x' } }, 'proxy_countries.<key>', 'expected non-negative number'],
    ['a wrong-typed usage counter', { aggregate_stats: { bandwidth_total: SECRETISH } }, 'aggregate_stats.bandwidth_total', 'expected non-negative number | null'],
  ])('%s (inside a nullable object: the inner path is named, not the null alternative)', async (_name, overrides, path, message) => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(7)).reply(200, JSON.stringify(rawSubUser(overrides)))
    const e = await failure(provider.get('7'))
    expect(e).toMatchObject({ kind: 'decode', fields: [{ path, message }] })
    expect(everything(e)).not.toContain(SECRETISH)
  })
})

describe('webshare implausible numbers → decode naming the path', () => {
  // Written as JSON text: 1e309 parses as Infinity, and 2^53 + 1 parses as 2^53 (two ids would read as one).
  it.each([
    ['a proxy_limit of 1e309 (Infinity)', '"proxy_limit": 1e309', 'proxy_limit', 'expected non-negative number'],
    ['a negative proxy_limit', '"proxy_limit": -1', 'proxy_limit', 'expected non-negative number'],
    ['an id above 2^53', '"id": 9007199254740993', 'id', 'expected whole number ≤ 2^53 − 1'],
    ['a negative usage counter', '"aggregate_stats": { "bandwidth_total": -5 }', 'aggregate_stats.bandwidth_total', 'expected non-negative number | null'],
    ['an infinite thread count', '"max_thread_count": -1e309', 'max_thread_count', 'expected non-negative number | null'],
    ['a negative country share', '"proxy_countries": { "US": -20 }', 'proxy_countries.<key>', 'expected non-negative number'],
  ])('%s', async (_name, field, path, message) => {
    const { mock, provider } = setup()
    const base = JSON.stringify(rawSubUser()).slice(1, -1)
    mock.onGet(itemUrl(7)).reply(200, `{${base}, ${field}}`)
    const e = await failure(provider.get('7'))
    expect(e).toMatchObject({ kind: 'decode', operation: 'get', fields: [{ path, message }] })
  })

  it('a page count of 1e309 on list', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, `{"count": 1e309, "next": null, "previous": null, "results": [${JSON.stringify(rawSubUser())}]}`)
    expect(await failure(provider.list())).toMatchObject({ kind: 'decode', fields: [{ path: 'count', message: 'expected non-negative number' }] })
  })
})

describe('webshare tolerant decoding', () => {
  it('accepts unknown fields at every level and leaves them out of the result', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(7)).reply(200, {
      ...rawSubUser(),
      brand_new_field: { anything: [1, 2] },
      aggregate_stats: { future_counter: 'x', countries_used: { US: 3 }, error_reasons: [{ reason: 'r', type: 't', how_to_fix: 'h', http_status: null, count: 1 }] },
    })
    expect(await success(provider.get('7'))).toEqual(mappedSubUser())
  })

  it('accepts null for every optional field and usage counter', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(7)).reply(200, {
      id: 7, label: 'team-a', proxy_limit: 0, proxy_countries: null, max_thread_count: null, created_at: null, updated_at: null,
      bandwidth_use_start_date: null, bandwidth_use_end_date: null,
      aggregate_stats: { bandwidth_total: null, bandwidth_projected: null, requests_total: null, requests_successful: null, requests_failed: null, number_of_proxies_used: null, last_request_sent_at: null },
    })
    expect(await success(provider.get('7'))).toEqual(
      mappedSubUser({ createdAt: null, vendor: { maxThreadCount: null, bandwidthUseStartDate: null, bandwidthUseEndDate: null, updatedAt: null } }),
    )
  })

  it('accepts aggregate_stats as null', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(7)).reply(200, rawSubUser({ aggregate_stats: null }))
    expect(await success(provider.get('7'))).toEqual(mappedSubUser())
  })

  it.each([
    ['10', 10 * GIB],
    ['10.0', 10 * GIB],
    ['2.5', 2.5 * GIB],
    ['0.0009765625', 1_048_576],
    ['0.1', 107_374_182], // not whole MiB: rounded to the nearest byte, never a fraction
  ])('reads proxy_limit %s as %i bytes', async (wire, bytes) => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(7)).reply(200, JSON.stringify(rawSubUser()).replace('"proxy_limit":0', `"proxy_limit":${wire}`))
    expect((await success(provider.get('7'))).trafficLimitBytes).toBe(bytes)
  })

  it('reads dates with microseconds and an offset, and Z dates', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(42)).reply(200, { ...subUserFixture, created_at: '2025-04-01T10:00:00.123456+02:00', updated_at: '2025-04-01T10:00Z' })
    const user = await success(provider.get('42'))
    expect(user.createdAt).toEqual(new Date('2025-04-01T08:00:00.123Z'))
    expect(user.vendor.provider === 'webshare' && user.vendor.updatedAt).toEqual(new Date('2025-04-01T10:00:00.000Z'))
  })
})

describe('IsoDateTime', () => {
  it.each([
    ['2024-02-29T00:00:00Z', true],
    ['2000-02-29T00:00:00Z', true],
    ['2025-02-29T00:00:00Z', false],
    ['1900-02-29T00:00:00Z', false],
    ['2025-04-31T00:00:00Z', false],
    ['2025-12-31T23:59:59.999999+14:00', true],
    ['2025-13-01T00:00:00Z', false],
    ['2025-01-00T00:00:00Z', false],
    ['2025-01-01T23:60:00Z', false],
    ['2025-01-01T00:00:00+24:00', false],
    ['2025-01-01T24:00:00Z', false],
    ['2025-01-01T00:00:60Z', false],
  ])('%s is a real day: %s', (value, real) => {
    expect(E.isRight(IsoDateTime.decode(value))).toBe(real)
  })

  it.each([
    '2025-04-01T10:00:00.123456-07:00',
    '2025-04-01T10:00:00Z',
    '2025-04-01T10:00Z',
    '2025-04-01T10:00:00.1+0530',
    '2024-02-29T23:59:59.999+14:00',
    '1970-01-01T00:00:00-00:30',
    '0099-12-31T23:00:00Z',
    '2400-02-29T12:00:00.5Z',
  ])('%s decodes unchanged, and maps to the instant Date.parse reads', async (value) => {
    expect(IsoDateTime.decode(value)).toEqual(E.right(value))
    const { mock, provider } = setup()
    mock.onGet(itemUrl(42)).reply(200, { ...subUserFixture, created_at: value })
    expect((await success(provider.get('42'))).createdAt?.getTime()).toBe(Date.parse(value))
  })
})
