/**
 * Protocol fidelity of the Oxylabs fake (vendor sheet §7), over real HTTP through the sandbox
 * server, with plain `fetch` requests written from the sheet: no adapter, no src/http.ts.
 */
import { createOxylabsFake, type OxylabsFake, type OxylabsFakeOptions } from '../../providers/oxylabs/sandbox'
import type { FaultOptions } from '../../src/sandbox/faults'
import { startFakeServer, type FakeServer } from '../../src/sandbox/server'
import { send } from './http-client'

const USER = 'main_fake_user'
const PASS = 'Fake_Main_Pass#77'
const USER_ID = '0f6d2c1e-9a5b-4c3d-8e7f-112233445566'
const T0 = Date.parse('2025-03-15T10:20:00Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR

let server: FakeServer<'oxylabs'>
let fake: OxylabsFake
let clock: number
let root: string

const boot = async (options: OxylabsFakeOptions = {}, faults: FaultOptions = {}) => {
  await server?.close()
  clock = T0
  fake = createOxylabsFake({ username: USER, password: PASS, userId: USER_ID, now: () => clock, ...options })
  server = await startFakeServer([{ name: 'oxylabs', mount: '/oxylabs', fake }], { faults })
  root = `${server.url}/oxylabs`
}
beforeEach(() => boot())
afterAll(() => server.close())

interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: unknown
}

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`

const call = async (method: string, path: string, init: { json?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Reply> => {
  const headers: Record<string, string> = { accept: 'application/json', ...(init.json === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers }
  const body = init.raw ?? (init.json === undefined ? undefined : JSON.stringify(init.json))
  const res = await fetch(`${root}${path}`, { method, headers, ...(body === undefined ? {} : { body }) })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, json: res.headers.get('content-type') === 'application/json' ? (JSON.parse(text) as unknown) : undefined }
}

const login = async (version = 'v2'): Promise<string> => {
  const r = await call('POST', `/${version}/login`, { headers: { Authorization: basic(USER, PASS) } })
  expect(r.status).toBe(200)
  return (r.json as { token: string }).token
}
const subUsers = `/v2/users/${USER_ID}/sub-users`
const authed = async (method: string, path: string, init: { json?: unknown; raw?: string; token?: string } = {}) =>
  call(method, path, { ...init, headers: { Authorization: `Bearer ${init.token ?? (await login())}` } })
const createSubUser = async (token: string, body: Record<string, unknown> = {}) => {
  const r = await authed('POST', subUsers, { token, json: { username: 'team_a', password: 'Strong_Password#209', ...body } })
  expect(r.status).toBe(201)
  return (r.json as { id: number }).id
}
const rows = async (token: string) => (await authed('GET', subUsers, { token })).json as Array<Record<string, unknown>>

describe('oxylabs fake: login and tokens', () => {
  it('logs in the main proxy user with Basic credentials under /v2 and /v1, answering user_id and a token', async () => {
    for (const version of ['v2', 'v1']) {
      const r = await call('POST', `/${version}/login`, { headers: { Authorization: basic(USER, PASS) } })
      expect(r.status).toBe(200)
      expect(r.json).toEqual({ user_id: USER_ID, token: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/) })
    }
    expect(fake.control.logins()).toBe(2)
  })

  it('refuses bad or missing credentials with 401 JSON, and a GET on the login with 405', async () => {
    for (const headers of [{ Authorization: basic(USER, 'wrong') }, { Authorization: basic('other', PASS) }, {}] as Array<Record<string, string>>) {
      const r = await call('POST', '/v2/login', { headers })
      expect([r.status, r.json]).toEqual([401, { error: 'Invalid credentials' }])
    }
    expect((await call('GET', '/v2/login')).status).toBe(405)
  })

  it('expires tokens after the configured TTL on the fake clock; an unknown or missing token is 401 too', async () => {
    await boot({ tokenTtlMs: 60_000 })
    const token = await login()
    expect((await authed('GET', subUsers, { token })).status).toBe(200)
    clock += 59_999
    expect((await authed('GET', subUsers, { token })).status).toBe(200)
    clock += 1
    const expired = await authed('GET', subUsers, { token })
    expect([expired.status, expired.json]).toEqual([401, { error: 'Unauthorized: the token is missing, invalid or expired' }])
    expect((await authed('GET', subUsers, { token: 'made-up-token' })).status).toBe(401)
    expect((await call('GET', subUsers)).status).toBe(401)
  })

  it('answers 403 instead when switched, and expires every token on demand', async () => {
    const token = await login()
    fake.control.setAuthFailureStatus(403)
    fake.control.expireTokens()
    const r = await authed('GET', subUsers, { token })
    expect([r.status, r.json]).toEqual([403, { error: 'Forbidden' }])
    expect((await authed('GET', subUsers)).status).toBe(200)
  })

  it('refuses the login once the main user is disabled or deleted (the lock-out)', async () => {
    const token = await login()
    const [main] = await rows(token)
    expect((await authed('PATCH', `${subUsers}/${main!.id}`, { token, json: { status: 'disabled' } })).status).toBe(200)
    expect((await call('POST', '/v2/login', { headers: { Authorization: basic(USER, PASS) } })).status).toBe(401)
  })
})

describe('oxylabs fake: paths', () => {
  it('serves the same paths under /v1, answers another user id with 404, and unknown paths with 404 JSON', async () => {
    const token = await login()
    expect((await authed('GET', `/v1/users/${USER_ID}/sub-users`, { token })).status).toBe(200)
    const other = await authed('GET', '/v2/users/someone-else/sub-users', { token })
    expect([other.status, other.json]).toEqual([404, { error: 'Resource not found' }])
    const unknown = await authed('GET', '/v2/nothing-here', { token })
    expect([unknown.status, unknown.json]).toEqual([404, { error: 'Not found' }])
    expect((await authed('GET', `/v3/users/${USER_ID}/sub-users`, { token })).status).toBe(404)
    const verb = await authed('PUT', subUsers, { token, json: {} })
    expect([verb.status, verb.headers.get('allow')]).toEqual([405, 'GET, POST'])
  })

  it('reads a percent-encoded user id', async () => {
    await boot({ userId: 'user 1/ü' })
    const token = (await call('POST', '/v2/login', { headers: { Authorization: basic(USER, PASS) } })).json as { token: string }
    const r = await call('GET', `/v2/users/${encodeURIComponent('user 1/ü')}/sub-users`, { headers: { Authorization: `Bearer ${token.token}` } })
    expect(r.status).toBe(200)
  })
})

describe('oxylabs fake: list, create, update, delete', () => {
  it('lists a bare array with the main user first and no password; switches leave out the main user and disabled ones', async () => {
    const token = await login()
    const id = await createSubUser(token, { traffic_limit: 2000.68, lifetime: true, auto_disable: true })
    expect(await rows(token)).toEqual([
      { id: 1, username: USER, status: 'active', created_at: '2025-03-15 10:20', traffic: 0, traffic_limit: null, auto_disable: false, lifetime: true },
      { id, username: 'team_a', status: 'active', created_at: '2025-03-15 10:20', traffic: 0, traffic_limit: 2000.68, auto_disable: true, lifetime: true },
    ])
    fake.control.setListMainUser(false)
    expect((await rows(token)).map((r) => r.id)).toEqual([id])
    await authed('PATCH', `${subUsers}/${id}`, { token, json: { status: 'disabled' } })
    expect((await rows(token)).map((r) => r.status)).toEqual(['disabled'])
    fake.control.setOmitDisabled(true)
    expect(await rows(token)).toEqual([])
  })

  it('creates with 201 {"id"}, ids increasing and never reused; defaults unlimited, lifetime and auto_disable false', async () => {
    const token = await login()
    const a = await createSubUser(token)
    expect((await authed('DELETE', `${subUsers}/${a}`, { token })).status).toBe(204)
    const b = await createSubUser(token)
    expect(b).toBeGreaterThan(a)
    expect((await rows(token)).find((r) => r.id === b)).toMatchObject({ traffic_limit: null, lifetime: false, auto_disable: false })
  })

  it.each([
    ['a bad username', { username: 'team-a' }],
    ['a short password', { password: 'Sh0rt#pw' }],
    ['a password without a special character', { password: 'NoSpecials12345' }],
    ['a negative limit', { traffic_limit: -1 }],
    ['a limit as text', { traffic_limit: '5' }],
    ['a non-boolean lifetime', { lifetime: 'yes' }],
  ])('refuses %s with 400 {"error"}', async (_name, body) => {
    const token = await login()
    const r = await authed('POST', subUsers, { token, json: { username: 'team_a', password: 'Strong_Password#209', ...body } })
    expect(r.status).toBe(400)
    expect(r.json).toEqual({ error: expect.stringMatching(/^Invalid parameters: /) })
    expect(await rows(token)).toHaveLength(1)
  })

  it('refuses a taken username (the main user’s too) and the sub-user maximum with 400', async () => {
    await boot({ maxSubUsers: 1 })
    const token = await login()
    await createSubUser(token)
    expect((await authed('POST', subUsers, { token, json: { username: 'team_a', password: 'Strong_Password#209' } })).json).toEqual({ error: 'Invalid parameters: username is already taken' })
    expect((await authed('POST', subUsers, { token, json: { username: USER, password: 'Strong_Password#209' } })).status).toBe(400)
    const full = await authed('POST', subUsers, { token, json: { username: 'team_b', password: 'Strong_Password#209' } })
    expect([full.status, full.json]).toEqual([400, { error: 'User has reached the maximum number of sub users' }])
    expect((await authed('POST', subUsers, { token, raw: 'not json' })).status).toBe(400)
  })

  it('PATCH applies only the keys sent, null as unlimited, ignores username, answers 200 with an empty body', async () => {
    const token = await login()
    const id = await createSubUser(token, { traffic_limit: 5, lifetime: true })
    const r = await authed('PATCH', `${subUsers}/${id}`, { token, json: { traffic_limit: null, username: 'renamed', auto_disable: true } })
    expect([r.status, r.text]).toEqual([200, ''])
    expect((await rows(token)).find((x) => x.id === id)).toMatchObject({ username: 'team_a', traffic_limit: null, lifetime: true, auto_disable: true, status: 'active' })
    await authed('PATCH', `${subUsers}/${id}`, { token, json: { password: 'New_Password#561' } })
    expect(fake.control.subUsers().find((u) => u.id === id)?.password).toBe('New_Password#561')
    const bad = await authed('PATCH', `${subUsers}/${id}`, { token, json: { status: 'paused', traffic_limit: 1 } })
    expect(bad.status).toBe(400)
    expect((await rows(token)).find((x) => x.id === id)?.traffic_limit).toBeNull()
  })

  it('with the fault switch on, a PATCH answers 200 and applies nothing', async () => {
    const token = await login()
    const id = await createSubUser(token)
    fake.control.setPatchApplies(false)
    expect((await authed('PATCH', `${subUsers}/${id}`, { token, json: { status: 'disabled' } })).status).toBe(200)
    expect((await rows(token)).find((x) => x.id === id)?.status).toBe('active')
  })

  it('DELETE answers 204 empty; an unknown id is 404 on every sub-user path', async () => {
    const token = await login()
    const id = await createSubUser(token)
    const r = await authed('DELETE', `${subUsers}/${id}`, { token })
    expect([r.status, r.text]).toEqual([204, ''])
    for (const [method, path] of [['DELETE', `${subUsers}/${id}`], ['PATCH', `${subUsers}/${id}`], ['GET', `${subUsers}/${id}?type=24h`], ['GET', `${subUsers}/abc?type=24h`], ['GET', `${subUsers}/${id}/target-stats?date=2025-03-15`]] as const) {
      const gone = await authed(method, path, { token, json: method === 'PATCH' ? {} : undefined })
      expect([gone.status, gone.json]).toEqual([404, { error: 'Resource not found' }])
    }
  })
})

describe('oxylabs fake: usage and stats', () => {
  it('feeds usage in GB through the control hook, disabling at the limit when auto_disable is on', async () => {
    const token = await login()
    const auto = await createSubUser(token, { username: 'auto_off', traffic_limit: 2, auto_disable: true })
    const manual = await createSubUser(token, { username: 'keeps_on', traffic_limit: 2 })
    expect(fake.control.setUsage(auto, 1.5)).toBe(true)
    expect(fake.control.setUsage(manual, 3)).toBe(true)
    expect((await rows(token)).filter((r) => !(r.username as string).startsWith('main')).map((r) => [r.username, r.traffic, r.status])).toEqual([
      ['auto_off', 1.5, 'active'],
      ['keeps_on', 3, 'active'],
    ])
    fake.control.setUsage(auto, 2)
    expect((await rows(token)).find((r) => r.id === auto)?.status).toBe('disabled')
    expect(fake.control.setUsage(999, 1)).toBe(false)
  })

  it('adds usage on a day (default today) so that the days of a custom range sum to traffic, in the v1 shape or, switched, the v2 one', async () => {
    const token = await login()
    const id = await createSubUser(token, { traffic_limit: 1, auto_disable: true })
    expect(fake.control.addUsage(id, 0.25, '2025-03-10')).toBe(true)
    expect(fake.control.addUsage(id, 0.5)).toBe(true)
    expect(fake.control.addUsage(id, 0.125, '2025-03-10')).toBe(true)
    expect([fake.control.addUsage(999, 1), fake.control.addUsage(id, -1), fake.control.addUsage(id, 1, '2025-02-30')]).toEqual([false, false, false])
    const custom = `${subUsers}/${id}?type=custom&date_from=2025-03-09&date_to=2025-03-15&time_zone=UTC`
    expect((await authed('GET', custom, { token })).json).toEqual({ traffic: 0.875, traffic_by_period: { '2025-03-10': 0.375, '2025-03-15': 0.5 } })
    expect((await rows(token)).find((r) => r.id === id)).toMatchObject({ traffic: 0.875, status: 'active' })
    fake.control.setStatsShape('v2')
    expect((await authed('GET', custom, { token })).json).toEqual({ traffic: 0.875, results: [{ date: '2025-03-10', traffic: 0.375 }, { date: '2025-03-15', traffic: 0.5 }] })
    // A decrease is a reset: today holds the whole total, so the days still sum to traffic.
    fake.control.setUsage(id, 0.25)
    expect((await authed('GET', custom, { token })).json).toEqual({ traffic: 0.25, results: [{ date: '2025-03-15', traffic: 0.25 }] })
    fake.control.addUsage(id, 0.75, '2025-03-11')
    expect((await rows(token)).find((r) => r.id === id)).toMatchObject({ traffic: 1, status: 'disabled' })
  })

  it('validates ?type= (400 missing or unknown), and gives the v1 shape by hour for 24h, by day for week', async () => {
    const token = await login()
    const id = await createSubUser(token)
    expect((await authed('GET', `${subUsers}/${id}`, { token })).json).toEqual({ error: 'type is required' })
    expect((await authed('GET', `${subUsers}/${id}?type=year`, { token })).status).toBe(400)
    fake.control.setUsage(id, 1)
    clock += 2 * HOUR
    fake.control.setUsage(id, 1.25)
    clock += 3 * DAY
    fake.control.setUsage(id, 2)
    // Three days on, the first token has expired: these log in again.
    const day = await authed('GET', `${subUsers}/${id}?type=24h`)
    expect(day.json).toEqual({ traffic: 0.75, traffic_by_period: { '2025-03-18 12': 0.75 } })
    const week = await authed('GET', `${subUsers}/${id}?type=week`)
    expect(week.json).toEqual({ traffic: 2, traffic_by_period: { '2025-03-15': 1.25, '2025-03-18': 0.75 } })
  })

  it('needs both dates for custom, in days or hours, hour ranges of at most 7 days, dates in order, a real time zone', async () => {
    const token = await login()
    const id = await createSubUser(token)
    fake.control.setUsage(id, 4)
    const q = (query: string) => authed('GET', `${subUsers}/${id}?type=custom&${query}`, { token })
    expect((await q('date_from=2025-03-15&date_to=2025-03-16&time_zone=UTC')).json).toEqual({ traffic: 4, traffic_by_period: { '2025-03-15': 4 } })
    expect((await q('date_from=2025-03-15 09&date_to=2025-03-15 11')).json).toEqual({ traffic: 4, traffic_by_period: { '2025-03-15 10': 4 } })
    for (const bad of ['date_from=2025-03-15', 'date_from=2025-03-15&date_to=2025-02-30', 'date_from=2025-03-16&date_to=2025-03-15', 'date_from=2025-03-01 00&date_to=2025-03-15 00', 'date_from=2025-03-15&date_to=2025-03-15&time_zone=Mars/Olympus']) {
      expect((await q(bad)).status).toBe(400)
    }
    expect((await q('date_from=2025-03-01&date_to=2025-03-31')).status).toBe(200)
  })

  it('answers lifetime only for lifetime sub-users, and the v2 results shape when switched', async () => {
    const token = await login()
    const plain = await createSubUser(token, { username: 'plain' })
    const life = await createSubUser(token, { username: 'life', lifetime: true })
    expect((await authed('GET', `${subUsers}/${plain}?type=lifetime`, { token })).status).toBe(400)
    fake.control.setUsage(life, 1.5)
    expect((await authed('GET', `${subUsers}/${life}?type=lifetime`, { token })).json).toEqual({ traffic: 1.5, traffic_by_period: { '2025-03-15': 1.5 } })
    fake.control.setStatsShape('v2')
    expect((await authed('GET', `${subUsers}/${life}?type=current_month`, { token })).json).toEqual({ traffic: 1.5, results: [{ date: '2025-03-15', traffic: 1.5 }] })
  })

  it('serves target-stats for one of the last 30 days, per target, and client-stats for the current month', async () => {
    const token = await login()
    const id = await createSubUser(token)
    fake.control.setUsage(id, 1, { target: 'example.com', requests: 10 })
    fake.control.setUsage(id, 1.5, { target: 'example.org', requests: 4 })
    const t = await authed('GET', `${subUsers}/${id}/target-stats?date=2025-03-15`, { token })
    expect(t.json).toEqual({ results: [{ date: '2025-03-15', target: 'example.com', traffic: 1, requests: 10 }, { date: '2025-03-15', target: 'example.org', traffic: 0.5, requests: 4 }] })
    for (const date of ['2025-02-13', '2025-03-16', '15-03-2025', '']) expect((await authed('GET', `${subUsers}/${id}/target-stats?date=${date}`, { token })).status).toBe(400)
    expect((await authed('GET', `${subUsers}/${id}/target-stats?date=2025-02-14`, { token })).status).toBe(200)
    fake.control.setStatsShape('v2')
    expect(((await authed('GET', `${subUsers}/${id}/target-stats?date=2025-03-15`, { token })).json as Record<string, unknown>)).toMatchObject({ traffic: 1.5, requests: 14 })
    const c = await authed('GET', `/v2/users/${USER_ID}/client-stats`, { token })
    expect(c.json).toEqual({ traffic: 1.5, date_from: '2025-03-01', date_to: '2025-03-15' })
  })
})

describe('oxylabs fake: faults', () => {
  it('answers injected 5xx and rate limits as JSON errors, never a 200 carrying one', async () => {
    await boot({}, { seed: 1, oxylabs: { serverErrorRate: 1 } })
    const r = await call('POST', '/v2/login', { headers: { Authorization: basic(USER, PASS) } })
    expect([r.status, r.json]).toEqual([500, { error: 'Internal server error' }])
    await boot({}, { seed: 1, oxylabs: { rateLimitRate: 1 } })
    const limited = await call('POST', '/v2/login', { headers: { Authorization: basic(USER, PASS) } })
    expect([limited.status, limited.json, limited.headers.get('retry-after')]).toEqual([429, { error: 'Too many requests' }, '1'])
  })

  it('applies a create, then drops the connection, when told to', async () => {
    const token = await login()
    server.setFaults({ seed: 3, oxylabs: { dropAfterApplyRate: 1 } })
    await expect(send(`${root}${subUsers}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'dropped', password: 'Strong_Password#209' }) })).rejects.toThrow()
    await expect(send(`${root}${subUsers}/2`, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{"status":"disabled"}' })).rejects.toThrow()
    server.setFaults({})
    expect(fake.control.subUsers().find((u) => u.username === 'dropped')).toMatchObject({ id: 2, status: 'disabled' })
  })

  it('resets to the options: sub-users, tokens and switches forgotten, ids never reused', async () => {
    const token = await login()
    await createSubUser(token)
    fake.control.setOmitDisabled(true)
    fake.control.reset()
    expect((await authed('GET', subUsers, { token })).status).toBe(401)
    const again = await login()
    expect((await rows(again)).map((r) => [r.id, r.username])).toEqual([[3, USER]])
  })
})
