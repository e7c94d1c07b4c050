/**
 * Protocol fidelity of the Webshare fake (vendor sheet §1–§7), over real HTTP
 * through the sandbox server, with plain `fetch` requests written from the
 * sheet: no adapter, no src/http.ts.
 */
import { createWebshareFake, type WebshareFake, type WebshareFakeOptions } from '../../providers/webshare/sandbox'
import type { FaultOptions } from '../../src/sandbox/faults'
import { startFakeServer, type FakeServer } from '../../src/sandbox/server'

const KEY = 'fake-webshare-key-for-tests'
/** 10:00:00.123 at the vendor's -07:00 offset. */
const T0 = Date.parse('2025-04-01T17:00:00.123Z')
const AT_T0 = '2025-04-01T10:00:00.123000-07:00'
const MONTH_AFTER_T0 = '2025-05-01T10:00:00.123000-07:00'

let server: FakeServer<'webshare'>
let fake: WebshareFake
let clock: number
let base: string

const boot = async (options: WebshareFakeOptions = {}, faults: FaultOptions = {}) => {
  await server?.close()
  clock = T0
  fake = createWebshareFake({ apiKey: KEY, now: () => clock, ...options })
  server = await startFakeServer([{ name: 'webshare', mount: '/webshare', fake }], { faults })
  base = `${server.url}/webshare`
}
beforeEach(() => boot())
afterAll(() => server.close())

interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: unknown
}

/**
 * One request as the sheet writes it: `Authorization: Token <key>` (unless
 * `headers` replaces it), a JSON body when `json` is given, a raw one with `raw`.
 */
const call = async (
  method: string,
  path: string,
  init: { json?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply> => {
  const headers: Record<string, string> = {
    Authorization: `Token ${KEY}`,
    ...(init.json === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...init.headers,
  }
  const body = init.raw ?? (init.json === undefined ? undefined : JSON.stringify(init.json))
  const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) })
  const text = await res.text()
  const isJson = res.headers.get('content-type') === 'application/json'
  return { status: res.status, headers: res.headers, text, json: isJson ? (JSON.parse(text) as unknown) : undefined }
}
const noAuth = { Authorization: '' }

const SUBUSERS = '/api/v2/subuser/'
const item = (id: number | string) => `${SUBUSERS}${id}/`
const createSubUser = async (body: Record<string, unknown> = { label: 'team-a' }, query = '') => {
  const reply = await call('POST', `${SUBUSERS}${query}`, { json: body })
  expect(reply.status).toBe(201)
  return reply.json as { id: number; label: string }
}

const EMPTY_STATS = {
  bandwidth_total: 0,
  bandwidth_projected: 0,
  bandwidth_average: 0,
  requests_total: 0,
  requests_successful: 0,
  requests_failed: 0,
  number_of_proxies_used: 0,
  countries_used: {},
  protocols_used: {},
  error_reasons: [],
  average_concurrency: null,
  average_rps: null,
  last_request_sent_at: null,
}
const teamA = (id: number) => ({
  id,
  label: 'team-a',
  proxy_countries: null,
  proxy_limit: 0,
  max_thread_count: 500,
  aggregate_stats: EMPTY_STATS,
  created_at: AT_T0,
  updated_at: AT_T0,
  bandwidth_use_start_date: AT_T0,
  bandwidth_use_end_date: MONTH_AFTER_T0,
})

describe('create: POST /api/v2/subuser/', () => {
  it('answers 201 with the full object and the defaults: proxy_limit 0, proxy_countries null, max_thread_count 500', async () => {
    const reply = await call('POST', SUBUSERS, { json: { label: 'team-a' } })

    expect(reply.status).toBe(201)
    expect(reply.headers.get('content-type')).toBe('application/json')
    expect(reply.json).toEqual(teamA(1))
  })

  it('stores every writable field sent; usage starts at creation unless given, and ends a month later', async () => {
    const reply = await call('POST', SUBUSERS, {
      json: { label: 'team-b', proxy_limit: 2.5, max_thread_count: 100, proxy_countries: { US: 20, ZZ: 5 }, bandwidth_use_start_date: '2025-01-31T12:30:00.654321Z' },
    })

    expect(reply.json).toEqual({
      ...teamA(1),
      label: 'team-b',
      proxy_limit: 2.5,
      max_thread_count: 100,
      proxy_countries: { US: 20, ZZ: 5 },
      bandwidth_use_start_date: '2025-01-31T05:30:00.654000-07:00',
      bandwidth_use_end_date: '2025-02-28T05:30:00.654000-07:00',
    })
  })

  it('gives increasing ids that are never reused, even after a delete or a reset', async () => {
    expect((await createSubUser()).id).toBe(1)
    expect((await createSubUser()).id).toBe(2)
    expect((await call('DELETE', item(2))).status).toBe(204)
    expect((await createSubUser()).id).toBe(3)
    fake.control.reset()
    expect((await createSubUser()).id).toBe(4)
  })

  it('reads labels as DRF CharField does: trimmed, numbers as text; unknown and read-only keys are ignored', async () => {
    const reply = await call('POST', SUBUSERS, { json: { label: '  team-a  ', id: 99, created_at: '2020-01-01T00:00:00Z', aggregate_stats: { bandwidth_total: 5 }, extra: true } })
    const numeric = await call('POST', SUBUSERS, { json: { label: 42, proxy_limit: '1.5', max_thread_count: '7' } })

    expect(reply.json).toEqual(teamA(1))
    expect(numeric.json).toMatchObject({ id: 2, label: '42', proxy_limit: 1.5, max_thread_count: 7 })
  })
})

describe('field errors (400)', () => {
  const cases: Array<[string, unknown, Record<string, unknown>]> = [
    ['a missing label', { proxy_limit: 1 }, { label: [{ message: 'This field is required.', code: 'required' }] }],
    ['a blank label', { label: '   ' }, { label: [{ message: 'This field may not be blank.', code: 'blank' }] }],
    ['a null label', { label: null }, { label: [{ message: 'This field may not be null.', code: 'null' }] }],
    ['a label that is not a string', { label: { a: 1 } }, { label: [{ message: 'Not a valid string.', code: 'invalid' }] }],
    ['a label over 255 characters', { label: 'x'.repeat(256) }, { label: [{ message: 'Ensure this field has no more than 255 characters.', code: 'max_length' }] }],
    ['a proxy_limit that is not a number', { label: 'a', proxy_limit: 'lots' }, { proxy_limit: [{ message: 'A valid number is required.', code: 'invalid' }] }],
    ['a negative proxy_limit', { label: 'a', proxy_limit: -1 }, { proxy_limit: [{ message: 'Ensure this value is greater than or equal to 0.', code: 'min_value' }] }],
    ['a fractional max_thread_count', { label: 'a', max_thread_count: 1.5 }, { max_thread_count: [{ message: 'A valid integer is required.', code: 'invalid' }] }],
    ['a max_thread_count of 0', { label: 'a', max_thread_count: 0 }, { max_thread_count: [{ message: 'Ensure this value is greater than or equal to 1.', code: 'min_value' }] }],
    ['proxy_countries as a list', { label: 'a', proxy_countries: ['US'] }, { proxy_countries: [{ message: 'Expected a dictionary of items but got type "list".', code: 'not_a_dict' }] }],
    ['a lower-case country code', { label: 'a', proxy_countries: { us: 1 } }, { proxy_countries: [{ message: expect.stringContaining('ISO 3166-1 alpha-2') as unknown, code: 'invalid' }] }],
    ['a negative proxy count', { label: 'a', proxy_countries: { US: -1 } }, { proxy_countries: [{ message: expect.stringContaining('non-negative') as unknown, code: 'invalid' }] }],
    ['a start date that is not a date-time', { label: 'a', bandwidth_use_start_date: '2025-02-30T00:00:00Z' }, { bandwidth_use_start_date: [{ message: expect.stringContaining('Datetime has wrong format.') as unknown, code: 'invalid' }] }],
    ['a body that is not an object', ['label'], { non_field_errors: [{ message: 'Invalid data. Expected a dictionary, but got list.', code: 'invalid' }] }],
  ]

  it.each(cases)('refuses %s in the live list-of-objects shape, and creates nothing', async (_, body, errors) => {
    const reply = await call('POST', SUBUSERS, { json: body })

    expect(reply.status).toBe(400)
    expect(reply.json).toEqual(errors)
    expect(fake.control.subusers()).toEqual([])
  })

  it('reports every field at once, in the documented order', async () => {
    const reply = await call('POST', SUBUSERS, { json: { proxy_limit: -2, proxy_countries: 'US' } })

    expect(Object.keys(reply.json as object)).toEqual(['label', 'proxy_countries', 'proxy_limit'])
  })

  it('writes field errors as lists of strings when asked to', async () => {
    await boot({ fieldErrorShape: 'strings' })

    const reply = await call('POST', SUBUSERS, { json: { proxy_limit: -1 } })

    expect(reply).toMatchObject({
      status: 400,
      json: { label: ['This field is required.'], proxy_limit: ['Ensure this value is greater than or equal to 0.'] },
    })
  })
})

describe('request bodies', () => {
  it('answers a body that is not JSON with 400 "JSON parse error", without quoting it', async () => {
    const reply = await call('POST', SUBUSERS, { raw: '{"label": "team-a"', headers: { 'Content-Type': 'application/json' } })

    expect(reply.status).toBe(400)
    expect(reply.json).toEqual({ detail: 'JSON parse error - the request body is not valid JSON.' })
    expect(fake.control.subusers()).toEqual([])
  })

  it('answers another media type with 415', async () => {
    const reply = await call('POST', SUBUSERS, { raw: 'label=team-a', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })

    expect(reply).toMatchObject({ status: 415, json: { detail: 'Unsupported media type "application/x-www-form-urlencoded" in request.' } })
  })

  it('ignores a body sent without Content-Type, as DRF does: the label is then missing', async () => {
    const res = await fetch(`${base}${SUBUSERS}`, { method: 'POST', headers: { Authorization: `Token ${KEY}` }, body: new Uint8Array(Buffer.from('{"label":"team-a"}')) })

    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ label: [{ message: 'This field is required.', code: 'required' }] })
  })

  it('answers an Accept header that rules out JSON with 406', async () => {
    const reply = await call('GET', SUBUSERS, { headers: { Accept: 'text/html' } })

    expect(reply).toMatchObject({ status: 406, json: { detail: 'Could not satisfy the request Accept header.' } })
    expect((await call('GET', SUBUSERS, { headers: { Accept: 'application/json; indent=4' } })).status).toBe(200)
  })
})

describe('retrieve: GET /api/v2/subuser/{id}/', () => {
  it('answers 200 with the object', async () => {
    await createSubUser()

    const reply = await call('GET', item(1))

    expect(reply.status).toBe(200)
    expect(reply.json).toEqual(teamA(1))
  })

  it.each([['7'], ['abc'], ['refresh']])('answers an unknown id (%s) with 404 {"detail":"Not found."}', async (id) => {
    const reply = await call('GET', item(id))

    expect(reply.status).toBe(404)
    expect(reply.headers.get('content-type')).toBe('application/json')
    expect(reply.json).toEqual({ detail: 'Not found.' })
  })
})

describe('update: PATCH /api/v2/subuser/{id}/', () => {
  beforeEach(async () => {
    await createSubUser({ label: 'team-a', proxy_limit: 2.5, max_thread_count: 100, proxy_countries: { US: 20 } })
  })

  it('changes only the keys sent and stamps updated_at', async () => {
    clock = T0 + 60_000

    const reply = await call('PATCH', item(1), { json: { proxy_limit: 10 } })

    expect(reply.status).toBe(200)
    expect(reply.json).toEqual({
      ...teamA(1),
      proxy_limit: 10,
      max_thread_count: 100,
      proxy_countries: { US: 20 },
      updated_at: '2025-04-01T10:01:00.123000-07:00',
    })
  })

  it('clears proxy_countries with an explicit null, and leaves them when absent', async () => {
    await call('PATCH', item(1), { json: { label: 'renamed' } })
    expect(fake.control.subusers()[0]).toMatchObject({ label: 'renamed', proxy_countries: { US: 20 } })

    const reply = await call('PATCH', item(1), { json: { proxy_countries: null } })

    expect(reply.json).toMatchObject({ label: 'renamed', proxy_countries: null, proxy_limit: 2.5 })
  })

  it('moves the usage window with bandwidth_use_start_date', async () => {
    const reply = await call('PATCH', item(1), { json: { bandwidth_use_start_date: '2025-03-31T00:00:00-07:00' } })

    expect(reply.json).toMatchObject({ bandwidth_use_start_date: '2025-03-31T00:00:00.000000-07:00', bandwidth_use_end_date: '2025-04-30T00:00:00.000000-07:00' })
  })

  it('refuses invalid fields with 400 and changes nothing; a null label is refused', async () => {
    const before = fake.control.subusers()

    const reply = await call('PATCH', item(1), { json: { label: null, proxy_limit: -5 } })

    expect(reply.status).toBe(400)
    expect(reply.json).toEqual({
      label: [{ message: 'This field may not be null.', code: 'null' }],
      proxy_limit: [{ message: 'Ensure this value is greater than or equal to 0.', code: 'min_value' }],
    })
    expect(fake.control.subusers()).toEqual(before)
  })

  it('answers an unknown id with 404', async () => {
    expect(await call('PATCH', item(9), { json: { proxy_limit: 1 } })).toMatchObject({ status: 404, json: { detail: 'Not found.' } })
  })
})

describe('delete: DELETE /api/v2/subuser/{id}/', () => {
  it('answers 204 with an empty body and no Content-Type, then the id is gone', async () => {
    await createSubUser()

    const reply = await call('DELETE', item(1))

    expect(reply.status).toBe(204)
    expect(reply.text).toBe('')
    expect(reply.headers.get('content-type')).toBeNull()
    expect(reply.headers.get('x-request-id')).toEqual(expect.any(String))
    expect(fake.control.subusers()).toEqual([])
    expect((await call('GET', item(1))).status).toBe(404)
    expect(await call('DELETE', item(1))).toMatchObject({ status: 404, json: { detail: 'Not found.' } })
  })
})

describe('refresh: POST /api/v2/subuser/{id}/refresh/', () => {
  it('answers 200 with the object when the sub-user has a custom proxy list', async () => {
    await createSubUser({ label: 'team-a', proxy_countries: { US: 2 } })

    const reply = await call('POST', `${item(1)}refresh/`)

    expect(reply.status).toBe(200)
    expect(reply.json).toEqual({ ...teamA(1), proxy_countries: { US: 2 } })
    expect(fake.control.subusers()[0]?.refreshes).toBe(1)
  })

  it('answers 400 with non_field_errors when proxy_countries is null', async () => {
    await createSubUser()

    const reply = await call('POST', `${item(1)}refresh/`)

    expect(reply.status).toBe(400)
    expect(reply.json).toEqual({ non_field_errors: [{ message: expect.stringContaining('no custom proxy list') as unknown, code: 'invalid' }] })
    expect(fake.control.subusers()[0]?.refreshes).toBe(0)
  })

  it('answers an unknown id with 404', async () => {
    expect(await call('POST', `${item(5)}refresh/`)).toMatchObject({ status: 404, json: { detail: 'Not found.' } })
  })
})

describe('list: GET /api/v2/subuser/', () => {
  const labels = (reply: Reply) => (reply.json as { results: Array<{ label: string }> }).results.map((r) => r.label)
  const createMany = async (n: number, query = '') => {
    for (let i = 1; i <= n; i++) await createSubUser({ label: `user-${i}` }, query)
  }

  it('answers an empty account with page 1 and count 0', async () => {
    const reply = await call('GET', SUBUSERS)

    expect(reply.status).toBe(200)
    expect(reply.json).toEqual({ count: 0, next: null, previous: null, results: [] })
  })

  it('pages by 25 by default with absolute links on the fake origin; previous of page 2 drops page, as DRF does', async () => {
    await createMany(53)

    const first = await call('GET', SUBUSERS)
    const second = await call('GET', `${SUBUSERS}?page=2`)
    const third = await call('GET', `${SUBUSERS}?page=3`)

    expect(first.json).toMatchObject({ count: 53, next: `${base}${SUBUSERS}?page=2`, previous: null })
    expect(labels(first)).toHaveLength(25)
    expect(labels(first)[0]).toBe('user-1')
    expect(second.json).toMatchObject({ count: 53, next: `${base}${SUBUSERS}?page=3`, previous: `${base}${SUBUSERS}` })
    expect(labels(second)[0]).toBe('user-26')
    expect(third.json).toMatchObject({ count: 53, next: null, previous: `${base}${SUBUSERS}?page=2` })
    expect(labels(third)).toEqual(['user-51', 'user-52', 'user-53'])
  })

  it('keeps page_size and plan_id in the links, with the keys sorted', async () => {
    await createMany(5, '?plan_id=77')

    const reply = await call('GET', `${SUBUSERS}?plan_id=77&page_size=2&page=2`)

    expect(reply.json).toMatchObject({
      count: 5,
      next: `${base}${SUBUSERS}?page=3&page_size=2&plan_id=77`,
      previous: `${base}${SUBUSERS}?page_size=2&plan_id=77`,
    })
    expect(labels(reply)).toEqual(['user-3', 'user-4'])
  })

  it('caps page_size at pageSizeCap; an invalid one means the default', async () => {
    await boot({ pageSizeCap: 3 })
    await createMany(27)

    expect(labels(await call('GET', `${SUBUSERS}?page_size=100`))).toEqual(['user-1', 'user-2', 'user-3'])
    expect(labels(await call('GET', `${SUBUSERS}?page_size=0`))).toHaveLength(25)
    expect(labels(await call('GET', `${SUBUSERS}?page_size=abc&page=2`))).toEqual(['user-26', 'user-27'])
  })

  it('answers page=last with the last page', async () => {
    await createMany(3)

    expect(labels(await call('GET', `${SUBUSERS}?page_size=2&page=last`))).toEqual(['user-3'])
  })

  it.each([['?page=3'], ['?page=0'], ['?page=-1'], ['?page=abc'], ['?page=1.0']])('answers %s (not a page of 2) with 404 {"detail":"Invalid page."}', async (query) => {
    await createMany(2)

    const reply = await call('GET', `${SUBUSERS}${query}`)

    expect(reply).toMatchObject({ status: 404, json: { detail: 'Invalid page.' } })
  })

  it('shows the stored usage in bytes, with the nullable stats null', async () => {
    await createSubUser()
    expect(fake.control.setUsage(1, 73_400_320)).toBe(true)
    expect(fake.control.setUsage(2, 1)).toBe(false)

    const reply = await call('GET', SUBUSERS)

    expect((reply.json as { results: unknown[] }).results).toEqual([{ ...teamA(1), aggregate_stats: { ...EMPTY_STATS, bandwidth_total: 73_400_320 } }])
  })
})

describe('plans (plan_id)', () => {
  it('keeps sub-users per plan, with ids unique across plans', async () => {
    await createSubUser({ label: 'default-1' })
    await createSubUser({ label: 'plan-1' }, '?plan_id=77')
    await createSubUser({ label: 'default-2' })

    const inDefault = await call('GET', SUBUSERS)
    const inPlan = await call('GET', `${SUBUSERS}?plan_id=77`)

    expect((inDefault.json as { results: Array<{ id: number }> }).results.map((r) => r.id)).toEqual([1, 3])
    expect(inPlan.json).toMatchObject({ count: 1, results: [{ id: 2, label: 'plan-1' }] })
    expect(fake.control.subusers().map((s) => [s.id, s.plan_id])).toEqual([
      [1, null],
      [2, '77'],
      [3, null],
    ])
  })

  it('finds a sub-user on get, update and delete only in its own plan', async () => {
    await createSubUser({ label: 'plan-1' }, '?plan_id=77')

    expect((await call('GET', item(1))).status).toBe(404)
    expect((await call('GET', `${item(1)}?plan_id=78`)).status).toBe(404)
    expect((await call('PATCH', item(1), { json: { label: 'x' } })).status).toBe(404)
    expect((await call('DELETE', item(1))).status).toBe(404)
    expect(await call('GET', `${item(1)}?plan_id=77`)).toMatchObject({ status: 200, json: { label: 'plan-1' } })
  })

  it('refreshes a sub-user of any plan (refresh takes no plan_id)', async () => {
    await createSubUser({ label: 'plan-1', proxy_countries: { ZZ: 1 } }, '?plan_id=77')

    expect(await call('POST', `${item(1)}refresh/`)).toMatchObject({ status: 200, json: { id: 1, label: 'plan-1' } })
  })

  it('counts the quota per plan: past subusersTotal, 400 non_field_errors subuser_limit_reached, nothing created', async () => {
    await boot({ subusersTotal: 2 })
    await createSubUser({ label: 'a' })
    await createSubUser({ label: 'b' })

    const full = await call('POST', SUBUSERS, { json: { label: 'c' } })

    expect(full.status).toBe(400)
    expect(full.json).toEqual({ non_field_errors: [{ message: expect.stringContaining('maximum number of sub-users') as unknown, code: 'subuser_limit_reached' }] })
    expect(fake.control.subusers()).toHaveLength(2)
    expect((await createSubUser({ label: 'c' }, '?plan_id=77')).id).toBe(3)
    await call('DELETE', item(1))
    expect((await createSubUser({ label: 'c' })).id).toBe(4)
  })

  it('checks fields before the quota', async () => {
    await boot({ subusersTotal: 0 })

    expect((await call('POST', SUBUSERS, { json: {} })).json).toEqual({ label: [{ message: 'This field is required.', code: 'required' }] })
  })
})

describe('paths and verbs', () => {
  it.each([
    ['GET', '/api/v2/subuser'],
    ['POST', '/api/v2/subuser'],
    ['GET', '/api/v2/subuser/1'],
    ['DELETE', '/api/v2/subuser/1'],
    ['POST', '/api/v2/subuser/1/refresh'],
    ['GET', '/api/v2/subusers/'],
    ['GET', '/api/v1/subuser/'],
  ])('answers %s %s (no trailing slash or no such path) with 404, before authentication and without touching state', async (method, path) => {
    await createSubUser({ label: 'team-a', proxy_countries: { US: 1 } })

    const reply = await call(method, path, { headers: noAuth })

    expect(reply).toMatchObject({ status: 404, json: { detail: 'Not found.' } })
    expect(fake.control.subusers()).toHaveLength(1)
    expect(fake.control.subusers()[0]?.refreshes).toBe(0)
  })

  it.each([
    ['PUT', SUBUSERS, 'GET, POST'],
    ['PATCH', SUBUSERS, 'GET, POST'],
    ['DELETE', SUBUSERS, 'GET, POST'],
    ['POST', item(1), 'GET, PATCH, DELETE'],
    ['PUT', item(1), 'GET, PATCH, DELETE'],
    ['GET', `${item(1)}refresh/`, 'POST'],
    ['PATCH', `${item(404)}refresh/`, 'POST'],
  ])('answers %s %s with 405 {"detail": …} and Allow: %s', async (method, path, allow) => {
    await createSubUser()

    const reply = await call(method, path, method === 'GET' ? {} : { json: { label: 'x' } })

    expect(reply.status).toBe(405)
    expect(reply.json).toEqual({ detail: `Method "${method}" not allowed.` })
    expect(reply.headers.get('allow')).toBe(allow)
    expect(fake.control.subusers().map((s) => s.label)).toEqual(['team-a'])
  })
})

describe('authentication: Authorization: Token <key>', () => {
  it.each([
    ['no header', '', 'Authentication credentials were not provided.'],
    ['another scheme', `Bearer ${KEY}`, 'Authentication credentials were not provided.'],
    ['a wrong key', 'Token not-the-key', 'Invalid token.'],
    ['no key', 'Token', 'Invalid token header. No credentials provided.'],
    ['a key with spaces', `Token ${KEY} extra`, 'Invalid token header. Token string should not contain spaces.'],
  ])('answers %s with 401 {"detail": …} and WWW-Authenticate: Token, creating nothing', async (_, authorization, detail) => {
    const reply = await call('POST', SUBUSERS, { json: { label: 'team-a' }, headers: { Authorization: authorization } })

    expect(reply.status).toBe(401)
    expect(reply.json).toEqual({ detail })
    expect(reply.headers.get('www-authenticate')).toBe('Token')
    expect(fake.control.subusers()).toEqual([])
  })

  it('accepts the keyword in any case', async () => {
    expect((await call('GET', SUBUSERS, { headers: { Authorization: `token ${KEY}` } })).status).toBe(200)
  })

  it('authenticates before answering a wrong verb or an unknown id', async () => {
    expect((await call('PUT', item(1), { headers: noAuth })).status).toBe(401)
    expect((await call('GET', item(1), { headers: noAuth })).status).toBe(401)
  })
})

describe('sub-user API access', () => {
  it('answers every authenticated call with 403 when the account has no sub-user access, and applies nothing', async () => {
    await boot({ subuserAccess: false })

    const reply = await call('POST', SUBUSERS, { json: { label: 'team-a' } })

    expect(reply.status).toBe(403)
    expect(reply.json).toEqual({ detail: 'You do not have permission to perform this action.' })
    expect(fake.control.subusers()).toEqual([])
    expect((await call('GET', SUBUSERS, { headers: noAuth })).status).toBe(401)
  })

  it('switches access off and on through the control hook; reset restores it', async () => {
    await createSubUser()
    fake.control.setSubuserAccess(false)
    expect((await call('GET', item(1))).status).toBe(403)
    expect((await call('DELETE', item(1))).status).toBe(403)
    fake.control.setSubuserAccess(true)
    expect((await call('GET', item(1))).status).toBe(200)
    fake.control.setSubuserAccess(false)
    fake.control.reset()
    expect((await call('GET', SUBUSERS)).json).toMatchObject({ count: 0 })
  })
})

describe('rate limit', () => {
  it('answers 429 past requestsPerMinute in a sliding 60 s window, with Retry-After, and does not apply the refused request', async () => {
    await boot({ requestsPerMinute: 3 })
    await createSubUser({ label: 'a' })
    clock += 10_000
    await createSubUser({ label: 'b' })
    clock += 10_000
    await createSubUser({ label: 'c' })
    clock += 5_500

    const refused = await call('POST', SUBUSERS, { json: { label: 'd' } })

    expect(refused.status).toBe(429)
    expect(refused.json).toEqual({ detail: 'Request was throttled. Expected available in 35 seconds.' })
    expect(refused.headers.get('retry-after')).toBe('35')
    expect(fake.control.subusers().map((s) => s.label)).toEqual(['a', 'b', 'c'])

    clock = T0 + 59_999
    expect(await call('GET', SUBUSERS)).toMatchObject({ status: 429, json: { detail: 'Request was throttled. Expected available in 1 second.' } })
    clock = T0 + 60_000
    expect((await createSubUser({ label: 'd' })).id).toBe(4)
    expect((await call('GET', SUBUSERS)).status).toBe(429)
  })

  it('counts the rate over a shorter sliding window when rateWindowMs is set: 6,000 a minute is 100 in any second', async () => {
    await boot({ requestsPerMinute: 6_000, rateWindowMs: 1_000 })
    for (let i = 0; i < 100; i++) expect((await call('GET', SUBUSERS)).status).toBe(200)

    const refused = await call('POST', SUBUSERS, { json: { label: 'late' } })

    expect(refused).toMatchObject({ status: 429, json: { detail: 'Request was throttled. Expected available in 1 second.' } })
    expect(refused.headers.get('retry-after')).toBe('1')
    expect(fake.control.subusers()).toEqual([])
    clock += 999
    expect((await call('GET', SUBUSERS)).status).toBe(429)
    clock += 1
    for (let i = 0; i < 100; i++) expect((await call('GET', SUBUSERS)).status).toBe(200)
    expect((await call('GET', SUBUSERS)).status).toBe(429)
  })

  it('does not count refused requests, nor those failing authentication', async () => {
    await boot({ requestsPerMinute: 1 })
    for (let i = 0; i < 3; i++) expect((await call('GET', SUBUSERS, { headers: { Authorization: 'Token wrong' } })).status).toBe(401)
    expect((await call('GET', SUBUSERS)).status).toBe(200)
    for (let i = 0; i < 3; i++) expect((await call('GET', SUBUSERS)).status).toBe(429)

    clock += 60_000

    expect((await call('GET', SUBUSERS)).status).toBe(200)
  })

  it('counts every routed, authenticated request (404 and 405 included) but not a path with no route', async () => {
    await boot({ requestsPerMinute: 2 })
    expect((await call('GET', '/api/v2/subuser')).status).toBe(404)
    expect((await call('GET', item(9))).status).toBe(404)
    expect((await call('PUT', SUBUSERS)).status).toBe(405)

    expect((await call('GET', SUBUSERS)).status).toBe(429)
  })

  it('sends no Retry-After (nor a wait) when switched off', async () => {
    await boot({ requestsPerMinute: 0, retryAfter: false })

    const reply = await call('GET', SUBUSERS)

    expect(reply).toMatchObject({ status: 429, json: { detail: 'Request was throttled.' } })
    expect(reply.headers.get('retry-after')).toBeNull()
  })
})

describe('headers', () => {
  it('sends a distinct X-Request-ID on every response, and JSON with Content-Type: application/json', async () => {
    await boot({ requestsPerMinute: 3 })
    const replies = [
      await call('POST', SUBUSERS, { json: { label: 'a' } }),
      await call('GET', SUBUSERS, { headers: noAuth }),
      await call('GET', '/nothing-here'),
      await call('GET', item(1)),
      await call('DELETE', item(1)),
      await call('GET', SUBUSERS),
    ]

    expect(replies.map((r) => r.status)).toEqual([201, 401, 404, 200, 204, 429])
    const ids = replies.map((r) => r.headers.get('x-request-id'))
    expect(ids.every((id) => id !== null && /^[0-9a-f-]{36}$/.test(id))).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
    expect(replies.map((r) => r.headers.get('content-type'))).toEqual([
      'application/json',
      'application/json',
      'application/json',
      'application/json',
      null,
      'application/json',
    ])
  })
})

describe('injected faults through the sandbox server', () => {
  it('answers an injected 5xx in plain text with an X-Request-ID, without applying the request', async () => {
    await boot({}, { seed: 1, webshare: { serverErrorRate: 1 } })

    const reply = await call('POST', SUBUSERS, { json: { label: 'team-a' } })

    expect(reply.status).toBe(500)
    expect(reply.text).toBe('Server Error (500)')
    expect(reply.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(reply.headers.get('x-request-id')).toEqual(expect.any(String))
    expect(fake.control.subusers()).toEqual([])
  })

  it('answers an injected rate-limit burst with the vendor 429 and Retry-After, without applying the request', async () => {
    await boot({}, { seed: 1, webshare: { rateLimitRate: 1, rateLimitBurst: 1 } })

    const reply = await call('POST', SUBUSERS, { json: { label: 'team-a' } })

    expect(reply).toMatchObject({ status: 429, json: { detail: 'Request was throttled. Expected available in 1 second.' } })
    expect(reply.headers.get('retry-after')).toBe('1')
    expect(fake.control.subusers()).toEqual([])
  })
})
