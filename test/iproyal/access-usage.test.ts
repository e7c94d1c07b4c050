/**
 * IPRoyal's access and usage against a strict mock: the exact requests sent (none for a target
 * or range refused), and what they map to.
 */
import { BASE, HASH, everything, expectedRead, failure, itemUrl, rawSubUser, sent, setup, success } from './support'

const GATEWAY = 'geo.iproyal.com'
const REPORT_URL = `${BASE}/residential/data-usage-report`
const PASSWORD = 'Secret123'
const reportQuery = (from: string, to: string) => ({ hash: HASH, date_from: from, date_to: to, measurement_unit: 'B', rounding_decimal: '0', time_zone: 'UTC' })
const CSV = { 'Content-Type': 'text/csv; charset=UTF-8' }

describe('iproyal access', () => {
  it('reads the sub-user and gives the HTTP and HTTPS endpoints of geo.iproyal.com:12321, its username and its own password', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, rawSubUser())
    const a = await success(provider.access(HASH))
    expect(sent(mock)).toEqual([expectedRead('GET', itemUrl())])
    expect(a).toMatchObject({
      provider: 'iproyal',
      subUserId: HASH,
      endpoints: [
        { protocol: 'http', host: GATEWAY, port: 12321 },
        { protocol: 'https', host: GATEWAY, port: 12321 },
      ],
      username: 'team_a',
    })
    expect(a.password?.reveal()).toBe(PASSWORD)
    expect(a.url?.reveal()).toBe(`http://team_a:${PASSWORD}@${GATEWAY}:12321`)
  })

  it('writes country, session and lifetime into the password, one unit only, and gives one protocol when asked', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, rawSubUser())
    const passwordFor = async (target: Parameters<typeof provider.access>[1]) => (await success(provider.access(HASH, target))).password?.reveal()
    expect(await passwordFor({ country: 'US' })).toBe(`${PASSWORD}_country-us`)
    expect(await passwordFor({ country: 'de' })).toBe(`${PASSWORD}_country-de`)
    expect(await passwordFor({ session: { id: 'abcd1234' } })).toBe(`${PASSWORD}_session-abcd1234`)
    expect(await passwordFor({ country: 'GB', session: { id: 'AbCd1234', minutes: 90 } })).toBe(`${PASSWORD}_country-gb_session-AbCd1234_lifetime-90m`)
    expect(await passwordFor({ session: { id: 'abcd1234', minutes: 1 } })).toBe(`${PASSWORD}_session-abcd1234_lifetime-1m`)
    expect(await passwordFor({ session: { id: 'abcd1234', minutes: 120 } })).toBe(`${PASSWORD}_session-abcd1234_lifetime-2h`)
    expect(await passwordFor({ session: { id: 'abcd1234', minutes: 1500 } })).toBe(`${PASSWORD}_session-abcd1234_lifetime-25h`)
    expect(await passwordFor({ session: { id: 'abcd1234', minutes: 2880 } })).toBe(`${PASSWORD}_session-abcd1234_lifetime-2d`)
    expect(await passwordFor({ session: { id: 'abcd1234', minutes: 10080 } })).toBe(`${PASSWORD}_session-abcd1234_lifetime-7d`)
    const socks = await success(provider.access(HASH, { country: 'US', protocol: 'socks5' }))
    expect(socks).toMatchObject({ endpoints: [{ protocol: 'socks5', host: GATEWAY, port: 32325 }], username: 'team_a' })
    expect(socks.url?.reveal()).toBe(`socks5h://team_a:${PASSWORD}_country-us@${GATEWAY}:32325`)
    expect((await success(provider.access(HASH, { protocol: 'https' }))).endpoints).toEqual([{ protocol: 'https', host: GATEWAY, port: 12321 }])
    expect(sent(mock)).toEqual(Array.from({ length: 11 }, () => expectedRead('GET', itemUrl())))
  })

  it('takes host and ports from the gateway option', async () => {
    const { mock, provider } = setup({ gateway: { host: 'us.proxy.iproyal.com', ports: { https: 11200, socks5: 51200 } } })
    mock.onGet(itemUrl()).reply(200, rawSubUser())
    expect((await success(provider.access(HASH))).endpoints).toEqual([
      { protocol: 'http', host: 'us.proxy.iproyal.com', port: 12321 },
      { protocol: 'https', host: 'us.proxy.iproyal.com', port: 11200 },
    ])
    expect((await success(provider.access(HASH, { protocol: 'socks5' }))).endpoints).toEqual([{ protocol: 'socks5', host: 'us.proxy.iproyal.com', port: 51200 }])
  })

  it('refuses malformed or out-of-range targets as validation before sending anything', async () => {
    const { mock, provider } = setup()
    expect(await failure(provider.access(HASH, { session: { id: 'abc1234' } }))).toMatchObject({ kind: 'validation', operation: 'access', fields: [{ path: 'session.id' }] })
    expect(await failure(provider.access(HASH, { session: { id: 'abcd12345' } }))).toMatchObject({ kind: 'validation', fields: [{ path: 'session.id' }] })
    expect(await failure(provider.access(HASH, { session: { id: 'abcd1234', minutes: 10081 } }))).toMatchObject({ kind: 'validation', fields: [{ path: 'session.minutes' }] })
    expect(await failure(provider.access(HASH, { session: { id: 'abcd1234', minutes: 0 } }))).toMatchObject({ kind: 'validation', fields: [{ path: 'session.minutes' }] })
    expect(await failure(provider.access(HASH, { country: 'USA' }))).toMatchObject({ kind: 'validation', fields: [{ path: 'country' }] })
    expect(await failure(provider.access('../x'))).toMatchObject({ kind: 'validation', fields: [{ path: 'id' }] })
    expect(mock.history).toEqual([])
  })

  it('is not_found for an unknown hash, and never shows the password in an error', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(404, { message: 'No query results for model [Subuser].' })
    expect(await failure(provider.access(HASH))).toMatchObject({ kind: 'not_found', operation: 'access', status: 404 })
    // A reply holding the password that does not decode: the error names the path, never the password.
    mock.onGet(itemUrl()).replyOnce(200, rawSubUser({ password: 'Zq8xW3vLp0', traffic_used: 'lots' }))
    const e = await failure(provider.access(HASH, { country: 'US' }))
    expect(e).toMatchObject({ kind: 'decode', operation: 'access' })
    expect(e.fields?.map((f) => f.path)).toContain('traffic_used')
    expect(everything(e)).not.toContain('Zq8xW3vLp0')
    // A server error that echoes the API token: redacted.
    mock.onGet(itemUrl()).replyOnce(500, { message: 'boom fake-iproyal-token-0001' })
    expect(everything(await failure(provider.access(HASH)))).not.toContain('fake-iproyal-token-0001')
  })
})

describe('iproyal usage', () => {
  it('reads the sub-user, then the report of the range in bytes, UTC, and maps its rows by day, zeros included', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, rawSubUser())
    mock.onGet(REPORT_URL).reply(200, 'date,traffic\n2025-05-02,1536\n2025-05-04,1073741824\n', CSV)
    const rows = await success(provider.usage(HASH, { from: '2025-05-01', to: '2025-05-04' }))
    expect(sent(mock)).toEqual([expectedRead('GET', itemUrl()), expectedRead('GET', REPORT_URL, reportQuery('2025-05-01', '2025-05-04'))])
    expect(rows).toEqual([
      { date: '2025-05-01', bytes: 0 },
      { date: '2025-05-02', bytes: 1536 },
      { date: '2025-05-03', bytes: 0 },
      { date: '2025-05-04', bytes: 1073741824 },
    ])
  })

  it('finds the columns by header, in any order, quoted, with a BOM, CRLF and other columns beside them', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, rawSubUser())
    mock.onGet(REPORT_URL).reply(200, '\uFEFF"Traffic (B)",Username,Day\r\n"2048",team_a,2025-05-01\r\n7.00,team_a,2025-05-02\r\n', CSV)
    expect(await success(provider.usage(HASH, { from: '2025-05-01', to: '2025-05-02' }))).toEqual([
      { date: '2025-05-01', bytes: 2048 },
      { date: '2025-05-02', bytes: 7 },
    ])
  })

  it('reads a header-only report as no usage, in one call for a long range', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, rawSubUser())
    mock.onGet(REPORT_URL).reply(200, 'date,traffic\n', CSV)
    const rows = await success(provider.usage(HASH, { from: '2024-01-01', to: '2025-06-01' }))
    expect(rows).toHaveLength(518)
    expect(rows.every((r) => r.bytes === 0)).toBe(true)
    expect(sent(mock)).toEqual([expectedRead('GET', itemUrl()), expectedRead('GET', REPORT_URL, reportQuery('2024-01-01', '2025-06-01'))])
  })

  it('is not_found for an unknown hash (no report asked), and refuses a range it cannot serve before sending anything', async () => {
    const { mock, provider } = setup({ now: () => Date.parse('2025-06-01T12:00:00Z') })
    expect(await failure(provider.usage(HASH, { from: '2025-06-01', to: '2025-06-02' }))).toMatchObject({ kind: 'validation', operation: 'usage', fields: [{ path: 'to' }] })
    expect(await failure(provider.usage(HASH, { from: '2025-05-02', to: '2025-05-01' }))).toMatchObject({ kind: 'validation', fields: [{ path: 'from' }] })
    expect(mock.history).toEqual([])
    mock.onGet(itemUrl()).reply(404, { message: 'Not found.' })
    expect(await failure(provider.usage(HASH, { from: '2025-05-01', to: '2025-05-01' }))).toMatchObject({ kind: 'not_found', operation: 'usage', status: 404 })
    expect(sent(mock)).toEqual([expectedRead('GET', itemUrl())])
  })

  it('fails an unrecognised report as decode, keeping the header and never a figure; a day outside the range as vendor', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, rawSubUser())
    const range = { from: '2025-05-01', to: '2025-05-02' }
    const decodeFailure = async (text: string, path: string) => {
      mock.onGet(REPORT_URL).replyOnce(200, text, CSV)
      const e = await failure(provider.usage(HASH, range))
      expect(e).toMatchObject({ kind: 'decode', operation: 'usage' })
      expect(e.fields?.map((f) => f.path)).toContain(path)
      return e
    }
    const unnamed = await decodeFailure('when,amount\n2025-05-01,73125\n', '(csv).date')
    expect(unnamed.message).toContain('header: when,amount')
    expect(everything(unnamed)).not.toContain('73125')
    expect((await decodeFailure('date,traffic,usage\n2025-05-01,1,2\n', '(csv).bytes')).message).toContain('found 2')
    expect(everything(await decodeFailure('date,traffic\n2025-05-01,73.125\n', '(csv).0.bytes'))).not.toContain('73.125')
    expect(everything(await decodeFailure('date,traffic\n2025-05-01,-4096\n', '(csv).0.bytes'))).not.toContain('4096')
    await decodeFailure('date,traffic\n05/01/2025,1\n', '(csv).0.date')
    await decodeFailure('date,traffic\n2025-05-01\n', '(csv).1')
    await decodeFailure('', '(csv)')
    mock.onGet(REPORT_URL).replyOnce(200, 'date,traffic\n2025-05-09,1\n', CSV)
    expect(await failure(provider.usage(HASH, range))).toMatchObject({ kind: 'vendor', operation: 'usage' })
  })

  it('maps a refused report (422) to validation and a 404 on the report path to vendor', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, rawSubUser())
    mock.onGet(REPORT_URL).replyOnce(422, { message: 'The selected hash is invalid.', errors: { hash: ['The selected hash is invalid.'] } })
    expect(await failure(provider.usage(HASH, { from: '2025-05-01', to: '2025-05-01' }))).toMatchObject({ kind: 'validation', status: 422, fields: [{ path: 'hash' }] })
    mock.onGet(REPORT_URL).replyOnce(404, { message: 'Not found.' })
    expect(await failure(provider.usage(HASH, { from: '2025-05-01', to: '2025-05-01' }))).toMatchObject({ kind: 'vendor', status: 404 })
  })
})
