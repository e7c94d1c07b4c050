/**
 * Webshare's access and usage against a strict mock: the exact requests (as the sub-user,
 * with `X-Subuser`; none for a target or range refused) and what they map to.
 */
import type { AxiosRequestConfig } from 'axios'
import type MockAdapter from 'axios-mock-adapter'
import type { ProxyAccess } from '../../src/domain'
import { headersOf } from '../support/mocked-axios'
import { AUTH, BASE, everything, failure, setup, success } from './support'

const CONFIG_URL = `${BASE}/api/v2/proxy/config/`
const PROXY_LIST_URL = `${BASE}/api/v2/proxy/list/`
const STATS_URL = `${BASE}/api/v2/stats/`
const NOW = () => Date.parse('2025-03-10T15:30:00Z')
const PROXY_PASSWORD = 'b7k2m9q4w1z8'

/** Every request as the sub-user: URL, query, the API key and the X-Subuser header. */
const asSent = (mock: MockAdapter) =>
  mock.history.map((c: AxiosRequestConfig) => {
    const h = headersOf(c)
    return { method: c.method?.toUpperCase(), url: c.url, params: c.params, authorization: h['Authorization'], subuser: h['X-Subuser'] }
  })
const asSubUser = (url: string, params?: Record<string, string>, subuser = '42') => ({ method: 'GET', url, params, authorization: AUTH, subuser })

const config = { username: 'xkqzjhpt', password: PROXY_PASSWORD, request_timeout: 86400, countries: { US: 2 } }
const proxy = (n: number, overrides: Record<string, unknown> = {}) => ({
  id: `d-${n}`, username: 'xkqzjhpt', password: PROXY_PASSWORD, proxy_address: `198.18.0.${n}`, port: 6000 + n, valid: true,
  last_verification: '2025-03-10T08:00:00-07:00', country_code: 'US', city_name: 'New York', created_at: '2025-03-01T00:00:00-07:00', ...overrides,
})
const page = (results: unknown[], next: string | null = null) => ({ count: results.length, next, previous: null, results })
const plain = (a: ProxyAccess) => ({ ...a, password: a.password?.reveal() ?? null, url: a.url?.reveal() ?? null })

describe('webshare access (direct)', () => {
  it('reads the proxy config and every page of the direct list as the sub-user, giving its working proxies over HTTP', async () => {
    const { mock, provider } = setup({ pageSize: 2 })
    const next = `${PROXY_LIST_URL}?mode=direct&page=2&page_size=2`
    mock.onGet(CONFIG_URL).reply(200, config)
    mock.onGet(PROXY_LIST_URL).replyOnce(200, page([proxy(1), proxy(2, { valid: false })], next))
    mock.onGet(next).replyOnce(200, page([proxy(3), proxy(1)]))
    const a = await success(provider.access('42'))
    expect(asSent(mock)).toEqual([
      asSubUser(CONFIG_URL, {}),
      asSubUser(PROXY_LIST_URL, { mode: 'direct', page: '1', page_size: '2' }),
      asSubUser(next),
    ])
    expect(plain(a)).toEqual({
      provider: 'webshare',
      subUserId: '42',
      endpoints: [
        { protocol: 'http', host: '198.18.0.1', port: 6001 },
        { protocol: 'http', host: '198.18.0.3', port: 6003 },
      ],
      username: 'xkqzjhpt',
      password: PROXY_PASSWORD,
      url: `http://xkqzjhpt:${PROXY_PASSWORD}@198.18.0.1:6001`,
    })
  })

  it('sends plan_id on the proxy calls when a plan is configured', async () => {
    const { mock, provider } = setup({ planId: 77 })
    mock.onGet(CONFIG_URL).reply(200, config)
    mock.onGet(PROXY_LIST_URL).reply(200, page([proxy(1)]))
    await success(provider.access('42'))
    expect(asSent(mock)).toEqual([asSubUser(CONFIG_URL, { plan_id: '77' }), asSubUser(PROXY_LIST_URL, { mode: 'direct', page: '1', page_size: '100', plan_id: '77' })])
  })

  it('refuses a country, a session or SOCKS5 as unsupported before sending anything', async () => {
    const { mock, provider } = setup()
    expect(await failure(provider.access('42', { country: 'US' }))).toMatchObject({ kind: 'unsupported', operation: 'access', fields: [{ path: 'country' }] })
    expect(await failure(provider.access('42', { session: { id: 'abc123' } }))).toMatchObject({ kind: 'unsupported', fields: [{ path: 'session' }] })
    expect(await failure(provider.access('42', { protocol: 'socks5' }))).toMatchObject({ kind: 'unsupported', fields: [{ path: 'protocol' }] })
    expect(await failure(provider.access('x'))).toMatchObject({ kind: 'validation', fields: [{ path: 'id' }] })
    expect(mock.history).toEqual([])
  })

  it('is not_found for a sub-user Webshare does not know (404 as the sub-user)', async () => {
    const { mock, provider } = setup()
    mock.onGet(CONFIG_URL).reply(404, { detail: 'Not found.' })
    expect(await failure(provider.access('42'))).toMatchObject({ kind: 'not_found', operation: 'access', status: 404 })
  })

  it('fails as vendor when no listed proxy works, never showing the proxy password', async () => {
    const { mock, provider } = setup()
    mock.onGet(CONFIG_URL).reply(200, config)
    mock.onGet(PROXY_LIST_URL).reply(200, page([proxy(1, { valid: false })]))
    const e = await failure(provider.access('42'))
    expect(e).toMatchObject({ kind: 'vendor', operation: 'access' })
    expect(everything(e)).not.toContain(PROXY_PASSWORD)
  })

  it('redacts the proxy password from a later failing page that echoes it', async () => {
    const { mock, provider } = setup()
    mock.onGet(CONFIG_URL).reply(200, config)
    mock.onGet(PROXY_LIST_URL).reply(400, { detail: `bad page for ${PROXY_PASSWORD}` })
    const e = await failure(provider.access('42'))
    expect(e.kind).toBe('validation')
    expect(everything(e)).not.toContain(PROXY_PASSWORD)
  })

  it('follows a next link only on the API origin, and not in a loop', async () => {
    const away = setup()
    away.mock.onGet(CONFIG_URL).reply(200, config)
    away.mock.onGet(PROXY_LIST_URL).reply(200, page([proxy(1)], 'https://elsewhere.example/api/v2/proxy/list/?page=2'))
    expect(await failure(away.provider.access('42'))).toMatchObject({ kind: 'vendor', operation: 'access' })
    expect(away.mock.history).toHaveLength(2)
    const loop = setup()
    const next = `${PROXY_LIST_URL}?mode=direct&page=2`
    loop.mock.onGet(CONFIG_URL).reply(200, config)
    loop.mock.onGet(PROXY_LIST_URL).replyOnce(200, page([proxy(1)], next))
    loop.mock.onGet(next).reply(200, page([proxy(2)], next))
    expect(await failure(loop.provider.access('42'))).toMatchObject({ kind: 'vendor', operation: 'access' })
  })

  it('decodes the config tolerantly but refuses one without a login, naming the path only', async () => {
    const { mock, provider } = setup()
    mock.onGet(CONFIG_URL).reply(200, { username: 'xkqzjhpt', password: 12345678 })
    expect(await failure(provider.access('42'))).toMatchObject({ kind: 'decode', fields: [{ path: 'password', message: 'expected string' }] })
  })
})

describe('webshare access (backbone)', () => {
  it('reads only the proxy config and gives the p.webshare.io gateway, SOCKS5 when asked', async () => {
    const { mock, provider } = setup({ connection: 'backbone' })
    mock.onGet(CONFIG_URL).reply(200, config)
    const a = await success(provider.access('42'))
    expect(asSent(mock)).toEqual([asSubUser(CONFIG_URL, {})])
    expect(plain(a)).toMatchObject({ endpoints: [{ protocol: 'http', host: 'p.webshare.io', port: 80 }], url: `http://xkqzjhpt:${PROXY_PASSWORD}@p.webshare.io:80` })
    expect((await success(provider.access('42', { protocol: 'socks5' }))).endpoints).toEqual([{ protocol: 'socks5', host: 'p.webshare.io', port: 1080 }])
    expect(provider.capabilities.access?.protocols).toEqual(['http', 'socks5'])
  })

  it('takes a gateway override in backbone mode only', async () => {
    const { mock, provider } = setup({ connection: 'backbone', gateway: { host: 'gw.example.net', ports: { http: 3128 } } })
    mock.onGet(CONFIG_URL).reply(200, config)
    expect((await success(provider.access('42'))).endpoints).toEqual([{ protocol: 'http', host: 'gw.example.net', port: 3128 }])
    expect(() => setup({ gateway: { host: 'gw.example.net' } })).toThrow(expect.objectContaining({ kind: 'validation', fields: [expect.objectContaining({ path: 'gateway' })] }))
    expect(() => setup({ connection: 'rotating' as 'direct' })).toThrow(expect.objectContaining({ fields: [{ path: 'connection', message: "must be 'direct' or 'backbone'" }] }))
  })
})

const stat = (timestamp: string, bytes: number, projected = false) => ({
  timestamp, is_projected: projected, bandwidth_total: bytes, bandwidth_average: 0, requests_total: 1, requests_failed: 0,
  error_reasons: [], countries_used: {}, number_of_proxies_used: 1, protocols_used: {}, average_concurrency: null, average_rps: null,
})

describe('webshare usage', () => {
  it('asks the stats as the sub-user for whole UTC days and sums hours per UTC day, projections left out', async () => {
    const { mock, provider } = setup({ now: NOW })
    mock.onGet(STATS_URL).reply(200, [
      stat('2025-03-08T16:00:00-07:00', 100), // 23:00 UTC on the 8th
      stat('2025-03-08T17:00:00-07:00', 20), // 00:00 UTC on the 9th
      stat('2025-03-09T02:00:00Z', 3),
      stat('2025-03-10T16:00:00Z', 999_999, true),
    ])
    const rows = await success(provider.usage('42', { from: '2025-03-07', to: '2025-03-10' }))
    expect(asSent(mock)).toEqual([asSubUser(STATS_URL, { timestamp__gte: '2025-03-07T00:00:00Z', timestamp__lte: '2025-03-10T23:59:59Z' })])
    expect(rows).toEqual([
      { date: '2025-03-07', bytes: 0 },
      { date: '2025-03-08', bytes: 100 },
      { date: '2025-03-09', bytes: 23 },
      { date: '2025-03-10', bytes: 0 },
    ])
  })

  it('refuses a range older than 90 days, or in the future, before sending anything', async () => {
    const { mock, provider } = setup({ now: NOW })
    const old = await failure(provider.usage('42', { from: '2024-12-10', to: '2025-01-01' }))
    expect(old).toMatchObject({ kind: 'validation', operation: 'usage', fields: [{ path: 'from', message: 'must be on or after 2024-12-11: webshare keeps usage for the last 90 days (today, UTC, included)' }] })
    expect(await failure(provider.usage('42', { from: '2025-03-10', to: '2025-03-11' }))).toMatchObject({ kind: 'validation', fields: [{ path: 'to' }] })
    expect(mock.history).toEqual([])
    mock.onGet(STATS_URL).reply(200, [])
    expect(await success(provider.usage('42', { from: '2024-12-11', to: '2024-12-11' }))).toEqual([{ date: '2024-12-11', bytes: 0 }])
  })

  it('is not_found for an unknown sub-user, and a row outside the days asked is a vendor error', async () => {
    const { mock, provider } = setup({ now: NOW })
    mock.onGet(STATS_URL).replyOnce(404, { detail: 'Not found.' })
    expect(await failure(provider.usage('42', { from: '2025-03-01', to: '2025-03-02' }))).toMatchObject({ kind: 'not_found', operation: 'usage' })
    mock.onGet(STATS_URL).replyOnce(200, [stat('2025-03-05T00:00:00Z', 1)])
    expect(await failure(provider.usage('42', { from: '2025-03-01', to: '2025-03-02' }))).toMatchObject({ kind: 'vendor', operation: 'usage' })
    mock.onGet(STATS_URL).replyOnce(200, { results: [] })
    expect(await failure(provider.usage('42', { from: '2025-03-01', to: '2025-03-02' }))).toMatchObject({ kind: 'decode', operation: 'usage' })
  })
})
