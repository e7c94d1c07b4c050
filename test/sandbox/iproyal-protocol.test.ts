/**
 * Protocol fidelity of the IPRoyal fake (vendor sheet §7), over real HTTP through the sandbox
 * server, with plain requests written from the sheet: no adapter, no src/http.ts.
 */
import { createIPRoyalFake, type IPRoyalFake, type IPRoyalFakeOptions } from '../../providers/iproyal/sandbox'
import type { FaultOptions } from '../../src/sandbox/faults'
import { startFakeServer, type FakeServer } from '../../src/sandbox/server'
import { send } from './http-client'

const TOKEN = 'fake-iproyal-token-for-tests'
const GB = 2 ** 30
/** 2025-03-01T12:00:00Z. */
const T0 = Date.parse('2025-03-01T12:00:00Z')
const CROCKFORD_26 = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{26}$/

let server: FakeServer<'iproyal'>
let fake: IPRoyalFake
let clock: number
let base: string

const boot = async (options: IPRoyalFakeOptions = {}, faults: FaultOptions = {}) => {
  await server?.close()
  clock = T0
  fake = createIPRoyalFake({ apiToken: TOKEN, now: () => clock, mainBalanceBytes: 100 * GB, ...options })
  server = await startFakeServer([{ name: 'iproyal', mount: '/iproyal/v1', fake }], { faults })
  base = `${server.url}/iproyal/v1`
}
beforeEach(() => boot())
afterAll(() => server.close())

interface Reply {
  readonly status: number
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly text: string
  readonly json: unknown
}

/** One request as the sheet writes it: `Authorization: Bearer <token>` (unless replaced), a JSON body when `json` is given. */
const call = async (method: string, path: string, init: { json?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> => {
  const body = init.json === undefined ? undefined : JSON.stringify(init.json)
  // Content-Length always: Node sends a DELETE's body unframed otherwise.
  const framing: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }
  const headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}`, Accept: 'application/json', ...framing, ...init.headers }
  const reply = await send(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) })
  const isJson = String(reply.headers['content-type']).startsWith('application/json')
  return { ...reply, json: isJson ? (JSON.parse(reply.text) as unknown) : undefined }
}

interface Resource {
  readonly id: number
  readonly hash: string
  readonly username: string
  readonly password: string
  readonly traffic_available: number
  readonly traffic_used: number
}
const SUBUSERS = '/residential-subusers'
const item = (hash: string) => `${SUBUSERS}/${hash}`
const createSubUser = async (username = 'team_a', traffic: number = 10, password = 'Secret123'): Promise<Resource> => {
  const reply = await call('POST', SUBUSERS, { json: { username, password, traffic } })
  expect(reply.status).toBe(201)
  return reply.json as Resource
}
/** The main balance and every sub-user's allocation, in bytes: what every move must conserve. */
const total = () => fake.control.mainBalanceBytes() + fake.control.subusers().reduce((n, s) => n + s.availableBytes + s.usedBytes, 0)

describe('authentication', () => {
  it('answers 401 {"message":"Unauthenticated."} without a token, with a bad one or another scheme', async () => {
    for (const headers of [{ Authorization: '' }, { Authorization: 'Bearer wrong-token' }, { Authorization: `Token ${TOKEN}` }]) {
      const reply = await call('GET', '/me', { headers })
      expect(reply).toMatchObject({ status: 401, json: { message: 'Unauthenticated.' } })
    }
  })

  it('answers 403 to every authenticated call when API access is off (switch and option)', async () => {
    fake.control.setApiAccess(false)
    expect((await call('GET', SUBUSERS)).status).toBe(403)
    fake.control.setApiAccess(true)
    expect((await call('GET', SUBUSERS)).status).toBe(200)
    await boot({ apiAccess: false })
    expect(await call('GET', '/me')).toMatchObject({ status: 403, json: { message: expect.stringContaining('API access') } })
  })
})

describe('routes', () => {
  it('answers 404 to unknown paths, without needing a token', async () => {
    expect(await call('GET', '/residential-subuser', { headers: { Authorization: '' } })).toMatchObject({ status: 404, json: { message: expect.any(String) } })
    expect((await call('GET', '/v2/me')).status).toBe(404)
  })

  it.each(['PATCH', 'POST'])('answers 405 to %s on a sub-user, naming the methods it serves', async (method) => {
    const { hash } = await createSubUser()
    const reply = await call(method, item(hash), { json: { username: 'team_b' } })
    expect(reply.status).toBe(405)
    expect(reply.headers['allow']).toBe('GET, HEAD, PUT, DELETE')
    expect(fake.control.subusers()[0]?.username).toBe('team_a')
  })

  it('answers 405 to the literal method UPDATE of the docs (which Node\'s HTTP server itself refuses, so asked of the fake directly)', async () => {
    const { hash } = await createSubUser()
    const reply = fake.handle({ method: 'UPDATE', path: item(hash), query: new URLSearchParams(), headers: { authorization: `Bearer ${TOKEN}` }, body: '{"username":"team_b"}', origin: base })
    expect(reply).toMatchObject({ status: 405, headers: { Allow: 'GET, HEAD, PUT, DELETE' } })
  })

  it('answers 404 {"message"} for an unknown hash', async () => {
    for (const [method, path] of [['GET', item('01HQ5K3P97DY8EX9Y90YT1K6XA')], ['DELETE', item('nope')], ['POST', `${item('01HQ5K3P97DY8EX9Y90YT1K6XA')}/give-traffic`]] as const) {
      expect(await call(method, path, { json: { amount: 1 } })).toMatchObject({ status: 404, json: { message: expect.any(String) } })
    }
  })
})

describe('the main balance: GET /me', () => {
  it('gives available_traffic in GB, subusers_count and residential_user_hash, also at /residential/me', async () => {
    await createSubUser('a_1', 2.5)
    const reply = await call('GET', '/me')
    expect(reply).toMatchObject({ status: 200, json: { available_traffic: 97.5, subusers_count: 1, residential_user_hash: fake.control.accountHash() } })
    expect((await call('GET', '/residential/me')).json).toEqual(reply.json)
    expect(fake.control.accountHash()).toMatch(CROCKFORD_26)
  })

  it('serves it only at /residential/me when configured so', async () => {
    await boot({ withoutMe: true })
    expect((await call('GET', '/me')).status).toBe(404)
    expect((await call('GET', '/residential/me')).status).toBe(200)
  })

  it('can be set through the control', async () => {
    fake.control.setMainBalance(GB / 4)
    expect((await call('GET', '/me')).json).toMatchObject({ available_traffic: 0.25 })
  })
})

describe('create: POST /residential-subusers', () => {
  it('answers the resource: a 26-character Crockford hash, an increasing legacy id, the password in clear', async () => {
    const a = await createSubUser('team_a', 10, 'Secret123')
    const b = await createSubUser('team_b', 0)
    expect(a).toEqual({ id: 1, hash: expect.stringMatching(CROCKFORD_26), username: 'team_a', password: 'Secret123', traffic_available: 10, traffic_used: 0 })
    expect(b.id).toBe(2)
    expect(b.hash).not.toBe(a.hash)
    expect(fake.control.mainBalanceBytes()).toBe(90 * GB)
  })

  it('never gives a hash or a legacy id twice, even after a delete or a reset', async () => {
    const seen = new Set<string>()
    for (let i = 0; i < 5; i++) {
      const s = await createSubUser(`user_${i}`, 0)
      seen.add(s.hash)
      expect((await call('DELETE', item(s.hash))).status).toBe(200)
    }
    fake.control.reset()
    const after = await createSubUser('user_x', 0)
    expect(seen.has(after.hash)).toBe(false)
    expect(seen.size).toBe(5)
    expect(after.id).toBe(6)
  })

  it('refuses missing fields, a duplicate username and a short main balance with 422 {message, errors}, changing nothing', async () => {
    await createSubUser('team_a', 10)
    const missing = await call('POST', SUBUSERS, { json: {} })
    expect(missing).toMatchObject({ status: 422, json: { message: 'The username field is required. (and 2 more errors)', errors: { username: [expect.any(String)], password: [expect.any(String)], traffic: [expect.any(String)] } } })
    expect(await call('POST', SUBUSERS, { json: { username: 'team_a', password: 'Secret123', traffic: 1 } })).toMatchObject({ status: 422, json: { errors: { username: ['The username has already been taken.'] } } })
    expect(await call('POST', SUBUSERS, { json: { username: 'team_b', password: 'Secret123', traffic: 90.5 } })).toMatchObject({ status: 422, json: { errors: { traffic: [expect.any(String)] } } })
    expect(await call('POST', SUBUSERS, { json: { username: 'team_c', password: 'Secret123', traffic: -1 } })).toMatchObject({ status: 422, json: { errors: { traffic: [expect.any(String)] } } })
    expect(fake.control.subusers()).toHaveLength(1)
    expect(fake.control.mainBalanceBytes()).toBe(90 * GB)
  })
})

describe('update: PUT /residential-subusers/{hash}', () => {
  it('changes only the keys sent', async () => {
    const { hash } = await createSubUser('team_a', 10, 'Secret123')
    const reply = await call('PUT', item(hash), { json: { password: 'Newpass123' } })
    expect(reply).toMatchObject({ status: 200, json: { hash, username: 'team_a', password: 'Newpass123', traffic_available: 10 } })
    expect((await call('PUT', item(hash), { json: { username: 'team_b' } })).json).toMatchObject({ username: 'team_b', password: 'Newpass123' })
  })

  it('sets traffic_available absolutely, moving the difference to or from the main balance', async () => {
    const { hash } = await createSubUser('team_a', 10)
    expect((await call('PUT', item(hash), { json: { traffic: 5.0 } })).json).toMatchObject({ traffic_available: 5 })
    expect(fake.control.mainBalanceBytes()).toBe(95 * GB)
    expect((await call('PUT', item(hash), { json: { traffic: 20 } })).json).toMatchObject({ traffic_available: 20 })
    expect(fake.control.mainBalanceBytes()).toBe(80 * GB)
    expect(await call('PUT', item(hash), { json: { traffic: 101 } })).toMatchObject({ status: 422 })
    expect(total()).toBe(100 * GB)
  })

  it('refuses a username held by another sub-user, and accepts its own', async () => {
    await createSubUser('team_a')
    const { hash } = await createSubUser('team_b')
    expect(await call('PUT', item(hash), { json: { username: 'team_a' } })).toMatchObject({ status: 422, json: { errors: { username: [expect.any(String)] } } })
    expect((await call('PUT', item(hash), { json: { username: 'team_b' } })).status).toBe(200)
  })
})

describe('give-traffic and take-traffic', () => {
  it('change traffic_available by amount, conserving the total exactly', async () => {
    const { hash } = await createSubUser('team_a', 10)
    expect((await call('POST', `${item(hash)}/give-traffic`, { json: { amount: 5.0 } })).json).toMatchObject({ traffic_available: 15 })
    expect((await call('POST', `${item(hash)}/take-traffic`, { json: { amount: 5.0 } })).json).toMatchObject({ traffic_available: 10 })
    for (let i = 0; i < 10; i++) await call('POST', `${item(hash)}/give-traffic`, { json: { amount: 0.1 } })
    for (let i = 0; i < 3; i++) await call('POST', `${item(hash)}/take-traffic`, { json: { amount: 0.3 } })
    expect(total()).toBe(100 * GB)
  })

  it('refuse a take above traffic_available, a give above the main balance, and a missing or non-positive amount, with 422', async () => {
    const { hash } = await createSubUser('team_a', 10)
    expect(await call('POST', `${item(hash)}/take-traffic`, { json: { amount: 10.5 } })).toMatchObject({ status: 422, json: { errors: { amount: [expect.any(String)] } } })
    expect(await call('POST', `${item(hash)}/give-traffic`, { json: { amount: 90.5 } })).toMatchObject({ status: 422, json: { errors: { amount: [expect.any(String)] } } })
    for (const json of [{}, { amount: 0 }, { amount: 'lots' }]) expect((await call('POST', `${item(hash)}/give-traffic`, { json })).status).toBe(422)
    expect(fake.control.subusers()[0]?.availableBytes).toBe(10 * GB)
  })
})

describe('delete: DELETE /residential-subusers/{hash}', () => {
  it('returns what is available to the main balance, with an empty 200; the used part stays consumed', async () => {
    const { hash } = await createSubUser('team_a', 10)
    fake.control.addUsage(hash, 3 * GB)
    const reply = await call('DELETE', item(hash))
    expect(reply).toMatchObject({ status: 200, text: '' })
    expect(fake.control.mainBalanceBytes()).toBe(97 * GB)
    expect((await call('GET', item(hash))).status).toBe(404)
  })

  it('answers 204 when configured so', async () => {
    await boot({ deleteStatus: 204 })
    const { hash } = await createSubUser()
    expect((await call('DELETE', item(hash))).status).toBe(204)
  })
})

describe('list: GET /residential-subusers', () => {
  it('answers Laravel data + meta, per_page capped at 20 by default, a page past the end empty', async () => {
    for (let i = 0; i < 25; i++) await createSubUser(`user_${String(i).padStart(2, '0')}`, 0)
    const first = await call('GET', `${SUBUSERS}?page=1&per_page=100`)
    expect(first.json).toMatchObject({
      meta: { current_page: 1, from: 1, last_page: 2, path: `${base}${SUBUSERS}`, per_page: 20, to: 20, total: 25 },
      links: { prev: null, next: `${base}${SUBUSERS}?page=2` },
    })
    expect((first.json as { data: unknown[] }).data).toHaveLength(20)
    expect((await call('GET', `${SUBUSERS}?page=2&per_page=100`)).json).toMatchObject({ meta: { current_page: 2, from: 21, to: 25 } })
    expect((await call('GET', `${SUBUSERS}?page=3`)).json).toMatchObject({ data: [], meta: { current_page: 3, from: null, to: null, total: 25 } })
    expect((await call('GET', `${SUBUSERS}?per_page=10`)).json).toMatchObject({ meta: { per_page: 10, last_page: 3 } })
    await boot({ perPageCap: 100 })
    expect((await call('GET', `${SUBUSERS}?per_page=100`)).json).toMatchObject({ meta: { per_page: 100 } })
  })

  it('filters by a case-insensitive substring of the username', async () => {
    await createSubUser('team_alpha', 0)
    await createSubUser('TEAM_beta', 0)
    await createSubUser('other', 0)
    const found = (await call('GET', `${SUBUSERS}?search=team`)).json as { data: Resource[]; meta: { total: number } }
    expect(found.data.map((s) => s.username)).toEqual(['team_alpha', 'TEAM_beta'])
    expect(found.meta.total).toBe(2)
  })
})

describe('usage: the control hook and the report', () => {
  it('grows traffic_used and shrinks traffic_available by the same amount, never below 0', async () => {
    const { hash } = await createSubUser('team_a', 1)
    expect(fake.control.addUsage(hash, GB / 4)).toBe(GB / 4)
    expect((await call('GET', item(hash))).json).toMatchObject({ traffic_available: 0.75, traffic_used: 0.25 })
    expect(fake.control.addUsage(hash, 5 * GB)).toBe(0.75 * GB)
    expect((await call('GET', item(hash))).json).toMatchObject({ traffic_available: 0, traffic_used: 1 })
    expect(fake.control.addUsage('01HQ5K3P97DY8EX9Y90YT1K6XA', 1)).toBeUndefined()
    expect(total()).toBe(100 * GB)
  })

  it('answers a CSV date,traffic in the unit, rounding and time zone asked, headers only without usage', async () => {
    const { hash } = await createSubUser('team_a', 10)
    const report = (q: string) => call('GET', `/residential/data-usage-report?hash=${hash}&${q}`)
    expect((await report('date_from=2025-03-01&date_to=2025-03-02&measurement_unit=B&rounding_decimal=0')).text).toBe('date,traffic\n')
    fake.control.addUsage(hash, 1536 * 1024, Date.parse('2025-03-01T23:30:00Z'))
    fake.control.addUsage(hash, 512 * 1024, Date.parse('2025-03-02T10:00:00Z'))
    const utc = await report('date_from=2025-03-01&date_to=2025-03-02&measurement_unit=MB&rounding_decimal=1&time_zone=UTC')
    expect(utc).toMatchObject({ status: 200, text: 'date,traffic\n2025-03-01,1.5\n2025-03-02,0.5\n' })
    expect(String(utc.headers['content-type'])).toMatch(/^text\/csv/)
    expect((await report('date_from=2025-03-01&date_to=2025-03-02&measurement_unit=KB&rounding_decimal=0&time_zone=Asia/Tokyo')).text).toBe('date,traffic\n2025-03-02,2048\n')
    expect((await report('date_from=2025-03-02&date_to=2025-03-02&measurement_unit=B&rounding_decimal=0')).text).toBe(`date,traffic\n2025-03-02,${512 * 1024}\n`)
  })

  it('refuses bad dates, units, rounding, zones and hashes with 422', async () => {
    const { hash } = await createSubUser('team_a', 10)
    const good = { hash, date_from: '2025-03-01', date_to: '2025-03-02', measurement_unit: 'GB', rounding_decimal: '2' }
    const cases: ReadonlyArray<readonly [Record<string, string>, string]> = [
      [{ date_from: '2025-02-30' }, 'date_from'],
      [{ date_to: '2025-02-28' }, 'date_to'],
      [{ date_from: '01/03/2025' }, 'date_from'],
      [{ measurement_unit: 'TB' }, 'measurement_unit'],
      [{ rounding_decimal: '-1' }, 'rounding_decimal'],
      [{ time_zone: 'Mars/Olympus' }, 'time_zone'],
      [{ hash: '01HQ5K3P97DY8EX9Y90YT1K6XA' }, 'hash'],
      [{ date_to: '' }, 'date_to'],
    ]
    for (const [change, field] of cases) {
      const reply = await call('GET', `/residential/data-usage-report?${new URLSearchParams({ ...good, ...change })}`)
      expect(reply).toMatchObject({ status: 422, json: { errors: { [field]: [expect.any(String)] } } })
    }
  })
})

describe('other endpoints', () => {
  it('GET /access/entry-nodes lists the gateways with their ports', async () => {
    const reply = await call('GET', '/access/entry-nodes')
    const nodes = reply.json as Array<{ dns: string; ports: Array<{ name: string; port: number; alternative_ports: number[] }> }>
    expect(nodes.map((n) => n.dns)).toEqual(['geo.iproyal.com', 'proxy.iproyal.com', 'us.proxy.iproyal.com', 'sg.proxy.iproyal.com'])
    expect(nodes[0]?.ports).toEqual([
      { name: 'http|https', port: 12321, alternative_ports: expect.any(Array) },
      { name: 'socks5', port: 32325, alternative_ports: expect.any(Array) },
    ])
  })

  it('DELETE /sessions accepts known hashes with 200 and refuses unknown ones with 422', async () => {
    const { hash } = await createSubUser()
    expect((await call('DELETE', '/sessions', { json: { residential_user_hashes: [hash, fake.control.accountHash()] } })).status).toBe(200)
    expect((await call('DELETE', '/sessions', { json: { residential_user_hashes: ['01HQ5K3P97DY8EX9Y90YT1K6XA'] } })).status).toBe(422)
    expect((await call('DELETE', '/sessions', { json: {} })).status).toBe(422)
    expect(fake.control.sessionResets()).toEqual([[hash, fake.control.accountHash()]])
  })
})

describe('injected faults through the sandbox server', () => {
  it('answers an injected 5xx with {"message"} and a rate-limit burst with 429 and Retry-After, applying neither', async () => {
    await boot({}, { seed: 1, iproyal: { serverErrorRate: 1 } })
    expect(await call('POST', SUBUSERS, { json: { username: 'team_a', password: 'Secret123', traffic: 1 } })).toMatchObject({ status: 500, json: { message: 'Server Error' } })
    server.setFaults({ seed: 1, iproyal: { rateLimitRate: 1, rateLimitBurst: 1 } })
    const limited = await call('POST', SUBUSERS, { json: { username: 'team_a', password: 'Secret123', traffic: 1 } })
    expect(limited).toMatchObject({ status: 429, json: { message: 'Too Many Attempts.' } })
    expect(limited.headers['retry-after']).toBe('1')
    expect(fake.control.subusers()).toEqual([])
  })

  it('applies a create, a PUT, a give and a take, then drops the connection ("applied, then the connection dropped")', async () => {
    const { hash } = await createSubUser('team_a', 10)
    server.setFaults({ seed: 1, iproyal: { dropAfterApplyRate: 1 } })
    const writes: ReadonlyArray<readonly [string, string, unknown]> = [
      ['POST', SUBUSERS, { username: 'team_b', password: 'Secret123', traffic: 2 }],
      ['PUT', item(hash), { password: 'Newpass123' }],
      ['POST', `${item(hash)}/give-traffic`, { amount: 3 }],
      ['POST', `${item(hash)}/take-traffic`, { amount: 1 }],
    ]
    for (const [method, path, json] of writes) await expect(call(method, path, { json })).rejects.toThrow()
    server.setFaults({})
    const [a, b] = fake.control.subusers()
    expect(a).toMatchObject({ username: 'team_a', password: 'Newpass123', availableBytes: 12 * GB })
    expect(b).toMatchObject({ username: 'team_b', availableBytes: 2 * GB })
    expect(fake.control.mainBalanceBytes()).toBe(86 * GB)
    expect(total()).toBe(100 * GB)
  })

  it('resets the connection before applying, on a reset fault', async () => {
    await boot({}, { seed: 1, iproyal: { resetRate: 1 } })
    await expect(call('POST', SUBUSERS, { json: { username: 'team_a', password: 'Secret123', traffic: 1 } })).rejects.toThrow()
    expect(fake.control.subusers()).toEqual([])
    expect(fake.control.mainBalanceBytes()).toBe(100 * GB)
  })
})
