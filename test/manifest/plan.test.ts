import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { apply, plan, type PlannedChange } from '../../src'
import { GIB, MIB } from '../../src/units'
import { left, requests, right, startVendors, type Vendors } from './support'

let v: Vendors
beforeEach(async () => {
  v = await startVendors()
})
afterEach(async () => v.sandbox.close())

/** The changes without the parts that hold functions or secrets, for comparison. */
const shape = (changes: ReadonlyArray<PlannedChange>) =>
  changes.map((c) => ({ action: c.action, username: c.username, ...('fields' in c ? { fields: c.fields } : {}) }))

describe('plan on Thordata', () => {
  beforeEach(async () => {
    await right(v.thordata.create({ username: 'alice001', password: 'Alice12345', trafficLimitBytes: 500 * MIB }))
    await right(v.thordata.create({ username: 'bob00002', password: 'Bob123456', status: 'disabled' }))
    await right(v.thordata.create({ username: 'old00003', password: 'Old123456' }))
  })

  it('creates, updates field by field, leaves alone, and lists the rest as unmanaged', async () => {
    const p = await right(
      plan(v.thordata, [
        { username: 'alice001', password: 'Changed123', trafficLimitBytes: 1024 * MIB },
        { username: 'bob00002', status: 'active', trafficLimitBytes: null },
        { username: 'new00004', password: 'New1234567', trafficLimitBytes: 200 * MIB, status: 'disabled' },
      ]),
    )
    expect(shape(p.changes)).toEqual([
      {
        action: 'update',
        username: 'alice001',
        fields: [
          { field: 'password', secret: true },
          { field: 'trafficLimitBytes', before: 500 * MIB, after: 1024 * MIB },
        ],
      },
      { action: 'update', username: 'bob00002', fields: [{ field: 'status', before: 'disabled', after: 'active' }] },
      {
        action: 'create',
        username: 'new00004',
        fields: [
          { field: 'password', secret: true },
          { field: 'status', after: 'disabled' },
          { field: 'trafficLimitBytes', after: 200 * MIB },
        ],
      },
    ])
    expect(p.unmanaged).toEqual([{ username: 'old00003', id: 'old00003' }])
    expect(JSON.stringify(p.changes)).not.toMatch(/Changed123|New1234567/)
  })

  it('calls a sub-user unchanged when every field it gives matches, fields left out included', async () => {
    const p = await right(plan(v.thordata, [{ username: 'alice001', password: 'Alice12345', trafficLimitBytes: 500 * MIB }, { username: 'bob00002' }]))
    expect(shape(p.changes)).toEqual([
      { action: 'unchanged', username: 'alice001' },
      { action: 'unchanged', username: 'bob00002' },
    ])
  })

  it('plans deletes only with prune', async () => {
    const p = await right(plan(v.thordata, [{ username: 'alice001' }], { prune: true }))
    expect(shape(p.changes)).toEqual([
      { action: 'unchanged', username: 'alice001' },
      { action: 'delete', username: 'bob00002' },
      { action: 'delete', username: 'old00003' },
    ])
    expect(p.unmanaged).toEqual([])
  })

  it('refuses invalid entries all at once, reading nothing', async () => {
    const before = requests(v.sandbox)
    const e = await left(plan(v.thordata, [{ username: 'x' }, { username: 'alice001', trafficLimitBytes: 50 * MIB }, { username: 'alice001' }]))
    expect(e).toMatchObject({ kind: 'validation', provider: 'thordata' })
    expect(e.fields?.map((f) => f.path)).toEqual(['[0].username', '[1].trafficLimitBytes', '[2].username'])
    expect(e.fields?.[2]).toEqual({ path: '[2].username', message: 'repeats entry [1]' })
    expect(requests(v.sandbox)).toBe(before)
  })
})

describe('plan on Webshare', () => {
  it('diffs vendor settings and refuses what Webshare cannot hold before reading', async () => {
    await right(v.webshare.create({ username: 'team-a', trafficLimitBytes: 10 * GIB, vendor: { webshare: { maxThreadCount: 50, proxyCountries: { US: 10 } } } }))
    const p = await right(
      plan(v.webshare, [
        { username: 'team-a', trafficLimitBytes: 10 * GIB, vendor: { webshare: { maxThreadCount: 80, proxyCountries: { US: 10 } } } },
        { username: 'team-b', trafficLimitBytes: null },
      ]),
    )
    expect(shape(p.changes)).toEqual([
      { action: 'update', username: 'team-a', fields: [{ field: 'vendor.webshare.maxThreadCount', before: 50, after: 80 }] },
      { action: 'create', username: 'team-b', fields: [{ field: 'trafficLimitBytes', after: null }] },
    ])
    const before = requests(v.sandbox)
    const e = await left(plan(v.webshare, [{ username: 'team-c', password: 'Abcdef123', status: 'disabled' }]))
    expect(e).toMatchObject({ kind: 'validation', fields: [{ path: '[0].password' }] })
    expect(requests(v.sandbox)).toBe(before)
  })

  it('compares country maps by content and dates as instants', async () => {
    const start = new Date('2026-01-01T00:00:00Z')
    await right(v.webshare.create({ username: 'team-a', vendor: { webshare: { proxyCountries: { US: 10, DE: 5 }, bandwidthUseStartDate: start } } }))
    const same = await right(plan(v.webshare, [{ username: 'team-a', vendor: { webshare: { proxyCountries: { DE: 5, US: 10 }, bandwidthUseStartDate: new Date(start.getTime()) } } }]))
    expect(same.changes[0]?.action).toBe('unchanged')
    const later = new Date('2026-02-01T00:00:00Z')
    const changed = await right(plan(v.webshare, [{ username: 'team-a', vendor: { webshare: { proxyCountries: null, bandwidthUseStartDate: later } } }]))
    expect(shape(changed.changes)).toEqual([
      {
        action: 'update',
        username: 'team-a',
        fields: [
          { field: 'vendor.webshare.proxyCountries', before: { US: 10, DE: 5 }, after: null },
          { field: 'vendor.webshare.bandwidthUseStartDate', before: start, after: later },
        ],
      },
    ])
    await right(apply(changed))
    expect((await right(plan(v.webshare, [{ username: 'team-a', vendor: { webshare: { proxyCountries: null, bandwidthUseStartDate: later } } }]))).changes[0]?.action).toBe('unchanged')
  })

  it('is a conflict naming every label it lists that several sub-users hold, with their ids', async () => {
    const ids: Record<string, string[]> = {}
    for (const name of ['team-a', 'team-a', 'team-b', 'team-c', 'team-c', 'team-c']) {
      ids[name] = [...(ids[name] ?? []), (await right(v.webshare.create({ username: name }))).id]
    }
    const e = await left(plan(v.webshare, [{ username: 'team-a' }, { username: 'team-b' }, { username: 'team-c' }]))
    expect(e).toMatchObject({ kind: 'conflict', provider: 'webshare' })
    expect(e.message).toContain(`2 usernames are held by several sub-users: team-a (2 sub-users: ids ${ids['team-a']!.join(', ')}); team-c (3 sub-users: ids ${ids['team-c']!.join(', ')})`)
    expect(e.fields).toEqual([
      { path: '[0].username', message: `is held by 2 sub-users (ids ${ids['team-a']!.join(', ')})` },
      { path: '[2].username', message: `is held by 3 sub-users (ids ${ids['team-c']!.join(', ')})` },
    ])
  })

  it('with dedupe, keeps the oldest of each duplicated label, deletes the others, and leaves unlisted ones alone', async () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') }
    const created = async (name: string, at: string) => {
      clock.now = Date.parse(at)
      return (await right(v.webshare.create({ username: name }))).id
    }
    await v.sandbox.close()
    v = await startVendors({ webshare: { now: () => clock.now } })
    const newerA = await created('team-a', '2026-01-03T00:00:00Z')
    const oldestA = await created('team-a', '2026-01-01T00:00:00Z')
    const alsoNewerA = await created('team-a', '2026-01-02T00:00:00Z')
    const onlyB = await created('team-b', '2026-01-01T00:00:00Z')
    await created('other', '2026-01-01T00:00:00Z')
    await created('other', '2026-01-01T00:00:00Z')
    const p = await right(plan(v.webshare, [{ username: 'team-a' }, { username: 'team-b' }], { dedupe: true }))
    expect(p.changes).toEqual([
      { action: 'unchanged', username: 'team-a', id: oldestA },
      { action: 'unchanged', username: 'team-b', id: onlyB },
      { action: 'delete', username: 'team-a', id: alsoNewerA, duplicateOf: oldestA },
      { action: 'delete', username: 'team-a', id: newerA, duplicateOf: oldestA },
    ])
    expect(p.unmanaged.map((u) => u.username)).toEqual(['other', 'other'])
    const report = await right(apply(p))
    expect(report).toMatchObject({ deleted: 2, failed: 0 })
    expect(v.sandbox.webshare.control.subusers().filter((u) => u.label === 'team-a').map((u) => String(u.id))).toEqual([oldestA])
    expect((await right(plan(v.webshare, [{ username: 'team-a' }, { username: 'team-b' }]))).changes.map((c) => c.action)).toEqual(['unchanged', 'unchanged'])
  })
})

describe('apply', () => {
  it('carries out a plan, and a second plan finds nothing to change', async () => {
    await right(v.thordata.create({ username: 'alice001', password: 'Alice12345', trafficLimitBytes: 500 * MIB }))
    await right(v.thordata.create({ username: 'old00003', password: 'Old123456' }))
    const wanted = [
      { username: 'alice001', password: 'Changed123', trafficLimitBytes: 1024 * MIB },
      ...Array.from({ length: 10 }, (_, i) => ({ username: `user${String(i).padStart(4, '0')}`, trafficLimitBytes: (100 + i) * MIB })),
    ]
    const progress: number[] = []
    const report = await right(apply(await right(plan(v.thordata, wanted, { prune: true })), { concurrency: 3, onProgress: (p) => progress.push(p.done) }))
    expect(report).toMatchObject({ provider: 'thordata', created: 10, updated: 1, deleted: 1, unchanged: 0, failed: 0, skipped: 0 })
    expect(progress).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    const users = v.sandbox.thordata.control.users()
    expect(users.map((u) => u.username).sort()).toEqual(wanted.map((w) => w.username).sort())
    expect(users.find((u) => u.username === 'alice001')).toMatchObject({ password: 'Changed123', traffic_limit: 1024 })

    const again = await right(plan(v.thordata, wanted, { prune: true }))
    expect(again.changes.every((c) => c.action === 'unchanged')).toBe(true)
    const second = await right(apply(again))
    expect(second).toMatchObject({ created: 0, updated: 0, deleted: 0, unchanged: 11 })
  })

  it('deletes first, reports a failed change and carries on with the others', async () => {
    await right(v.webshare.create({ username: 'gone' }))
    const p = await right(plan(v.webshare, [{ username: 'team-a' }, { username: 'team-b' }], { prune: true }))
    // Someone else deletes the sub-user between plan and apply: that delete fails as not_found.
    await right(v.webshare.delete(p.changes.find((c) => c.action === 'delete')!.id))
    const order: string[] = []
    const report = await right(apply(p, { concurrency: 1, onProgress: (x) => order.push(`${x.last.action} ${x.last.username}`) }))
    expect(order).toEqual(['delete gone', 'create team-a', 'create team-b'])
    expect(report).toMatchObject({ created: 2, deleted: 0, failed: 1 })
    expect(report.outcomes.find((o) => o.result === 'failed')).toMatchObject({ action: 'delete', username: 'gone', error: { kind: 'not_found' } })
  })

  it('adopts a sub-user created behind its back between plan and apply, updating what differs', async () => {
    const p = await right(plan(v.thordata, [{ username: 'late0001', password: 'Late12345', trafficLimitBytes: 300 * MIB }, { username: 'same0002', trafficLimitBytes: 200 * MIB }]))
    await right(v.thordata.create({ username: 'late0001', password: 'Other1234', trafficLimitBytes: 100 * MIB }))
    await right(v.thordata.create({ username: 'same0002', password: 'Same12345', trafficLimitBytes: 200 * MIB }))
    const report = await right(apply(p))
    expect(report).toMatchObject({ created: 2, failed: 0 })
    expect(v.sandbox.thordata.control.users().map((u) => [u.username, u.password, u.traffic_limit])).toEqual([
      ['late0001', 'Late12345', 300],
      ['same0002', 'Same12345', 200],
    ])
  })

  it('starts nothing more once aborted, and says which changes were skipped', async () => {
    const p = await right(plan(v.webshare, Array.from({ length: 6 }, (_, i) => ({ username: `team-${i}` }))))
    const controller = new AbortController()
    const report = await right(apply(p, { concurrency: 1, signal: controller.signal, onProgress: ({ done }) => (done === 2 ? controller.abort() : undefined) }))
    expect(report).toMatchObject({ created: 2, skipped: 4 })
    expect(v.sandbox.webshare.control.subusers()).toHaveLength(2)
  })

  it('refuses a bad concurrency before sending anything', async () => {
    const p = await right(plan(v.webshare, [{ username: 'team-a' }]))
    const before = requests(v.sandbox)
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      expect(await left(apply(p, { concurrency }))).toMatchObject({ kind: 'validation', fields: [{ path: 'concurrency' }] })
    }
    expect(requests(v.sandbox)).toBe(before)
  })
})

describe('plan on IPRoyal', () => {
  it('refuses, before reading anything, an entry that is unlimited, leaves the limit out or is disabled', async () => {
    const e = await left(
      plan(v.iproyal, [
        { username: 'team_a', trafficLimitBytes: null },
        { username: 'team_b' },
        { username: 'team_c', trafficLimitBytes: GIB, status: 'disabled' },
        { username: 'team_d', trafficLimitBytes: GIB },
      ]),
    )
    expect(e).toMatchObject({ kind: 'validation' })
    expect(e.fields).toEqual([
      { path: '[0].trafficLimitBytes', message: expect.stringContaining('iproyal cannot represent an unlimited traffic limit') },
      { path: '[1].trafficLimitBytes', message: expect.stringContaining('left out, it means unlimited') },
      { path: '[2].status', message: 'iproyal sub-users cannot be disabled' },
    ])
    expect(v.sandbox.stats().iproyal.requests).toBe(0)
  })

  it('creates allocations, changes one by give-traffic, and plans nothing the second time', async () => {
    await right(pipe(plan(v.iproyal, [{ username: 'team_a', password: 'Secret123', trafficLimitBytes: GIB }]), TE.flatMap((p) => apply(p))))
    const p = await right(plan(v.iproyal, [{ username: 'team_a', password: 'Secret123', trafficLimitBytes: 3 * GIB }]))
    expect(shape(p.changes)).toEqual([{ action: 'update', username: 'team_a', fields: [{ field: 'trafficLimitBytes', before: GIB, after: 3 * GIB }] }])
    expect(await right(apply(p))).toMatchObject({ updated: 1, failed: 0 })
    expect(v.sandbox.iproyal.control.subusers()[0]?.availableBytes).toBe(3 * GIB)
    const again = await right(plan(v.iproyal, [{ username: 'team_a', password: 'Secret123', trafficLimitBytes: 3 * GIB }]))
    expect(shape(again.changes)).toEqual([{ action: 'unchanged', username: 'team_a' }])
  })
})
