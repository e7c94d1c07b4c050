/**
 * Thordata's access and usage against a strict mock: the exact requests sent (none for a
 * target or range refused), and what they map to.
 */
import usageFixture from '../../providers/thordata/fixtures/usage-statistics.json'
import type { ProxyAccess } from '../../src/domain'
import { LIST_URL, USAGE_URL, expectedGet, failure, rawUser, sent, setup, success, userListReply } from './support'

const NOW = () => Date.parse('2025-07-05T10:00:00Z')

/** An access with its Secrets revealed, so that it compares by value. */
const plain = (a: ProxyAccess) => ({ ...a, password: a.password?.reveal() ?? null, url: a.url?.reveal() ?? null })

describe('thordata access', () => {
  it('reads the user with one user-list GET and gives the residential gateway with the td-customer login and its password', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, userListReply([rawUser({ username: 'bob0002', password: 'Zx98765b' }), rawUser()]))
    const a = await success(provider.access('alice01'))
    expect(sent(mock)).toEqual([expectedGet(LIST_URL)])
    expect(plain(a)).toEqual({
      provider: 'thordata',
      subUserId: 'alice01',
      endpoints: [
        { protocol: 'http', host: 't.pr.thordata.net', port: 9999 },
        { protocol: 'https', host: 't.pr.thordata.net', port: 9999 },
      ],
      username: 'td-customer-alice01',
      password: 'Pw12345a',
      url: 'http://td-customer-alice01:Pw12345a@t.pr.thordata.net:9999',
    })
    expect(JSON.stringify(a)).not.toContain('Pw12345a')
  })

  it('writes country and session in Thordata syntax, and gives SOCKS5 only when asked', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, userListReply([rawUser()]))
    const a = await success(provider.access('alice01', { country: 'US', session: { id: 'abc123', minutes: 30 }, protocol: 'socks5' }))
    expect(plain(a)).toMatchObject({
      endpoints: [{ protocol: 'socks5', host: 't.pr.thordata.net', port: 9999 }],
      username: 'td-customer-alice01-country-us-sessid-abc123-sesstime-30',
      url: 'socks5h://td-customer-alice01-country-us-sessid-abc123-sesstime-30:Pw12345a@t.pr.thordata.net:9999',
    })
    const sticky = await success(provider.access('alice01', { session: { id: 'S1' } }))
    expect(sticky.username).toBe('td-customer-alice01-sessid-S1')
    expect(sent(mock)).toEqual([expectedGet(LIST_URL), expectedGet(LIST_URL)])
  })

  it('gives the mobile gateway port for mobile sub-users, and the gateway option overrides host and ports', async () => {
    const mobile = setup({ proxyType: 'mobile' })
    mobile.mock.onGet(LIST_URL).reply(200, userListReply([rawUser()]))
    expect((await success(mobile.provider.access('alice01', { protocol: 'http' }))).endpoints).toEqual([{ protocol: 'http', host: 't.pr.thordata.net', port: 5555 }])
    expect(sent(mobile.mock)).toEqual([expectedGet(LIST_URL, {}, '3')])
    const own = setup({ gateway: { host: 'acct42.pr.thordata.net', ports: { https: 19999 } } })
    own.mock.onGet(LIST_URL).reply(200, userListReply([rawUser()]))
    expect((await success(own.provider.access('alice01'))).endpoints).toEqual([
      { protocol: 'http', host: 'acct42.pr.thordata.net', port: 9999 },
      { protocol: 'https', host: 'acct42.pr.thordata.net', port: 19999 },
    ])
  })

  it('refuses a malformed target or one out of Thordata range before sending anything', async () => {
    const { mock, provider } = setup()
    expect(await failure(provider.access('alice01', { country: 'USA' }))).toMatchObject({ kind: 'validation', operation: 'access', fields: [{ path: 'country' }] })
    expect(await failure(provider.access('alice01', { session: { id: 'abc', minutes: 91 } }))).toMatchObject({
      kind: 'validation',
      fields: [{ path: 'session.minutes', message: 'must be 1 to 90 minutes on thordata' }],
    })
    expect(await failure(provider.access('alice01', { protocol: 'ftp' as 'http' }))).toMatchObject({ kind: 'validation', fields: [{ path: 'protocol' }] })
    expect(await failure(provider.access('x', {}))).toMatchObject({ kind: 'validation', fields: [{ path: 'id' }] })
    expect(mock.history).toEqual([])
  })

  it('is not_found for a user user-list does not hold', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, userListReply([rawUser()]))
    expect(await failure(provider.access('nobody01'))).toMatchObject({ kind: 'not_found', operation: 'access' })
  })

  it('refuses a gateway option it cannot use at construction', () => {
    expect(() => setup({ gateway: { host: 'not a host' } })).toThrow(expect.objectContaining({ kind: 'validation', fields: [{ path: 'gateway.host', message: 'must be a host name or an IP address' }] }))
  })
})

const usageReply = (rows: ReadonlyArray<{ readonly date: string; readonly usage_traffic: number }>) => ({ ...usageFixture, data: { ...usageFixture.data, data: rows } })

describe('thordata usage', () => {
  it('asks usage-statistics for the range and gives one row per day in bytes (KiB × 1024), zeros included', async () => {
    const { mock, provider } = setup({ now: NOW })
    mock.onGet(USAGE_URL).reply(200, usageReply([{ date: '2025-03-02', usage_traffic: 1024 }, { date: '2025-03-03', usage_traffic: 0.5 }]))
    const rows = await success(provider.usage('alice01', { from: '2025-03-01', to: '2025-03-04' }))
    expect(sent(mock)).toEqual([expectedGet(USAGE_URL, { username: 'alice01', from_date: '2025-03-01', to_date: '2025-03-04' })])
    expect(rows).toEqual([
      { date: '2025-03-01', bytes: 0 },
      { date: '2025-03-02', bytes: 1_048_576 },
      { date: '2025-03-03', bytes: 512 },
      { date: '2025-03-04', bytes: 0 },
    ])
  })

  it('splits a range longer than 180 days into several calls, one after the other', async () => {
    const { mock, provider } = setup({ now: NOW })
    mock
      .onGet(USAGE_URL)
      .replyOnce(200, usageReply([{ date: '2025-01-01', usage_traffic: 1 }]))
      .onGet(USAGE_URL)
      .replyOnce(200, usageReply([{ date: '2025-07-05', usage_traffic: 2 }]))
    const rows = await success(provider.usage('alice01', { from: '2025-01-01', to: '2025-07-05' }))
    expect(sent(mock)).toEqual([
      expectedGet(USAGE_URL, { username: 'alice01', from_date: '2025-01-01', to_date: '2025-06-29' }),
      expectedGet(USAGE_URL, { username: 'alice01', from_date: '2025-06-30', to_date: '2025-07-05' }),
    ])
    expect(rows).toHaveLength(186)
    expect(rows[0]).toEqual({ date: '2025-01-01', bytes: 1024 })
    expect(rows[185]).toEqual({ date: '2025-07-05', bytes: 2048 })
    expect(rows.reduce((sum, r) => sum + r.bytes, 0)).toBe(3072)
  })

  it('refuses a range it cannot serve before sending anything', async () => {
    const { mock, provider } = setup({ now: NOW })
    expect(await failure(provider.usage('alice01', { from: '2025-07-01', to: '2025-07-06' }))).toMatchObject({ kind: 'validation', operation: 'usage', fields: [{ path: 'to' }] })
    expect(await failure(provider.usage('alice01', { from: '2025-07-02', to: '2025-07-01' }))).toMatchObject({ kind: 'validation', fields: [{ path: 'from' }] })
    expect(await failure(provider.usage('alice01', { from: '1 July', to: '2025-07-01' }))).toMatchObject({ kind: 'validation', fields: [{ path: 'from' }] })
    expect(mock.history).toEqual([])
  })

  it('reads "today" from the now option, for refresh too', async () => {
    const { mock, provider } = setup({ now: NOW })
    mock.onGet(LIST_URL).reply(200, userListReply([rawUser()]))
    mock.onGet(USAGE_URL).reply(200, usageFixture)
    await success(provider.refresh('alice01'))
    expect(sent(mock)[1]).toEqual(expectedGet(USAGE_URL, { username: 'alice01', from_date: '2025-07-05', to_date: '2025-07-05' }))
  })

  it('maps the vendor codes: 10020 not_found, 10021 validation; a row of another day or a bad date fails', async () => {
    const { mock, provider } = setup({ now: NOW })
    const range = { from: '2025-03-01', to: '2025-03-02' }
    mock.onGet(USAGE_URL).replyOnce(200, { code: 10020, msg: 'Username does not exist', data: {} })
    expect(await failure(provider.usage('nobody01', range))).toMatchObject({ kind: 'not_found', operation: 'usage', vendorCode: 10020 })
    mock.onGet(USAGE_URL).replyOnce(200, { code: 10021, msg: 'Query range cannot exceed 180 days', data: {} })
    expect(await failure(provider.usage('alice01', range))).toMatchObject({ kind: 'validation', vendorCode: 10021 })
    mock.onGet(USAGE_URL).replyOnce(200, usageReply([{ date: '2025-03-09', usage_traffic: 1 }]))
    expect(await failure(provider.usage('alice01', range))).toMatchObject({ kind: 'vendor', operation: 'usage' })
    mock.onGet(USAGE_URL).replyOnce(200, usageReply([{ date: '2 March', usage_traffic: 1 }]))
    expect(await failure(provider.usage('alice01', range))).toMatchObject({ kind: 'decode', fields: [{ path: 'data.data.0.date', message: 'expected YYYY-MM-DD' }] })
  })
})
