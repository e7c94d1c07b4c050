/**
 * The Thordata fake's usage statistics fed by its controls (vendor sheet §3.5, §7), over
 * real HTTP; then the adapter's access and usage over the same sandbox, usage consistent
 * with each sub-user's `trafficUsedBytes`.
 */
import { createThordataProvider } from '../../providers/thordata'
import { createThordataFake, type ThordataFake } from '../../providers/thordata/sandbox'
import { startFakeServer, type FakeServer } from '../../src/sandbox/server'
import { sendJson } from './http-client'

const TOKEN = 'fake-token-for-tests'
const KEY = 'fake-key-for-tests'
const NOW = Date.parse('2025-07-05T12:00:00Z')

let server: FakeServer<'thordata'>
let fake: ThordataFake
let base: string

beforeEach(async () => {
  await server?.close()
  fake = createThordataFake({ token: TOKEN, key: KEY, now: () => NOW })
  server = await startFakeServer([{ name: 'thordata', mount: '/thordata/api', fake }])
  base = `${server.url}/thordata/api`
})
afterAll(() => server.close())

const createAlice = async () => {
  const reply = await sendJson(`${base}/proxy-users/create-user`, {
    method: 'POST',
    headers: { token: TOKEN, key: KEY, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ proxy_type: '1', username: 'alice001', password: 'Pw12345a', traffic_limit: '0', status: 'true' }).toString(),
  })
  expect(reply.json).toMatchObject({ code: 200 })
}
const statistics = (from: string, to: string) =>
  sendJson(`${base}/proxy-users/usage-statistics?${new URLSearchParams({ token: TOKEN, key: KEY, proxy_type: '1', username: 'alice001', from_date: from, to_date: to })}`)
const provider = () => createThordataProvider({ token: TOKEN, key: KEY, baseURL: base, rateLimit: false, now: () => NOW })

describe('thordata fake usage controls', () => {
  it('books addUsage on the day given, and the daily rows keep summing to the user total', async () => {
    await createAlice()
    expect(fake.control.addUsage('alice001', 1024, '2025-07-01')).toBe(true)
    expect(fake.control.addUsage('alice001', 512)).toBe(true)
    const reply = (await statistics('2025-07-01', '2025-07-05')).json as { data: { total_usage_traffic: number; range_usage_traffic: number; data: Array<{ date: string; usage_traffic: number }> } }
    expect(reply.data.data).toEqual([
      { date: '2025-07-01', usage_traffic: 1024 },
      { date: '2025-07-02', usage_traffic: 0 },
      { date: '2025-07-03', usage_traffic: 0 },
      { date: '2025-07-04', usage_traffic: 0 },
      { date: '2025-07-05', usage_traffic: 512 },
    ])
    expect(reply.data.total_usage_traffic).toBe(1536)
    expect(reply.data.range_usage_traffic).toBe(1536)
    expect(fake.control.users()[0]?.usage_kib).toBe(1536)
  })

  it('treats a lower setUsage as a reset, today holding the whole total', async () => {
    await createAlice()
    fake.control.addUsage('alice001', 4096, '2025-07-01')
    fake.control.setUsage('alice001', 100)
    const rows = ((await statistics('2025-07-01', '2025-07-05')).json as { data: { data: Array<{ usage_traffic: number }> } }).data.data
    expect(rows.map((r) => r.usage_traffic)).toEqual([0, 0, 0, 0, 100])
    expect(fake.control.addUsage('nobody01', 1)).toBe(false)
    expect(fake.control.addUsage('alice001', 1, '2025-02-30')).toBe(false)
    expect(fake.control.addUsage('alice001', -1)).toBe(false)
  })
})

describe('thordata adapter access and usage over the sandbox', () => {
  it('gives the td-customer login with the password the user was created with', async () => {
    await createAlice()
    const r = await provider().access('alice001', { country: 'de' })()
    if (r._tag === 'Left') throw r.left
    expect(r.right.username).toBe('td-customer-alice001-country-de')
    expect(r.right.url?.reveal()).toBe('http://td-customer-alice001-country-de:Pw12345a@t.pr.thordata.net:9999')
  })

  it('reads a range longer than 180 days in two calls the fake accepts, and agrees with trafficUsedBytes', async () => {
    await createAlice()
    fake.control.addUsage('alice001', 10, '2025-01-01')
    fake.control.addUsage('alice001', 20, '2025-06-29')
    fake.control.addUsage('alice001', 30, '2025-06-30')
    fake.control.addUsage('alice001', 40, '2025-07-05')
    const p = provider()
    const r = await p.usage('alice001', { from: '2025-01-01', to: '2025-07-05' })()
    if (r._tag === 'Left') throw r.left
    expect(r.right).toHaveLength(186)
    expect(r.right.filter((d) => d.bytes > 0)).toEqual([
      { date: '2025-01-01', bytes: 10 * 1024 },
      { date: '2025-06-29', bytes: 20 * 1024 },
      { date: '2025-06-30', bytes: 30 * 1024 },
      { date: '2025-07-05', bytes: 40 * 1024 },
    ])
    const user = await p.get('alice001')()
    expect(user._tag === 'Right' && user.right.trafficUsedBytes).toBe(r.right.reduce((sum, d) => sum + d.bytes, 0))
  })

  it('answers not_found for an unknown user on access and usage', async () => {
    const p = provider()
    expect(await p.access('nobody01')()).toMatchObject({ left: { kind: 'not_found', operation: 'access' } })
    expect(await p.usage('nobody01', { from: '2025-07-01', to: '2025-07-05' })()).toMatchObject({ left: { kind: 'not_found', operation: 'usage' } })
  })
})
