/**
 * The neutral machinery of `access` and `usage`: target checks, gateways and proxy URLs,
 * day ranges, windows and daily rows, CSV by header, and what defineProvider does before
 * (and after) an adapter's `access` and `usage`.
 */
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { inspect } from 'node:util'
import { checkTarget } from '../../src/access-target'
import type { AccessCapabilities, Capabilities } from '../../src/capabilities'
import { UtcDay } from '../../src/codecs'
import { csvByHeader, parseCsv } from '../../src/csv'
import type { UsageRange } from '../../src/domain'
import { SubUserError } from '../../src/errors'
import { gatewayEndpoints, gatewayProblems, proxyAccess, proxyUrl, withGateway } from '../../src/gateway'
import { commonOptionProblems } from '../../src/options'
import { defineProvider, toPromises, type ProviderImplementation } from '../../src/provider'
import { checkRange, dailyUsage, daysOf, usageWindows } from '../../src/usage'
import { MIB } from '../../src/units'

const access: AccessCapabilities = {
  protocols: ['http', 'https', 'socks5'],
  defaultProtocols: ['http', 'https'],
  country: true,
  session: { idLength: { min: 1, max: 64 }, minutes: { min: 1, max: 90 } },
  revealsPassword: true,
}
const left = <A>(e: E.Either<SubUserError, A>): SubUserError => {
  if (E.isRight(e)) throw new Error(`expected a Left, got ${JSON.stringify(e.right)}`)
  return e.left
}
const right = <A>(e: E.Either<SubUserError, A>): A => {
  if (E.isLeft(e)) throw e.left
  return e.right
}

describe('checkTarget', () => {
  it('takes no target as the vendor defaults, and upper-cases a country', () => {
    expect(right(checkTarget('v', access, undefined))).toEqual({ protocols: ['http', 'https'] })
    expect(right(checkTarget('v', access, { country: 'us', session: { id: 'abc123', minutes: 10 }, protocol: 'socks5' }))).toEqual({
      country: 'US',
      session: { id: 'abc123', minutes: 10 },
      protocol: 'socks5',
      protocols: ['socks5'],
    })
  })

  it('refuses a malformed target as validation, every problem at once, without repeating a value', () => {
    const e = left(checkTarget('v', access, { country: 'usa', session: { id: 'a-b_c', minutes: 1.5 }, protocol: 'ftp' }))
    expect(e).toMatchObject({ kind: 'validation', operation: 'access' })
    expect(e.fields?.map((f) => f.path)).toEqual(['country', 'session.id', 'session.minutes', 'protocol'])
    for (const value of ['usa', 'a-b_c', '1.5', 'ftp']) expect(e.message).not.toContain(value)
  })

  it('refuses unassigned country codes, extra keys and non-objects', () => {
    for (const country of ['UK', 'ZZ', 'XK', 'u1', '']) expect(left(checkTarget('v', access, { country })).fields?.[0]?.path).toBe('country')
    expect(left(checkTarget('v', access, { region: 'x' })).fields?.[0]?.path).toBe('target')
    expect(left(checkTarget('v', access, 'US')).fields?.[0]?.path).toBe('target')
    expect(left(checkTarget('v', access, { session: 'abc' })).fields?.[0]?.path).toBe('session')
    expect(left(checkTarget('v', access, { session: { id: 'a'.repeat(65) } })).fields?.[0]?.path).toBe('session.id')
    expect(left(checkTarget('v', access, { session: { id: 'abc', minutes: 0 } })).fields?.[0]?.path).toBe('session.minutes')
  })

  it('refuses what the vendor cannot honour as unsupported, naming the option', () => {
    const none: AccessCapabilities = { protocols: ['http'], defaultProtocols: ['http'], country: false, session: null, revealsPassword: false }
    expect(left(checkTarget('v', none, { protocol: 'socks5' }))).toMatchObject({ kind: 'unsupported', fields: [{ path: 'protocol' }] })
    expect(left(checkTarget('v', none, { country: 'DE' }))).toMatchObject({ kind: 'unsupported', fields: [{ path: 'country' }] })
    expect(left(checkTarget('v', none, { session: { id: 'abc' } }))).toMatchObject({ kind: 'unsupported', fields: [{ path: 'session' }] })
    const fixedLength = { ...access, session: { idLength: { min: 8, max: 8 }, minutes: null } }
    expect(left(checkTarget('v', fixedLength, { session: { id: 'abcd1234', minutes: 5 } }))).toMatchObject({ kind: 'unsupported', fields: [{ path: 'session.minutes' }] })
  })

  it('refuses values out of the vendor range as validation naming its rule', () => {
    expect(left(checkTarget('v', access, { session: { id: 'abc', minutes: 91 } }))).toMatchObject({ kind: 'validation', fields: [{ path: 'session.minutes', message: 'must be 1 to 90 minutes on v' }] })
    const eight = { ...access, session: { idLength: { min: 8, max: 8 }, minutes: null } }
    expect(left(checkTarget('v', eight, { session: { id: 'abc' } }))).toMatchObject({ fields: [{ path: 'session.id', message: 'must be exactly 8 letters or digits on v' }] })
  })

  it('reads a target once: a throwing getter is a validation error, not an exception', () => {
    const hostile = Object.defineProperty({}, 'country', { enumerable: true, get: () => { throw new Error('no') } })
    expect(left(checkTarget('v', access, hostile))).toMatchObject({ kind: 'validation', fields: [{ path: 'target' }] })
  })
})

describe('gateways and proxy URLs', () => {
  const gateway = { host: 'gw.example.net', ports: { http: 9999, https: 9999, socks5: 9999 } }

  it('gives endpoints per protocol, in order, with an override laid over the vendor default', () => {
    expect(gatewayEndpoints(gateway, ['https', 'http'])).toEqual([
      { protocol: 'https', host: 'gw.example.net', port: 9999 },
      { protocol: 'http', host: 'gw.example.net', port: 9999 },
    ])
    expect(withGateway(gateway, { host: 'mine.example.net', ports: { http: 8080 } })).toEqual({ host: 'mine.example.net', ports: { http: 8080, https: 9999, socks5: 9999 } })
    expect(gatewayEndpoints({ host: 'h', ports: { http: 80 } }, ['socks5'])).toEqual([])
  })

  it('percent-encodes the login and password, writes SOCKS5 as socks5h and brackets IPv6', () => {
    expect(proxyUrl({ protocol: 'http', host: 'h.example', port: 80 }, 'us:er@x', 'p@ss/w:rd%')).toBe('http://us%3Aer%40x:p%40ss%2Fw%3Ard%25@h.example:80')
    expect(proxyUrl({ protocol: 'socks5', host: '2001:db8::1', port: 1080 }, 'u', 'p')).toBe('socks5h://u:p@[2001:db8::1]:1080')
    const url = new URL(proxyUrl({ protocol: 'https', host: 'h.example', port: 8443 }, 'a b', 'é&?#'))
    expect([decodeURIComponent(url.username), decodeURIComponent(url.password), url.port]).toEqual(['a b', 'é&?#', '8443'])
  })

  it('builds a ProxyAccess whose password and URL are Secrets, both null without a password', () => {
    const endpoints = gatewayEndpoints(gateway, ['http'])
    const a = proxyAccess({ provider: 'v', subUserId: 'alice001', endpoints, username: 'login', password: 'Pw12345a' })
    expect(a.url?.reveal()).toBe('http://login:Pw12345a@gw.example.net:9999')
    expect(a.password?.reveal()).toBe('Pw12345a')
    const printed = [JSON.stringify(a), inspect(a, { depth: 5 }), `${a.url}`, String(a.password)].join('\n')
    expect(printed).not.toContain('Pw12345a')
    expect(proxyAccess({ provider: 'v', subUserId: 'x', endpoints, username: 'login', password: null })).toMatchObject({ password: null, url: null })
  })

  it('checks the gateway option with the other common options', () => {
    expect(gatewayProblems({ host: 'proxy.example.com', ports: { http: 8080, socks5: 1080 } })).toEqual([])
    expect(gatewayProblems({ host: '2001:db8::1' })).toEqual([])
    expect(gatewayProblems({ host: 'bad host', ports: { http: 0, ftp: 21 }, extra: 1 }).map((p) => p.path)).toEqual(['gateway.extra', 'gateway.host', 'gateway.ports.http', 'gateway.ports.ftp'])
    expect(gatewayProblems('h')).toEqual([{ path: 'gateway', message: 'must be an object of host and ports' }])
    const problems = commonOptionProblems({ gateway: { ports: { https: 70_000 } }, now: 5 as unknown as () => number }, { requestsPerMinute: 60, concurrency: 1 })
    expect(problems.map((p) => p.path)).toEqual(['gateway.ports.https', 'now'])
  })
})

describe('usage ranges and days', () => {
  const now = Date.parse('2025-03-10T15:00:00Z')
  const caps = { historyDays: 90, windowDays: null }

  it('accepts a range up to today and as old as the vendor keeps', () => {
    expect(right(checkRange('v', caps, { from: '2024-12-11', to: '2025-03-10' }, now))).toEqual({ from: '2024-12-11', to: '2025-03-10' })
  })

  it('refuses malformed dates, from after to, days to come and days older than the vendor keeps, naming the rule', () => {
    expect(left(checkRange('v', caps, { from: '2025-3-1', to: '2025-02-30' }, now)).fields?.map((f) => f.path)).toEqual(['from', 'to'])
    expect(left(checkRange('v', caps, { from: '2025-03-05', to: '2025-03-04' }, now))).toMatchObject({ kind: 'validation', fields: [{ path: 'from', message: 'must not be after to' }] })
    expect(left(checkRange('v', caps, { from: '2025-03-10', to: '2025-03-11' }, now)).fields?.[0]).toEqual({ path: 'to', message: 'must not be after today (2025-03-10, UTC): usage of days to come is not known' })
    expect(left(checkRange('v', caps, { from: '2024-12-10', to: '2025-01-01' }, now)).fields?.[0]).toEqual({
      path: 'from',
      message: 'must be on or after 2024-12-11: v keeps usage for the last 90 days (today, UTC, included)',
    })
    expect(right(checkRange('v', { historyDays: null, windowDays: 180 }, { from: '2001-01-01', to: '2001-01-01' }, now))).toEqual({ from: '2001-01-01', to: '2001-01-01' })
    expect(left(checkRange('v', caps, null, now)).fields?.[0]?.path).toBe('range')
  })

  it('lists the days of a range across month and leap-year ends, and splits it into windows', () => {
    expect(daysOf({ from: '2024-02-28', to: '2024-03-01' })).toEqual(['2024-02-28', '2024-02-29', '2024-03-01'])
    expect(usageWindows({ from: '2025-01-01', to: '2025-01-10' }, 4)).toEqual([
      { from: '2025-01-01', to: '2025-01-04' },
      { from: '2025-01-05', to: '2025-01-08' },
      { from: '2025-01-09', to: '2025-01-10' },
    ])
    expect(usageWindows({ from: '2025-01-01', to: '2025-01-10' }, null)).toEqual([{ from: '2025-01-01', to: '2025-01-10' }])
    const year = usageWindows({ from: '2024-01-01', to: '2024-12-31' }, 180)
    expect(year.map((w) => daysOf(w).length)).toEqual([180, 180, 6])
  })

  it('sums hours into UTC days, adds repeated days and fills days without traffic with 0', () => {
    const range: UsageRange = { from: '2025-03-01', to: '2025-03-03' }
    const rows = right(
      dailyUsage('v', range, [
        { at: new Date('2025-03-01T16:00:00-07:00'), bytes: 5 }, // 23:00 UTC on the 1st
        { at: new Date('2025-03-01T17:00:00-07:00'), bytes: 7 }, // 00:00 UTC on the 2nd
        { day: '2025-03-02', bytes: 1 },
        { day: '2025-03-02', bytes: 2 },
      ]),
    )
    expect(rows).toEqual([
      { date: '2025-03-01', bytes: 5 },
      { date: '2025-03-02', bytes: 10 },
      { date: '2025-03-03', bytes: 0 },
    ])
  })

  it('refuses samples outside the range, on no real day, or not whole bytes, as vendor errors', () => {
    const range = { from: '2025-03-01', to: '2025-03-01' }
    expect(left(dailyUsage('v', range, [{ day: '2025-03-02', bytes: 1 }]))).toMatchObject({ kind: 'vendor', operation: 'usage' })
    expect(left(dailyUsage('v', range, [{ day: '2025-02-30', bytes: 1 }])).kind).toBe('vendor')
    expect(left(dailyUsage('v', range, [{ at: new Date('x'), bytes: 1 }])).kind).toBe('vendor')
    expect(left(dailyUsage('v', range, [{ day: '2025-03-01', bytes: 1.5 }])).kind).toBe('vendor')
    expect(left(dailyUsage('v', range, [{ day: '2025-03-01', bytes: -1 }])).kind).toBe('vendor')
  })

  it('decodes a calendar day', () => {
    expect(UtcDay.is('2024-02-29')).toBe(true)
    expect(UtcDay.is('2025-02-29')).toBe(false)
    expect(UtcDay.is('2025-03-02T00:00:00Z')).toBe(false)
  })
})

describe('CSV by header', () => {
  it('reads quoted fields, doubled quotes, CRLF, a byte-order mark and blank lines', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, ""y""",2\r\n\r\n3,\n')).toEqual([['a', 'b'], ['x, "y"', '2'], ['3', '']])
    expect(parseCsv('a,"b')).toBeUndefined()
  })

  it('finds each column by its header, whatever its position', () => {
    const text = 'Traffic (B),Day\n1024,2025-03-02\n0,2025-03-03\n'
    expect(right(csvByHeader('v', 'usage', text, { date: /date|day/i, bytes: /traffic|usage|bytes/i }))).toEqual([
      { date: '2025-03-02', bytes: '1024' },
      { date: '2025-03-03', bytes: '0' },
    ])
    expect(right(csvByHeader('v', 'usage', 'date,traffic\n', { date: /date/i }))).toEqual([])
  })

  it('is a decode error naming the column when the header has none or several, or a row is short', () => {
    const none = left(csvByHeader('v', 'usage', 'when,amount\n1,2\n', { date: /date|day/i }))
    expect(none).toMatchObject({ kind: 'decode', fields: [{ path: '(csv).date' }] })
    expect(none.message).toContain('found 0; header: when,amount')
    expect(left(csvByHeader('v', 'usage', 'date,day\n1,2\n', { date: /date|day/i })).message).toContain('found 2')
    expect(left(csvByHeader('v', 'usage', 'date,traffic\n2025-03-02\n', { date: /date/i }))).toMatchObject({ fields: [{ path: '(csv).1' }] })
    expect(left(csvByHeader('v', 'usage', 'date\u001b[2J,x\n', { bytes: /traffic/i })).message).toContain('header: date??2J,x')
  })
})

describe('defineProvider access and usage', () => {
  const caps: Capabilities = {
    create: ['username'], update: ['username'], statuses: ['active'], readsPassword: false, refresh: 'reread', listing: 'single-response',
    trafficLimit: { stepBytes: MIB, minBytes: MIB }, settings: [],
    access, usage: { historyDays: 30, windowDays: 3 },
  }
  const base = (calls: string[]): ProviderImplementation => ({
    id: 'v', capabilities: caps,
    checkId: (operation, id) => (typeof id === 'string' && /^[a-z0-9]+$/.test(id) ? E.right(id) : E.left(new SubUserError({ kind: 'validation', provider: 'v', operation, fields: [{ path: 'id', message: 'bad' }], message: 'v: bad id' }))),
    create: () => TE.left(new SubUserError({ kind: 'vendor', provider: 'v', operation: 'create', message: 'x' })),
    get: () => TE.left(new SubUserError({ kind: 'vendor', provider: 'v', operation: 'get', message: 'x' })),
    update: () => TE.left(new SubUserError({ kind: 'vendor', provider: 'v', operation: 'update', message: 'x' })),
    delete: () => TE.right(undefined),
    refresh: () => TE.left(new SubUserError({ kind: 'vendor', provider: 'v', operation: 'refresh', message: 'x' })),
    firstPage: () => TE.right({ items: [] }),
    validate: () => E.right(undefined),
    now: () => Date.parse('2025-03-10T12:00:00Z'),
    access: (id, target) => {
      calls.push(`access ${id} ${JSON.stringify(target)}`)
      return TE.right(proxyAccess({ provider: 'v', subUserId: id, endpoints: gatewayEndpoints({ host: 'h', ports: { http: 1, https: 2, socks5: 3 } }, target.protocols), username: 'login', password: 'Pw12345a' }))
    },
    usage: (id, window) => {
      calls.push(`usage ${id} ${window.from}..${window.to}`)
      return TE.right([{ day: window.to, bytes: 10 }])
    },
  })

  it('passes the checked target to the adapter and returns its access', async () => {
    const calls: string[] = []
    const a = await toPromises(defineProvider(base(calls))).access('alice', { country: 'de', protocol: 'https' })
    expect(calls).toEqual(['access alice {"country":"DE","protocol":"https","protocols":["https"]}'])
    expect(a.endpoints).toEqual([{ protocol: 'https', host: 'h', port: 2 }])
  })

  it('checks the id and target before calling the adapter', async () => {
    const calls: string[] = []
    const p = defineProvider(base(calls))
    expect(left(await p.access('BAD!', {})())).toMatchObject({ kind: 'validation', fields: [{ path: 'id' }] })
    expect(left(await p.access('alice', { country: 'XX' })())).toMatchObject({ kind: 'validation', operation: 'access' })
    expect(left(await p.usage('alice', { from: '2025-03-09', to: '2025-03-11' })())).toMatchObject({ kind: 'validation', fields: [{ path: 'to' }] })
    expect(left(await p.access('alice', undefined, { timeoutMs: -1 })())).toMatchObject({ kind: 'validation', fields: [{ path: 'timeoutMs' }] })
    expect(calls).toEqual([])
  })

  it('answers unsupported for a provider without access or usage, before anything else', async () => {
    const calls: string[] = []
    const { access: _a, usage: _u, ...rest } = base(calls)
    const p = defineProvider({ ...rest, capabilities: { ...caps, access: null } })
    expect(left(await p.access('BAD!')())).toMatchObject({ kind: 'unsupported', operation: 'access', fields: [{ path: 'access' }] })
    expect(left(await p.usage('alice', { from: '2025-03-01', to: '2025-03-02' })())).toMatchObject({ kind: 'unsupported', operation: 'usage' })
    await expect(toPromises(p).usage('alice', { from: '2025-03-01', to: '2025-03-02' })).rejects.toMatchObject({ name: 'SubUserError', kind: 'unsupported' })
  })

  it('splits a range into the vendor windows, one call after the other, into one row per day', async () => {
    const calls: string[] = []
    const rows = right(await defineProvider(base(calls)).usage('alice', { from: '2025-03-01', to: '2025-03-08' })())
    expect(calls).toEqual(['usage alice 2025-03-01..2025-03-03', 'usage alice 2025-03-04..2025-03-06', 'usage alice 2025-03-07..2025-03-08'])
    expect(rows.map((r) => `${r.date}:${r.bytes}`)).toEqual([
      '2025-03-01:0', '2025-03-02:0', '2025-03-03:10', '2025-03-04:0', '2025-03-05:0', '2025-03-06:10', '2025-03-07:0', '2025-03-08:10',
    ])
  })

  it('holds each window to its days, and an access to at least one endpoint of the protocols asked', async () => {
    const calls: string[] = []
    const stray = defineProvider({ ...base(calls), usage: () => TE.right([{ day: '2025-03-09', bytes: 1 }]) })
    expect(left(await stray.usage('alice', { from: '2025-03-01', to: '2025-03-02' })())).toMatchObject({ kind: 'vendor', operation: 'usage' })
    const empty = defineProvider({ ...base(calls), access: (id) => TE.right(proxyAccess({ provider: 'v', subUserId: id, endpoints: [], username: 'u', password: null })) })
    expect(left(await empty.access('alice')())).toMatchObject({ kind: 'vendor', operation: 'access' })
  })

  it('never shows the session id of a target in an error', async () => {
    const calls: string[] = []
    const echo = defineProvider({
      ...base(calls),
      access: (_id, target) => TE.left(new SubUserError({ kind: 'vendor', provider: 'v', operation: 'access', message: `v access: refused ${target.session?.id}` })),
    })
    const e = left(await echo.access('alice', { session: { id: 'Sess10nSecret', minutes: 5 } })())
    expect(e.message).not.toContain('Sess10nSecret')
    expect(e.message).toContain('[REDACTED]')
  })
})
