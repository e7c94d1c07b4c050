/**
 * redisCoordination against a real Redis, in one process: the shared
 * schedule (one timeline for several clients, shared slow-down and recovery,
 * scripts reloaded after a flush), the apply lock (two runs take turns, a
 * refusal names the holder, a dead holder's lock expires), keys that hold no
 * credential, and failures that are loud: Redis unreachable or killed mid-run
 * is a `network` error naming Redis, with nothing sent to the vendor after.
 */
import type { Redis } from 'ioredis'
import { apply, MAX_SLOWDOWN, plan, RECOVERY } from '../../src'
import { paceRule } from '../../src/coordination/shared-scheduler'
import { redisCoordination } from '../../src/redis'
import { createWebshareProvider } from '../../providers/webshare'
import { left, requests, right, startVendors, type Vendors } from '../manifest/support'
import { describeRedis, freePort, hasRedisServer, startOwnRedis, testClient, uniquePrefix } from './support'

jest.setTimeout(30_000)

let v: Vendors
let clients: Redis[]
let prefix: string
const client = (url?: string) => {
  const c = testClient(url)
  clients.push(c)
  return c
}
beforeEach(async () => {
  v = await startVendors()
  clients = []
  prefix = uniquePrefix()
})
afterEach(async () => {
  await v.sandbox.close()
  for (const c of clients) c.disconnect()
})

const rule = paceRule({ requestsPerMinute: 600, concurrency: 4 })
const names = (n: number) => Array.from({ length: n }, (_, i) => ({ username: `team-${i}` }))
const labels = () => v.sandbox.webshare.control.subusers().map((u) => u.label).sort()

describeRedis('the shared schedule', () => {
  it('gives starts from one timeline, one spacing apart, to several clients asking at once', async () => {
    const pacers = [0, 1, 2].map(() => redisCoordination(client(), { prefix }).pacer('acct', rule))
    const asked = performance.now()
    const slots = await Promise.all(Array.from({ length: 30 }, (_, i) => pacers[i % 3]!.reserve()))
    const answered = performance.now() - asked
    const waits = slots.map((s) => s.waitMs).sort((a, b) => a - b)
    expect(waits[0]).toBeLessThanOrEqual(answered)
    for (let i = 1; i < waits.length; i++) expect(Math.abs(waits[i]! - waits[i - 1]! - rule.spacingMs)).toBeLessThanOrEqual(answered + 1)
    expect(slots.every((s) => s.spacingMs === Number(rule.spacingMs.toFixed(3)))).toBe(true)
  })

  it('slows every client down when one is told "too many" (once per burst), and recovers as calls go through', async () => {
    const [a, b] = [redisCoordination(client(), { prefix }).pacer('acct', rule), redisCoordination(client(), { prefix }).pacer('acct', rule)]
    const started = performance.now()
    await a.reserve()
    await a.slowDown()
    await a.slowDown() // the same burst: counted once
    const slowed = await b.reserve()
    const elapsed = performance.now() - started
    expect(slowed.spacingMs).toBeCloseTo(rule.spacingMs * 2, 2)
    // The next start waits one (doubled) spacing after the last, less the time these calls took (measured, not assumed).
    expect(slowed.waitMs).toBeGreaterThanOrEqual(rule.spacingMs * 2 - elapsed - 1)
    expect(slowed.waitMs).toBeLessThanOrEqual(rule.spacingMs * 2 + 1)
    await b.recover()
    expect((await a.reserve()).spacingMs).toBeCloseTo(rule.spacingMs * 2 * RECOVERY, 2)
    for (let i = 0; i < 40; i++) await b.recover()
    expect((await a.reserve()).spacingMs).toBeCloseTo(rule.spacingMs, 2)
  })

  it('never slows beyond the widest spacing', async () => {
    const redis = client()
    const pacer = redisCoordination(redis, { prefix }).pacer('acct', { spacingMs: 1, maxSpacingMs: 8, recovery: RECOVERY })
    // Each "too many" a burst of its own (further apart than the spacing): 1, 2, 4, 8, then 8 again.
    for (let i = 0; i < 6; i++) {
      await pacer.slowDown()
      await new Promise((r) => setTimeout(r, 20))
    }
    expect((await pacer.reserve()).spacingMs).toBe(8)
    expect(rule.maxSpacingMs).toBeCloseTo(rule.spacingMs * MAX_SLOWDOWN, 6)
  })

  it('slows down the providers of other processes when the vendor answers one of them 429', async () => {
    const paced = (redis: Redis) =>
      createWebshareProvider({ ...v.sandbox.webshare, retry: false, rateLimit: { requestsPerMinute: 600 }, coordination: redisCoordination(redis, { prefix }) })
    const [told, other] = [paced(client()), paced(client())]
    v.sandbox.setFaults({ webshare: { rateLimitRate: 1, rateLimitBurst: 1 } })
    expect(await left(told.list())).toMatchObject({ kind: 'rate_limited' })
    v.sandbox.setFaults({})
    expect(v.sandbox.stats().webshare.rateLimited).toBe(1)
    // Slowing down is sent without waiting for it: give it a moment to land.
    await new Promise((r) => setTimeout(r, 100))
    const spacing = Number(await client().hget(`${prefix}pace:${other.account}`, 'spacing'))
    expect(spacing).toBeGreaterThan(rule.spacingMs * 1.5)
  })

  it('loads its scripts again after Redis forgets them (SCRIPT FLUSH)', async () => {
    const redis = client()
    const pacer = redisCoordination(redis, { prefix }).pacer('acct', rule)
    await pacer.reserve()
    await redis.script('FLUSH')
    await expect(pacer.reserve()).resolves.toMatchObject({ spacingMs: expect.any(Number) })
  })

  it('keys state by the account hash: no credential in any key or value', async () => {
    const redis = client()
    const p = createWebshareProvider({ ...v.sandbox.webshare, rateLimit: { requestsPerMinute: 6000 }, coordination: redisCoordination(redis, { prefix }) })
    await right(apply(await right(plan(p, names(2))), { coordination: redisCoordination(redis, { prefix }) }))
    const keys = await redis.keys(`${prefix}*`)
    expect(keys).toEqual([`${prefix}pace:${p.account}`])
    expect(p.account).toMatch(/^[0-9a-f]{64}$/)
    const values = JSON.stringify(await redis.hgetall(keys[0]!))
    for (const text of [keys.join(' '), values]) expect(text).not.toContain(v.sandbox.webshare.apiKey)
  })
})

describeRedis('the apply lock in Redis', () => {
  it('makes two applies at once take turns: one sub-user per name', async () => {
    const [first, second] = [await right(plan(v.webshare, names(6))), await right(plan(v.webshare, names(6)))]
    const waits: string[] = []
    const reports = await Promise.all([first, second].map((p) => right(apply(p, { coordination: redisCoordination(client(), { prefix }), onLockWait: (w) => waits.push(`${w.backend}: ${w.holder}`) }))))
    expect(labels()).toEqual(names(6).map((n) => n.username).sort())
    expect(reports.map((r) => r.failed)).toEqual([0, 0])
    expect(waits).toEqual([expect.stringMatching(new RegExp(`^Redis: pid ${process.pid} on .+ since \\d{4}-`))])
  })

  it('with wait: false, refuses naming the holder and Redis, sending nothing', async () => {
    const coordination = redisCoordination(client(), { prefix })
    const held = await coordination.tryLock(v.webshare.account!)
    expect('held' in held).toBe(true)
    const before = requests(v.sandbox)
    const e = await left(apply(await right(plan(v.webshare, names(2))), { coordination, wait: false }))
    expect(e.message).toMatch(new RegExp(`^webshare apply: webshare account ${v.webshare.account!.slice(0, 8)} is locked by another run \\(pid ${process.pid} on .+\\) \\(Redis\\); nothing was changed$`))
    expect(requests(v.sandbox) - before).toBe(1) // the plan's listing only
    if ('held' in held) await held.held.release()
  })

  it('lets the next run in once a dead holder\'s lock expires', async () => {
    const redis = client()
    // A holder that died without letting go: its lock lives out its time to live.
    await redis.set(`${prefix}lock:${v.webshare.account}`, 'pid 1 on elsewhere since 2026-01-01T00:00:00.000Z #x', 'PX', 1_500)
    const waited: string[] = []
    const started = Date.now()
    const report = await right(apply(await right(plan(v.webshare, names(2))), { coordination: redisCoordination(redis, { prefix }), onLockWait: (w) => waited.push(w.holder ?? '') }))
    expect(report.created).toBe(2)
    expect(waited).toEqual(['pid 1 on elsewhere since 2026-01-01T00:00:00.000Z'])
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000)
  })
})

describeRedis('when Redis fails', () => {
  it('unreachable: a call fails at once as network naming Redis, and nothing reaches the vendor', async () => {
    const port = await freePort()
    const redis = client(`redis://127.0.0.1:${port}`)
    const p = createWebshareProvider({ ...v.sandbox.webshare, coordination: redisCoordination(redis, { prefix, commandTimeoutMs: 500 }) })
    const started = Date.now()
    const e = await left(p.create({ username: 'team-a' }))
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(e).toMatchObject({ kind: 'network', provider: 'webshare', operation: 'create', retryable: false })
    expect(e.message).toMatch(/^webshare create: Redis (did not answer within 500 ms|failed) \(a pacing slot\).*; nothing was sent \(POST \/api\/v2\/subuser\/\)$/)
    expect(requests(v.sandbox)).toBe(0)
    // apply too: its lock cannot be taken, so nothing is planned to be sent.
    const a = await left(apply({ provider: p, changes: [], unmanaged: [] }, { coordination: redisCoordination(redis, { prefix, commandTimeoutMs: 500 }) }))
    expect(a).toMatchObject({ kind: 'network' })
    expect(a.message).toMatch(/the lock on webshare account [0-9a-f]{8} could not be taken: Redis/)
  })

  ;(hasRedisServer() ? it : it.skip)('killed mid-apply: the run stops, every failure names Redis, and nothing is sent after the loss', async () => {
    const own = await startOwnRedis()
    try {
      const redis = client(own.url)
      const coordination = redisCoordination(redis, { prefix, commandTimeoutMs: 500, lockTtlMs: 1_500 })
      const p = createWebshareProvider({ ...v.sandbox.webshare, rateLimit: { requestsPerMinute: 600, concurrency: 1 }, coordination })
      const planned = await right(plan(p, names(20)))
      let atKill = -1
      const applying = right(apply(planned, { coordination, concurrency: 1 }))
      while (v.sandbox.webshare.control.subusers().length < 3) await new Promise((r) => setTimeout(r, 10))
      await own.kill()
      atKill = requests(v.sandbox)
      const report = await applying
      // At most the create whose slot came before the kill was still on its way.
      expect(requests(v.sandbox) - atKill).toBeLessThanOrEqual(1)
      expect(report.created).toBe(v.sandbox.webshare.control.subusers().length)
      const failures = [...report.outcomes.flatMap((o) => (o.error === undefined ? [] : [o.error])), ...(report.stopped === undefined ? [] : [report.stopped])]
      expect(failures.length).toBeGreaterThan(0)
      for (const f of failures) {
        expect(f.kind).toBe('network')
        expect(f.message).toMatch(/Redis/)
      }
      expect(report.created + report.failed + report.skipped).toBe(20)
    } finally {
      await own.kill()
    }
  })
})
