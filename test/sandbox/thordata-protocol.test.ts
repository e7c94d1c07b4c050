/**
 * Protocol fidelity of the Thordata fake (vendor sheet §2–§7), over real HTTP,
 * with plain requests written from the sheet: no adapter, no src/http.ts.
 */
import { createThordataFake, type ThordataFake, type ThordataFakeOptions } from '../../providers/thordata/sandbox'
import { startFakeServer, type FakeServer } from '../../src/sandbox/server'
import { send, sendJson } from './http-client'

const TOKEN = 'fake-token-for-tests'
const KEY = 'fake-key-for-tests'
const NOON = Date.parse('2025-03-02T12:00:00Z')
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' }
const OK = { code: 200, msg: 'ok', data: {} }

let server: FakeServer<'thordata'>
let fake: ThordataFake
let clock: number
let base: string

const boot = async (options: ThordataFakeOptions = {}) => {
  await server?.close()
  clock = NOON
  fake = createThordataFake({ token: TOKEN, key: KEY, now: () => clock, ...options })
  server = await startFakeServer([{ name: 'thordata', mount: '/thordata/api', fake }])
  base = `${server.url}/thordata/api`
}
beforeEach(() => boot())
afterAll(() => server.close())

/** A GET as the sheet writes it: credentials and parameters in the query. */
const get = (path: string, query: Record<string, string>, credentials: Record<string, string> = { token: TOKEN, key: KEY }) =>
  sendJson(`${base}${path}?${new URLSearchParams({ ...credentials, ...query })}`)

/** A POST as the sheet writes it: credentials in headers, a form body of strings. */
const post = (path: string, form: Record<string, string>, headers: Record<string, string> = { token: TOKEN, key: KEY, ...FORM }) =>
  sendJson(`${base}${path}`, { method: 'POST', headers, body: new URLSearchParams(form).toString() })

const alice = { proxy_type: '1', username: 'alice001', password: 'Pw12345a', traffic_limit: '500', status: 'true' }
const fullUpdate = { proxy_type: '1', username: 'alice001', new_username: 'alice001', new_password: 'Pw12345a', new_traffic_limit: '500', new_status: 'true' }
const listOf = async (proxyType = '1') => (await get('/proxy-users/user-list', { proxy_type: proxyType })).json
const codeOf = (reply: { json: unknown }) => (reply.json as { code: number }).code

describe('user-list', () => {
  it('answers HTTP 200 with the envelope, the limits and an empty list', async () => {
    const reply = await send(`${base}/proxy-users/user-list?token=${TOKEN}&key=${KEY}&proxy_type=1`)

    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('application/json')
    expect(JSON.parse(reply.text)).toEqual({ code: 200, msg: 'ok', data: { limit: 100, remaining_limit: 100, user_count: 0, list: [] } })
  })

  it('lists every user of the type with its clear password, boolean status, MB limit, KiB usage and creation date', async () => {
    await post('/proxy-users/create-user', alice)
    await post('/proxy-users/create-user', { ...alice, username: 'bob0002', password: 'Zx98765b', traffic_limit: '0', status: 'false' })
    fake.control.setUsage('alice001', 20480)

    expect(await listOf()).toEqual({
      code: 200,
      msg: 'ok',
      data: {
        limit: 100,
        remaining_limit: 98,
        user_count: 2,
        list: [
          { username: 'alice001', password: 'Pw12345a', status: true, traffic_limit: 500, usage_traffic: 20480, created_time: '2025-03-02' },
          { username: 'bob0002', password: 'Zx98765b', status: false, traffic_limit: 0, usage_traffic: 0, created_time: '2025-03-02' },
        ],
      },
    })
  })

  it('lists status as a string when asked to', async () => {
    await boot({ statusAsString: true })
    await post('/proxy-users/create-user', { ...alice, status: 'false' })

    expect(await listOf()).toMatchObject({ data: { list: [{ username: 'alice001', status: 'false' }] } })
  })

  it('keeps each proxy_type its own namespace, mobile (3) included', async () => {
    await post('/proxy-users/create-user', alice)
    expect(await post('/proxy-users/create-user', { ...alice, proxy_type: '3', password: 'Mobile123' })).toEqual({ status: 200, json: OK })

    expect(await listOf('2')).toMatchObject({ data: { user_count: 0, list: [] } })
    expect(await listOf('3')).toMatchObject({ data: { user_count: 1, list: [{ username: 'alice001', password: 'Mobile123' }] } })
    expect(fake.control.users(1).map((u) => u.password)).toEqual(['Pw12345a'])
  })

  it('refuses a missing or unknown proxy_type with 10000', async () => {
    expect(codeOf(await get('/proxy-users/user-list', {}))).toBe(10000)
    expect(codeOf(await get('/proxy-users/user-list', { proxy_type: '5' }))).toBe(10000)
  })
})

describe('credentials', () => {
  it('reads GET credentials from the query only: missing, wrong or header-borne token is 10013', async () => {
    expect(await get('/proxy-users/user-list', { proxy_type: '1' }, {})).toEqual({ status: 200, json: { code: 10013, msg: 'Token error', data: {} } })
    expect(codeOf(await get('/proxy-users/user-list', { proxy_type: '1' }, { token: 'not-the-token' }))).toBe(10013)
    const inHeaders = await sendJson(`${base}/proxy-users/user-list?proxy_type=1`, { headers: { token: TOKEN, key: KEY } })
    expect(codeOf(inHeaders)).toBe(10013)
  })

  it('answers a wrong key with 10014 and accepts a missing key', async () => {
    expect(await get('/proxy-users/user-list', { proxy_type: '1' }, { token: TOKEN, key: 'not-the-key' })).toEqual({
      status: 200,
      json: { code: 10014, msg: 'Key error', data: {} },
    })
    expect(codeOf(await get('/proxy-users/user-list', { proxy_type: '1' }, { token: TOKEN }))).toBe(200)
    expect(await post('/proxy-users/create-user', alice, { token: TOKEN, ...FORM })).toEqual({ status: 200, json: OK })
    expect(codeOf(await post('/proxy-users/delete-user', { proxy_type: '1', username: 'alice001' }, { token: TOKEN, key: 'nope', ...FORM }))).toBe(10014)
  })

  it('reads POST credentials from headers only: in the query or the body they are missing (10013), nothing is created', async () => {
    const inQuery = await sendJson(`${base}/proxy-users/create-user?token=${TOKEN}&key=${KEY}`, {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams(alice).toString(),
    })
    const inBody = await post('/proxy-users/create-user', { ...alice, token: TOKEN, key: KEY }, FORM)

    expect(codeOf(inQuery)).toBe(10013)
    expect(codeOf(inBody)).toBe(10013)
    expect(fake.control.users()).toEqual([])
  })
})

describe('create-user', () => {
  it('creates from a form body and replies data {} only', async () => {
    expect(await post('/proxy-users/create-user', alice)).toEqual({ status: 200, json: OK })

    expect(fake.control.users()).toEqual([
      { username: 'alice001', password: 'Pw12345a', status: true, traffic_limit: 500, usage_kib: 0, created_time: '2025-03-02' },
    ])
  })

  it('takes no JSON: a JSON body leaves every field missing, 10000, nothing created', async () => {
    const reply = await sendJson(`${base}/proxy-users/create-user`, {
      method: 'POST',
      headers: { token: TOKEN, key: KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify(alice),
    })

    expect(reply).toEqual({ status: 200, json: { code: 10000, msg: 'Parameter error', data: {} } })
    expect(fake.control.users()).toEqual([])
  })

  it.each(['proxy_type', 'username', 'password', 'traffic_limit', 'status'])('requires %s (10000)', async (field) => {
    const form: Record<string, string> = { ...alice }
    delete form[field]

    expect(codeOf(await post('/proxy-users/create-user', form))).toBe(10000)
    expect(fake.control.users()).toEqual([])
  })

  it.each([
    ['traffic_limit', '50', 10000],
    ['traffic_limit', '1', 10000],
    ['traffic_limit', '99', 10000],
    ['traffic_limit', '100.5', 10000],
    ['traffic_limit', '-100', 10000],
    ['traffic_limit', 'lots', 10000],
    ['status', 'yes', 10000],
    ['proxy_type', '4', 10000],
    ['username', 'abc12', 10015],
    ['username', 'alice_001', 10015],
    ['username', 'a234567890123456', 10015],
    ['password', '1Pw2345a', 10016],
    ['password', 'Pw123', 10016],
    ['password', 'Pw12345a!', 10016],
  ])('refuses %s=%s with %i and creates nothing', async (field, value, code) => {
    expect(codeOf(await post('/proxy-users/create-user', { ...alice, [field]: value }))).toBe(code)
    expect(fake.control.users()).toEqual([])
  })

  it.each(['0', '100', '512000'])('accepts traffic_limit=%s', async (limit) => {
    expect(await post('/proxy-users/create-user', { ...alice, traffic_limit: limit })).toEqual({ status: 200, json: OK })
    expect(fake.control.users()[0]?.traffic_limit).toBe(Number(limit))
  })

  it('refuses a duplicate with 10018, keeping the first', async () => {
    await post('/proxy-users/create-user', alice)

    expect(await post('/proxy-users/create-user', { ...alice, password: 'Other123' })).toEqual({
      status: 200,
      json: { code: 10018, msg: 'Username already exists', data: {} },
    })
    expect(fake.control.users().map((u) => u.password)).toEqual(['Pw12345a'])
  })

  it('refuses users past the limit with 10019 and reports the remaining count', async () => {
    await boot({ userLimit: 2 })
    await post('/proxy-users/create-user', alice)
    await post('/proxy-users/create-user', { ...alice, username: 'bob0002' })

    expect(codeOf(await post('/proxy-users/create-user', { ...alice, username: 'carol003' }))).toBe(10019)
    expect(await listOf()).toMatchObject({ data: { limit: 2, remaining_limit: 0, user_count: 2 } })
  })
})

describe('update-user', () => {
  beforeEach(async () => {
    await post('/proxy-users/create-user', alice)
    await post('/proxy-users/create-user', { ...alice, username: 'bob0002' })
  })

  it('replaces every field, renaming in place of the old name, and replies data {}', async () => {
    fake.control.setUsage('alice001', 4096)
    const update = { ...fullUpdate, new_username: 'alice999', new_password: 'Nw54321z', new_traffic_limit: '0', new_status: 'false' }

    expect(await post('/proxy-users/update-user', update)).toEqual({ status: 200, json: OK })
    expect(fake.control.users()).toEqual([
      expect.objectContaining({ username: 'bob0002' }),
      { username: 'alice999', password: 'Nw54321z', status: false, traffic_limit: 0, usage_kib: 4096, created_time: '2025-03-02' },
    ])
  })

  it.each(['new_username', 'new_password', 'new_traffic_limit', 'new_status', 'username', 'proxy_type'])(
    'requires %s (10000) and changes nothing',
    async (field) => {
      const form: Record<string, string> = { ...fullUpdate, new_password: 'Changed12' }
      delete form[field]

      expect(codeOf(await post('/proxy-users/update-user', form))).toBe(10000)
      expect(fake.control.users().map((u) => u.password)).toEqual(['Pw12345a', 'Pw12345a'])
    },
  )

  it.each([
    ['new_traffic_limit', '42', 10000],
    ['new_status', '1', 10000],
    ['new_username', 'ab', 10015],
    ['new_password', '12345678', 10016],
  ])('refuses %s=%s with %i', async (field, value, code) => {
    expect(codeOf(await post('/proxy-users/update-user', { ...fullUpdate, [field]: value }))).toBe(code)
  })

  it('answers an unknown user with 10020 and a rename onto an existing name with 10018', async () => {
    expect(await post('/proxy-users/update-user', { ...fullUpdate, username: 'nobody01', new_username: 'nobody01' })).toEqual({
      status: 200,
      json: { code: 10020, msg: 'Username does not exist', data: {} },
    })
    expect(codeOf(await post('/proxy-users/update-user', { ...fullUpdate, new_username: 'bob0002' }))).toBe(10018)
    expect(fake.control.users().map((u) => u.username)).toEqual(['alice001', 'bob0002'])
  })

  it('touches only the proxy_type given', async () => {
    expect(codeOf(await post('/proxy-users/update-user', { ...fullUpdate, proxy_type: '2' }))).toBe(10020)
  })
})

describe('delete-user', () => {
  it('deletes and replies data {}; a second delete is 10020; no username is 10000', async () => {
    await post('/proxy-users/create-user', alice)

    expect(await post('/proxy-users/delete-user', { proxy_type: '1', username: 'alice001' })).toEqual({ status: 200, json: OK })
    expect(fake.control.users()).toEqual([])
    expect(codeOf(await post('/proxy-users/delete-user', { proxy_type: '1', username: 'alice001' }))).toBe(10020)
    expect(codeOf(await post('/proxy-users/delete-user', { proxy_type: '1' }))).toBe(10000)
  })
})

describe('usage-statistics', () => {
  const usage = (query: Record<string, string>) =>
    get('/proxy-users/usage-statistics', { proxy_type: '1', username: 'alice001', from_date: '2025-03-01', to_date: '2025-03-02', ...query })

  beforeEach(async () => {
    await post('/proxy-users/create-user', alice)
    await post('/proxy-users/create-user', { ...alice, username: 'bob0002', traffic_limit: '0' })
  })

  it('reports KiB totals and one row per day, with usage booked on the day the control hook set it', async () => {
    clock = Date.parse('2025-03-01T08:00:00Z')
    fake.control.setUsage('alice001', 1024)
    clock = NOON
    fake.control.setUsage('alice001', 3072)

    expect(await usage({})).toEqual({
      status: 200,
      json: {
        code: 200,
        msg: 'ok',
        data: {
          traffic_limit: 512000,
          total_usage_traffic: 3072,
          traffic_balance: 508928,
          query_days: 2,
          range_usage_traffic: 3072,
          data: [
            { date: '2025-03-01', usage_traffic: 1024 },
            { date: '2025-03-02', usage_traffic: 2048 },
          ],
        },
      },
    })
    expect(await usage({ from_date: '2025-03-02' })).toMatchObject({
      json: { data: { total_usage_traffic: 3072, query_days: 1, range_usage_traffic: 2048, data: [{ date: '2025-03-02', usage_traffic: 2048 }] } },
    })
  })

  it('sums a comma-separated list of users', async () => {
    fake.control.setUsage('alice001', 100)
    fake.control.setUsage('bob0002', 20)

    expect(await usage({ username: 'alice001,bob0002', from_date: '2025-03-02' })).toMatchObject({
      json: { code: 200, data: { traffic_limit: 512000, total_usage_traffic: 120, range_usage_traffic: 120 } },
    })
  })

  it('accepts dates 180 days apart and refuses 181 with 10021', async () => {
    expect(await usage({ from_date: '2024-09-03', to_date: '2025-03-02' })).toMatchObject({ json: { code: 200, data: { query_days: 181 } } })
    expect(await usage({ from_date: '2024-09-02', to_date: '2025-03-02' })).toEqual({
      status: 200,
      json: { code: 10021, msg: 'Query range cannot exceed 180 days', data: {} },
    })
  })

  it.each([
    [{ username: '' }, 10000],
    [{ from_date: '2025-3-1' }, 10000],
    [{ to_date: '2025-02-30' }, 10000],
    [{ from_date: '2025-03-03' }, 10000],
    [{ username: 'nobody01' }, 10020],
    [{ username: 'alice001,nobody01' }, 10020],
  ])('answers %j with %i', async (query, code) => {
    expect(codeOf(await usage(query))).toBe(code)
  })
})

describe('throttling', () => {
  it('answers calls closer than minIntervalMs with 10011 and does not apply a throttled write', async () => {
    await boot({ minIntervalMs: 1200 })
    expect(await listOf()).toMatchObject({ code: 200 })

    clock += 1199
    expect(await post('/proxy-users/create-user', alice)).toEqual({ status: 200, json: { code: 10011, msg: 'Operations are too frequent', data: {} } })
    expect(fake.control.users()).toEqual([])

    clock += 1200
    expect(await post('/proxy-users/create-user', alice)).toEqual({ status: 200, json: OK })
    expect(fake.control.users().map((u) => u.username)).toEqual(['alice001'])
  })

  it('does not throttle by default', async () => {
    const codes = []
    for (let i = 0; i < 5; i++) codes.push(codeOf(await get('/proxy-users/user-list', { proxy_type: '1' })))
    expect(codes).toEqual([200, 200, 200, 200, 200])
  })

  it('answers an injected rate-limit burst with the 10011 body at HTTP 200, and an injected 5xx in plain text', async () => {
    server.setFaults({ thordata: { rateLimitRate: 1 } })
    expect(await post('/proxy-users/create-user', alice)).toEqual({ status: 200, json: { code: 10011, msg: 'Operations are too frequent', data: {} } })

    server.setFaults({ thordata: { serverErrorRate: 1 } })
    const failed = await send(`${base}/proxy-users/user-list?token=${TOKEN}&proxy_type=1`)
    expect(failed).toMatchObject({ status: 500, text: '500 upstream error', headers: { 'content-type': 'text/plain; charset=utf-8' } })
    expect(fake.control.users()).toEqual([])
  })
})

describe('unknown paths', () => {
  it.each([
    ['POST', '/proxy-users/refresh'],
    ['POST', '/proxy-users/refresh-user'],
    ['GET', '/proxy-users/user-list/'],
    ['POST', '/proxy-users/user-list'],
    ['GET', '/proxy-users/create-user'],
    ['GET', '/api/v2/subuser/'],
  ])('%s %s is HTTP 404', async (method, path) => {
    const form = method === 'POST' ? { headers: { token: TOKEN, ...FORM }, body: 'proxy_type=1&username=alice001' } : {}
    const reply = await send(`${base}${path}?token=${TOKEN}&proxy_type=1`, { method, ...form })
    expect(reply).toMatchObject({ status: 404, text: '404 page not found' })
  })
})

describe('control', () => {
  it('setUsage reports an unknown user, and reset forgets users and the throttling clock', async () => {
    await boot({ minIntervalMs: 1200 })
    await post('/proxy-users/create-user', alice)

    expect(fake.control.setUsage('nobody01', 1)).toBe(false)
    expect(fake.control.setUsage('alice001', 1, 2)).toBe(false)
    fake.control.reset()

    expect(fake.control.users()).toEqual([])
    expect(await listOf()).toMatchObject({ code: 200, data: { user_count: 0 } })
  })
})
