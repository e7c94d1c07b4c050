/**
 * The Webshare fake's proxy config, proxy list and stats (vendor sheet §8), over real HTTP
 * with plain `fetch` requests written from the sheet and the vendor's docs (`X-Subuser`
 * with the parent key); then the adapter's access and usage over the same sandbox, usage
 * consistent with each sub-user's `trafficUsedBytes`.
 */
import { createWebshareProvider } from '../../providers/webshare'
import { createWebshareFake, type WebshareFake } from '../../providers/webshare/sandbox'
import { startFakeServer, type FakeServer } from '../../src/sandbox/server'

const KEY = 'fake-webshare-key-for-tests'
const T0 = Date.parse('2025-04-10T17:30:00Z')
const HOUR = 3_600_000

let server: FakeServer<'webshare'>
let fake: WebshareFake
let clock: number
let base: string

beforeEach(async () => {
  await server?.close()
  clock = T0
  fake = createWebshareFake({ apiKey: KEY, now: () => clock })
  server = await startFakeServer([{ name: 'webshare', mount: '/webshare', fake }])
  base = `${server.url}/webshare`
})
afterAll(() => server.close())

const call = async (path: string, subuser?: string | number, method = 'GET') => {
  const res = await fetch(`${base}${path}`, { method, headers: { Authorization: `Token ${KEY}`, ...(subuser === undefined ? {} : { 'X-Subuser': String(subuser) }) } })
  const text = await res.text()
  return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) }
}
const createSubUser = async (body: Record<string, unknown>) => {
  const res = await fetch(`${base}/api/v2/subuser/`, { method: 'POST', headers: { Authorization: `Token ${KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  return (await res.json()) as { id: number }
}

describe('webshare fake: proxy config and list as a sub-user', () => {
  it('gives the sub-user its own proxy login and allocations, and the account its own without X-Subuser', async () => {
    const { id } = await createSubUser({ label: 'team-a', proxy_limit: 1, proxy_countries: { US: 2, DE: 1 } })
    const mine = await call('/api/v2/proxy/config/', id)
    const snapshot = fake.control.subusers()[0]!
    expect(mine).toMatchObject({ status: 200, json: { username: snapshot.proxy_username, password: snapshot.proxy_password, countries: { US: 2, DE: 1 } } })
    expect(snapshot.proxy_username).toMatch(/^[a-z]{8}$/)
    expect(snapshot.proxy_password).toMatch(/^[a-z0-9]{12}$/)
    const account = await call('/api/v2/proxy/config/')
    expect((account.json as { username: string }).username).not.toBe(snapshot.proxy_username)
  })

  it('lists the sub-user proxies by its proxy_countries, in DRF pages, direct or backbone', async () => {
    const { id } = await createSubUser({ label: 'team-a', proxy_limit: 1, proxy_countries: { US: 2, DE: 1 } })
    const direct = await call('/api/v2/proxy/list/?mode=direct&page=1&page_size=2', id)
    const body = direct.json as { count: number; next: string | null; results: Array<Record<string, unknown>> }
    expect(direct.status).toBe(200)
    expect(body.count).toBe(3)
    expect(body.next).toBe(`${base}/api/v2/proxy/list/?mode=direct&page=2&page_size=2`)
    expect(body.results.map((p) => p['country_code'])).toEqual(['US', 'US'])
    expect(body.results[0]).toMatchObject({ id: `d-${id}-1`, username: fake.control.subusers()[0]!.proxy_username, valid: true, city_name: 'New York' })
    expect(body.results[0]!['proxy_address']).toMatch(/^198\.1[89]\.\d+\.\d+$/)
    const german = (await call('/api/v2/proxy/list/?mode=direct&country_code__in=de,FR', id)).json as { count: number; results: Array<Record<string, unknown>> }
    expect([german.count, german.results[0]?.['country_code']]).toEqual([1, 'DE'])
    const backbone = (await call('/api/v2/proxy/list/?mode=backbone', id)).json as { results: Array<Record<string, unknown>> }
    expect(backbone.results.map((p) => [p['proxy_address'], p['port']])).toEqual([[null, 10000], [null, 10001], [null, 10002]])
  })

  it('gives the plan main list to a sub-user without a custom list, and new proxies after a refresh', async () => {
    const plain = await createSubUser({ label: 'plain', proxy_limit: 1 })
    expect(((await call('/api/v2/proxy/list/?mode=direct', plain.id)).json as { count: number }).count).toBe(10)
    const custom = await createSubUser({ label: 'custom', proxy_limit: 1, proxy_countries: { ZZ: 3 } })
    const before = (await call('/api/v2/proxy/list/?mode=direct', custom.id)).json as { results: Array<{ proxy_address: string; country_code: string }> }
    await fetch(`${base}/api/v2/subuser/${custom.id}/refresh/`, { method: 'POST', headers: { Authorization: `Token ${KEY}` } })
    const after = (await call('/api/v2/proxy/list/?mode=direct', custom.id)).json as { results: Array<{ proxy_address: string }> }
    expect(after.results.map((p) => p.proxy_address)).not.toEqual(before.results.map((p) => p.proxy_address))
    expect(before.results.map((p) => p.country_code)).toEqual(['US', 'DE', 'GB'])
  })

  it('requires a valid mode, answers 404 for an unknown X-Subuser and 405 for another verb', async () => {
    const { id } = await createSubUser({ label: 'team-a', proxy_limit: 1 })
    expect(await call('/api/v2/proxy/list/', id)).toEqual({ status: 400, json: { mode: [{ message: 'This field is required.', code: 'required' }] } })
    expect((await call('/api/v2/proxy/list/?mode=rotating', id)).status).toBe(400)
    expect(await call('/api/v2/proxy/config/', 999)).toEqual({ status: 404, json: { detail: 'Not found.' } })
    expect((await call('/api/v2/stats/', 'abc')).status).toBe(404)
    expect((await call('/api/v2/proxy/config/', id, 'DELETE')).status).toBe(405)
    const anonymous = await fetch(`${base}/api/v2/proxy/config/`, { headers: { 'X-Subuser': String(id) } })
    expect(anonymous.status).toBe(401)
  })
})

describe('webshare fake: proxy stats as a sub-user', () => {
  it('lists the hours with traffic, oldest first, stamped in the vendor zone, and projects the hours to come', async () => {
    const { id } = await createSubUser({ label: 'team-a', proxy_limit: 1 })
    fake.control.addUsage(id, 2_400, T0 - 2 * HOUR)
    fake.control.addUsage(id, 1_000, T0 - 26 * HOUR)
    const q = `timestamp__gte=${encodeURIComponent('2025-04-09T00:00:00Z')}&timestamp__lte=${encodeURIComponent('2025-04-10T20:00:00Z')}`
    const rows = (await call(`/api/v2/stats/?${q}`, id)).json as Array<{ timestamp: string; is_projected: boolean; bandwidth_total: number }>
    expect(rows.map((r) => [r.timestamp, r.is_projected, r.bandwidth_total])).toEqual([
      ['2025-04-09T08:00:00-07:00', false, 1_000],
      ['2025-04-10T08:00:00-07:00', false, 2_400],
      ['2025-04-10T11:00:00-07:00', true, 100],
      ['2025-04-10T12:00:00-07:00', true, 100],
      ['2025-04-10T13:00:00-07:00', true, 100],
    ])
    const total = (await call(`/api/v2/stats/aggregate/?${q}`, id)).json
    expect(total).toMatchObject({ bandwidth_total: 3_400, bandwidth_projected: 3_700, requests_total: 2, error_reasons: [] })
    expect(fake.control.subusers()[0]?.bandwidth_total).toBe(3_400)
  })

  it('refuses a window older than 90 days, an inverted one or an unreadable date, as DRF field errors', async () => {
    const { id } = await createSubUser({ label: 'team-a', proxy_limit: 1 })
    const old = await call(`/api/v2/stats/?timestamp__gte=2025-01-01T00:00:00Z&timestamp__lte=2025-01-02T00:00:00Z`, id)
    expect(old).toEqual({ status: 400, json: { timestamp__gte: [{ message: 'Cannot be older than 90 days from today.', code: 'invalid' }] } })
    expect((await call(`/api/v2/stats/?timestamp__gte=2025-04-05T00:00:00Z&timestamp__lte=2025-04-04T00:00:00Z`, id)).status).toBe(400)
    expect((await call(`/api/v2/stats/?timestamp__gte=yesterday`, id)).status).toBe(400)
  })

  it('keeps bandwidth_total the sum of the hours, through setUsage rises and resets', async () => {
    const { id } = await createSubUser({ label: 'team-a', proxy_limit: 1 })
    expect(fake.control.setUsage(id, 5_000)).toBe(true)
    fake.control.addUsage(id, 300, T0 - HOUR)
    expect(fake.control.subusers()[0]?.bandwidth_total).toBe(5_300)
    const q = 'timestamp__gte=2025-04-10T00:00:00Z&timestamp__lte=2025-04-10T17:59:59Z'
    const sum = async () => ((await call(`/api/v2/stats/?${q}`, id)).json as Array<{ bandwidth_total: number }>).reduce((s, r) => s + r.bandwidth_total, 0)
    expect(await sum()).toBe(5_300)
    fake.control.setUsage(id, 10)
    expect(fake.control.subusers()[0]?.bandwidth_total).toBe(10)
    expect(await sum()).toBe(10)
    expect(fake.control.addUsage(999, 1)).toBe(false)
    expect(fake.control.addUsage(id, 1.5)).toBe(false)
  })

  it('gives the account the traffic of its sub-users without X-Subuser', async () => {
    const a = await createSubUser({ label: 'a', proxy_limit: 1 })
    const b = await createSubUser({ label: 'b', proxy_limit: 1 })
    fake.control.addUsage(a.id, 7, T0 - HOUR)
    fake.control.addUsage(b.id, 5, T0 - HOUR)
    const total = (await call('/api/v2/stats/aggregate/?timestamp__gte=2025-04-10T00:00:00Z&timestamp__lte=2025-04-10T17:00:00Z')).json
    expect(total).toMatchObject({ bandwidth_total: 12 })
  })
})

describe('webshare adapter access and usage over the sandbox', () => {
  const provider = () => createWebshareProvider({ apiKey: KEY, baseURL: base, rateLimit: false, now: () => clock })

  it('gives the working proxies of the sub-user list, with its proxy login, as its own client would read them', async () => {
    const { id } = await createSubUser({ label: 'team-a', proxy_limit: 1, proxy_countries: { US: 8 } })
    const r = await provider().access(String(id))()
    if (r._tag === 'Left') throw r.left
    const snapshot = fake.control.subusers()[0]!
    expect(r.right.username).toBe(snapshot.proxy_username)
    expect(r.right.password?.reveal()).toBe(snapshot.proxy_password)
    // Eight listed, the seventh failed its check.
    expect(r.right.endpoints).toHaveLength(7)
    expect(r.right.url?.reveal()).toBe(`http://${snapshot.proxy_username}:${snapshot.proxy_password}@${r.right.endpoints[0]!.host}:${r.right.endpoints[0]!.port}`)
  })

  it('reads usage per UTC day, summing the fake hours, and agrees with trafficUsedBytes', async () => {
    const { id } = await createSubUser({ label: 'team-a', proxy_limit: 1 })
    fake.control.addUsage(id, 1_000, Date.parse('2025-04-08T23:30:00Z'))
    fake.control.addUsage(id, 500, Date.parse('2025-04-09T00:10:00Z'))
    fake.control.addUsage(id, 250, Date.parse('2025-04-10T09:00:00Z'))
    const p = provider()
    const rows = await p.usage(String(id), { from: '2025-04-07', to: '2025-04-10' })()
    expect(rows).toEqual({
      _tag: 'Right',
      right: [
        { date: '2025-04-07', bytes: 0 },
        { date: '2025-04-08', bytes: 1_000 },
        { date: '2025-04-09', bytes: 500 },
        { date: '2025-04-10', bytes: 250 },
      ],
    })
    const user = await p.get(String(id))()
    expect(user._tag === 'Right' && user.right.trafficUsedBytes).toBe(1_750)
  })

  it('answers not_found for a deleted sub-user on access and usage', async () => {
    const { id } = await createSubUser({ label: 'team-a', proxy_limit: 1 })
    await fetch(`${base}/api/v2/subuser/${id}/`, { method: 'DELETE', headers: { Authorization: `Token ${KEY}` } })
    const p = provider()
    expect(await p.access(String(id))()).toMatchObject({ left: { kind: 'not_found', operation: 'access' } })
    expect(await p.usage(String(id), { from: '2025-04-10', to: '2025-04-10' })()).toMatchObject({ left: { kind: 'not_found', operation: 'usage' } })
  })
})
