/**
 * Every error kind, produced through the real adapters with known secrets in
 * play, must not show a token, key, API key or password anywhere, even when
 * the vendor echoes what it was sent. (A vendor can only echo what it was sent
 * or what it stores: its own credentials and the passwords in the request.)
 */
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { inspect } from 'node:util'
import { createThordataProvider } from '../providers/thordata'
import { createWebshareProvider } from '../providers/webshare'
import type { SubUserError, SubUserErrorKind } from '../src/errors'
import { mib } from '../src/units'
import subUserFixture from '../providers/webshare/fixtures/subuser.json'
import { mockedAxios } from './support/mocked-axios'

const TOKEN = 'tdTokenSecret111'
const KEY = 'tdKeySecret222'
const API_KEY = 'wsApiKeySecret333'
const PASSWORD = 'Pwsecret4444'
const SECRETS = [TOKEN, KEY, API_KEY, PASSWORD]
/** What each vendor could echo back: the credentials it was sent and the request's password. */
const echoThordata = `echo ${TOKEN} ${KEY} ${PASSWORD}`
const echoWebshare = `echo ${API_KEY}`

const setup = () => {
  const { instance, mock } = mockedAxios()
  const thordata = createThordataProvider({ token: TOKEN, key: KEY, baseURL: 'http://td.test/api', axios: instance, retry: false, rateLimit: false })
  const webshare = createWebshareProvider({ apiKey: API_KEY, baseURL: 'http://ws.test', axios: instance, retry: false, rateLimit: false })
  return { mock, thordata, webshare }
}
type Setup = ReturnType<typeof setup>
const thordataError = (code: number) => ({ code, msg: echoThordata, data: {} })
const userList = (users: unknown[]) => ({ code: 200, msg: 'ok', data: { user_count: users.length, list: users } })

const cases: ReadonlyArray<[SubUserErrorKind, string, (s: Setup) => TaskEither<SubUserError, unknown>]> = [
  ['validation', 'an invalid password given by the caller', (s) => s.thordata.create({ username: 'alice001', password: `${PASSWORD}!` })],
  ['validation', 'a vendor field error echoing secrets', (s) => {
    s.mock.onPost('http://td.test/api/proxy-users/create-user').reply(200, thordataError(10016))
    return s.thordata.create({ username: 'alice001', password: PASSWORD })
  }],
  ['auth', 'a 401 echoing the API key', (s) => {
    s.mock.onGet('http://ws.test/api/v2/subuser/42/').reply(401, { detail: echoWebshare })
    return s.webshare.get('42')
  }],
  ['auth', 'a bad token code', (s) => {
    s.mock.onGet('http://td.test/api/proxy-users/user-list').reply(200, { code: 10013, msg: `echo ${TOKEN} ${KEY}`, data: {} })
    return s.thordata.list()
  }],
  ['not_found', 'a 404 echoing secrets', (s) => {
    s.mock.onDelete('http://ws.test/api/v2/subuser/42/').reply(404, { detail: echoWebshare })
    return s.webshare.delete('42')
  }],
  ['conflict', 'a duplicate username with the password in play', (s) => {
    s.mock.onPost('http://td.test/api/proxy-users/create-user').reply(200, thordataError(10018))
    return s.thordata.create({ username: 'alice001', password: PASSWORD, trafficLimitBytes: mib(100) })
  }],
  ['rate_limited', 'a 429 echoing secrets', (s) => {
    s.mock.onPost('http://ws.test/api/v2/subuser/').reply(429, { detail: echoWebshare }, { 'Retry-After': '3' })
    return s.webshare.create({ username: 'team-a' })
  }],
  ['quota', 'a full plan', (s) => {
    s.mock.onPost('http://td.test/api/proxy-users/create-user').reply(200, thordataError(10019))
    return s.thordata.create({ username: 'alice001', password: PASSWORD })
  }],
  ['unsupported', 'a password on Webshare', (s) => s.webshare.create({ username: 'team-a', password: PASSWORD })],
  ['decode', 'a wrong-typed field whose value is a secret', (s) => {
    s.mock.onGet('http://td.test/api/proxy-users/user-list').reply(200, userList([{ username: 'alice001', password: PASSWORD, status: PASSWORD, traffic_limit: 0 }]))
    return s.thordata.get('alice001')
  }],
  ['network', 'a reset connection on a request carrying the token in its query', (s) => {
    s.mock.onGet('http://td.test/api/proxy-users/user-list').networkError()
    return s.thordata.list()
  }],
  ['timeout', 'a timeout during an update carrying the password', (s) => {
    s.mock.onGet('http://td.test/api/proxy-users/user-list').reply(200, userList([{ username: 'alice001', password: PASSWORD, status: true, traffic_limit: 0 }]))
    s.mock.onPost('http://td.test/api/proxy-users/update-user').timeout()
    return s.thordata.update('alice001', { password: 'Otherpw5555' })
  }],
  ['vendor', 'an unknown vendor code echoing secrets', (s) => {
    s.mock.onGet('http://td.test/api/proxy-users/user-list').reply(200, userList([{ username: 'alice001', password: PASSWORD, status: true, traffic_limit: 0 }]))
    s.mock.onPost('http://td.test/api/proxy-users/update-user').reply(200, thordataError(10099))
    return s.thordata.update('alice001', { trafficLimitBytes: null })
  }],
  ['vendor', 'a 5xx with a plain-text body echoing secrets', (s) => {
    s.mock.onGet('http://ws.test/api/v2/subuser/42/').reply(500, echoWebshare)
    return s.webshare.get('42')
  }],
]

describe('no secret in any error', () => {
  it('covers every error kind', () => {
    const kinds = new Set(cases.map(([k]) => k))
    expect([...kinds].sort()).toEqual(['auth', 'conflict', 'decode', 'network', 'not_found', 'quota', 'rate_limited', 'timeout', 'unsupported', 'validation', 'vendor'])
  })

  it.each(cases)('%s: %s', async (kind, _why, make) => {
    const s = setup()
    const r = await make(s)()
    if (E.isRight(r)) throw new Error('expected a failure')
    const e = r.left
    expect(e.kind).toBe(kind)
    const renderings = [e.message, String(e), JSON.stringify(e), inspect(e), inspect(e, { depth: 10, showHidden: true }), e.stack ?? '']
    for (const text of renderings) for (const secret of SECRETS) expect(text).not.toContain(secret)
  })
})

describe('vendor text echoing a secret in any encoding, in any part of an error', () => {
  const KEY = 'ws/Key+Secret=42'
  const TD_TOKEN = 'td Token/Secret+1'
  const make = () => {
    const { instance, mock } = mockedAxios()
    return {
      mock,
      webshare: createWebshareProvider({ apiKey: KEY, baseURL: 'http://ws.test', axios: instance, retry: false, rateLimit: false }),
      thordata: createThordataProvider({ token: TD_TOKEN, baseURL: 'http://td.test/api', axios: instance, retry: false, rateLimit: false }),
    }
  }
  const everyRendering = (e: SubUserError) => [e.message, String(e), JSON.stringify(e), inspect(e, { depth: Infinity }), e.stack ?? '', JSON.stringify(e.fields ?? []), String(e.vendorCode)]
  const forms = (s: string) => [s, encodeURIComponent(s), new URLSearchParams({ s }).toString().slice(2), Buffer.from(s).toString('base64')]
  const expectClean = (e: SubUserError, secret: string) => {
    for (const text of everyRendering(e)) for (const form of forms(secret)) expect(text).not.toContain(form)
  }

  it('a Webshare top-level code echoing the API key: redacted in the message and in vendorCode', async () => {
    const s = make()
    s.mock.onGet('http://ws.test/api/v2/subuser/42/').reply(400, { detail: 'bad', code: KEY })
    const r = await s.webshare.get('42')()
    if (E.isRight(r)) throw new Error('expected a failure')
    expect(r.left).toMatchObject({ kind: 'validation', vendorCode: '[REDACTED]' })
    expectClean(r.left, KEY)
  })

  it('a Webshare field error whose code and key echo the API key, URL-encoded', async () => {
    const s = make()
    s.mock.onPost('http://ws.test/api/v2/subuser/').reply(400, { [encodeURIComponent(KEY)]: [{ message: `got ${encodeURIComponent(KEY)}`, code: KEY }] })
    const r = await s.webshare.create({ username: 'team-a' })()
    if (E.isRight(r)) throw new Error('expected a failure')
    expect(r.left).toMatchObject({ kind: 'validation', vendorCode: '[REDACTED]', fields: [{ path: '[REDACTED]', message: 'got [REDACTED]' }] })
    expectClean(r.left, KEY)
  })

  it('a Thordata message echoing the request URL with the token percent- and form-encoded', async () => {
    const s = make()
    const echoed = `GET /proxy-users/user-list?token=${encodeURIComponent(TD_TOKEN)}&t2=${new URLSearchParams({ t: TD_TOKEN }).toString().slice(2)}`
    s.mock.onGet('http://td.test/api/proxy-users/user-list').reply(200, { code: 10013, msg: echoed, data: {} })
    const r = await s.thordata.list()()
    if (E.isRight(r)) throw new Error('expected a failure')
    expect(r.left.kind).toBe('auth')
    expectClean(r.left, TD_TOKEN)
  })

  it('a followed next link holding the API key (percent-encoded) in its path is not printed on a network error', async () => {
    const s = make()
    const next = `http://ws.test/api/v2/subuser/${encodeURIComponent(KEY)}/?page=2&k=${encodeURIComponent(KEY)}`
    s.mock.onGet('http://ws.test/api/v2/subuser/').reply(200, { count: 2, next, previous: null, results: [subUserFixture] })
    s.mock.onGet(next).networkError()
    const r = await s.webshare.list()()
    if (E.isRight(r)) throw new Error('expected a failure')
    expect(r.left).toMatchObject({ kind: 'network' })
    expect(r.left.message).toContain('GET http://ws.test/api/v2/subuser/[REDACTED]/')
    expectClean(r.left, KEY)
  })
})
