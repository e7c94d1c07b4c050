/**
 * Oxylabs' access and usage against a strict mock: the exact requests sent (none for a target
 * or range refused), and what they map to.
 */
import statsV1 from '../../providers/oxylabs/fixtures/stats-v1.json'
import statsV2 from '../../providers/oxylabs/fixtures/stats-v2.json'
import { GIB } from '../../src/units'
import { LIST_URL, everything, expectedLogin, expectedRead, failure, itemUrl, mainRow, mockLogin, row, sent, setup, success } from './support'

const GATEWAY = 'pr.oxylabs.io'
const usageQuery = (from: string, to: string) => ({ type: 'custom', date_from: from, date_to: to, time_zone: 'UTC' })

describe('oxylabs access', () => {
  it('reads the list and gives the HTTP and HTTPS endpoints of pr.oxylabs.io:7777, the customer- login and no password', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [mainRow(), row({ id: 77, username: 'other' }), row()])
    const a = await success(provider.access('12345'))
    expect(sent(mock)).toEqual([expectedLogin, expectedRead(LIST_URL)])
    expect(a).toEqual({
      provider: 'oxylabs',
      subUserId: '12345',
      endpoints: [
        { protocol: 'http', host: GATEWAY, port: 7777 },
        { protocol: 'https', host: GATEWAY, port: 7777 },
      ],
      username: 'customer-team_a',
      password: null,
      url: null,
    })
  })

  it('writes country, session and session length in Oxylabs syntax, and gives one protocol when asked', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [mainRow(), row()])
    const full = await success(provider.access('12345', { country: 'de', session: { id: 'abc123', minutes: 1440 }, protocol: 'https' }))
    expect(full).toMatchObject({ endpoints: [{ protocol: 'https', host: GATEWAY, port: 7777 }], username: 'customer-team_a-cc-DE-sessid-abc123-sesstime-1440', password: null, url: null })
    expect((await success(provider.access('12345', { country: 'US' }))).username).toBe('customer-team_a-cc-US')
    expect((await success(provider.access('12345', { session: { id: 'S1' } }))).username).toBe('customer-team_a-sessid-S1')
    const socks = await success(provider.access('12345', { session: { id: 'x9', minutes: 10 }, protocol: 'socks5' }))
    expect(socks).toMatchObject({ endpoints: [{ protocol: 'socks5', host: GATEWAY, port: 7777 }], username: 'customer-team_a-sessid-x9-sesstime-10' })
    expect(sent(mock)).toEqual([expectedLogin, expectedRead(LIST_URL), expectedRead(LIST_URL), expectedRead(LIST_URL), expectedRead(LIST_URL)])
  })

  it('takes host and ports from the gateway option', async () => {
    const { mock, provider } = setup({ gateway: { host: 'acct42.pr.oxylabs.io', ports: { https: 17777, socks5: 27777 } } })
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [row()])
    expect((await success(provider.access('12345'))).endpoints).toEqual([
      { protocol: 'http', host: 'acct42.pr.oxylabs.io', port: 7777 },
      { protocol: 'https', host: 'acct42.pr.oxylabs.io', port: 17777 },
    ])
    expect((await success(provider.access('12345', { protocol: 'socks5' }))).endpoints).toEqual([{ protocol: 'socks5', host: 'acct42.pr.oxylabs.io', port: 27777 }])
  })

  it('refuses a country over SOCKS5 as unsupported, and malformed or out-of-range targets as validation, before sending anything', async () => {
    const { mock, provider } = setup()
    expect(await failure(provider.access('12345', { country: 'US', protocol: 'socks5' }))).toMatchObject({ kind: 'unsupported', provider: 'oxylabs', operation: 'access', fields: [{ path: 'country' }] })
    expect(await failure(provider.access('12345', { country: 'US', session: { id: 'abc' }, protocol: 'socks5' }))).toMatchObject({ kind: 'unsupported', fields: [{ path: 'country' }] })
    expect(await failure(provider.access('12345', { session: { id: 'abc', minutes: 1441 } }))).toMatchObject({
      kind: 'validation',
      fields: [{ path: 'session.minutes', message: 'must be 1 to 1440 minutes on oxylabs' }],
    })
    expect(await failure(provider.access('12345', { session: { id: 'a'.repeat(65) } }))).toMatchObject({ kind: 'validation', fields: [{ path: 'session.id' }] })
    expect(await failure(provider.access('12345', { country: 'USA' }))).toMatchObject({ kind: 'validation', fields: [{ path: 'country' }] })
    expect(await failure(provider.access('12x', {}))).toMatchObject({ kind: 'validation', fields: [{ path: 'id' }] })
    expect(mock.history).toEqual([])
  })

  it('probes an id the list lacks: not_found when the stats path does not know it, unsupported when it does', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [mainRow(), row()])
    mock.onGet(itemUrl(999)).replyOnce(404, { error: 'Resource not found' })
    expect(await failure(provider.access('999'))).toMatchObject({ kind: 'not_found', operation: 'access' })
    mock.onGet(itemUrl(998)).replyOnce(200, statsV1)
    expect(await failure(provider.access('998'))).toMatchObject({ kind: 'unsupported', operation: 'access', fields: [{ path: 'id' }] })
    expect(sent(mock)).toEqual([expectedLogin, expectedRead(LIST_URL), expectedRead(itemUrl(999), { type: '24h' }), expectedRead(LIST_URL), expectedRead(itemUrl(998), { type: '24h' })])
  })
})

describe('oxylabs usage', () => {
  it('asks the custom stats of the range in UTC and reads the v1 map by day, GB × 2^30 rounded to the byte, zeros included', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(itemUrl(12345)).reply(200, { traffic: 1.501, traffic_by_period: { '2025-05-02': 1.5, '2025-05-04': 0.001 } })
    const rows = await success(provider.usage('12345', { from: '2025-05-01', to: '2025-05-04' }))
    expect(sent(mock)).toEqual([expectedLogin, expectedRead(itemUrl(12345), usageQuery('2025-05-01', '2025-05-04'))])
    expect(rows).toEqual([
      { date: '2025-05-01', bytes: 0 },
      { date: '2025-05-02', bytes: 1.5 * GIB },
      { date: '2025-05-03', bytes: 0 },
      { date: '2025-05-04', bytes: 1_073_742 },
    ])
  })

  it('reads the v2 results rows, named date or period, and the documented examples of both shapes alike', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    const range = { from: '2023-01-25', to: '2023-01-26' }
    const expected = [
      { date: '2023-01-25', bytes: Math.round(120.73 * GIB) },
      { date: '2023-01-26', bytes: Math.round(21.95 * GIB) },
    ]
    mock.onGet(itemUrl(12345)).replyOnce(200, statsV2).onGet(itemUrl(12345)).replyOnce(200, statsV1)
    expect(await success(provider.usage('12345', range))).toEqual(expected)
    expect(await success(provider.usage('12345', range))).toEqual(expected)
    expect(sent(mock)).toEqual([expectedLogin, expectedRead(itemUrl(12345), usageQuery('2023-01-25', '2023-01-26')), expectedRead(itemUrl(12345), usageQuery('2023-01-25', '2023-01-26'))])
  })

  it('asks one call for a long range (Oxylabs states no window)', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(itemUrl(12345)).reply(200, { traffic: 0, results: [] })
    const rows = await success(provider.usage('12345', { from: '2024-01-01', to: '2025-06-01' }))
    expect(rows).toHaveLength(518)
    expect(rows.every((r) => r.bytes === 0)).toBe(true)
    expect(sent(mock)).toEqual([expectedLogin, expectedRead(itemUrl(12345), usageQuery('2024-01-01', '2025-06-01'))])
  })

  it('is not_found for an id the stats path does not know, and refuses a range it cannot serve before sending anything', async () => {
    const { mock, provider } = setup()
    expect(await failure(provider.usage('12345', { from: '2025-06-01', to: '2025-06-02' }))).toMatchObject({ kind: 'validation', operation: 'usage', fields: [{ path: 'to' }] })
    expect(await failure(provider.usage('12345', { from: '2025-05-02', to: '2025-05-01' }))).toMatchObject({ kind: 'validation', fields: [{ path: 'from' }] })
    expect(mock.history).toEqual([])
    mockLogin(mock)
    mock.onGet(itemUrl(999)).reply(404, { error: 'Resource not found' })
    expect(await failure(provider.usage('999', { from: '2025-05-01', to: '2025-05-01' }))).toMatchObject({ kind: 'not_found', operation: 'usage', status: 404 })
  })

  it('fails a malformed reply as decode, naming the path and never the value; a day outside the range as vendor', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    const range = { from: '2025-05-01', to: '2025-05-02' }
    const decodeFailure = async (body: unknown, path: string) => {
      mock.onGet(itemUrl(12345)).replyOnce(200, body)
      const e = await failure(provider.usage('12345', range))
      expect(e).toMatchObject({ kind: 'decode', operation: 'usage' })
      expect(e.fields?.map((f) => f.path)).toContain(path)
      return e
    }
    expect(everything(await decodeFailure({ traffic: 1, traffic_by_period: { 'May 1st 9f3kq8': 1 } }, 'traffic_by_period'))).not.toContain('9f3kq8')
    expect(everything(await decodeFailure({ traffic: 1, traffic_by_period: { '2025-05-01': '73.125' } }, 'traffic_by_period'))).not.toContain('73.125')
    await decodeFailure({ traffic: 1, traffic_by_period: { '2025-05-01 10': 1 } }, 'traffic_by_period')
    const figure = await decodeFailure({ traffic: 1, results: [{ date: '2025-05-01', traffic: '73.125' }] }, 'results.0.traffic')
    expect(everything(figure)).not.toContain('73.125')
    await decodeFailure({ traffic: 1, results: [{ day: '2025-05-01', traffic: 1 }] }, 'results.0.date')
    await decodeFailure({ traffic: 1, results: [{ date: '2025-05-01', traffic: -1 }] }, 'results.0.traffic')
    await decodeFailure({ traffic: 1, by_day: [] }, 'traffic_by_period')
    mock.onGet(itemUrl(12345)).replyOnce(200, { traffic: 1, traffic_by_period: { '2025-05-09': 1 } })
    expect(await failure(provider.usage('12345', range))).toMatchObject({ kind: 'vendor', operation: 'usage' })
  })
})
