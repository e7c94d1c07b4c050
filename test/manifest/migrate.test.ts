import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { apply, migration, plan } from '../../src'
import { GIB, MIB } from '../../src/units'
import { narrowed, withoutTraffic } from '../support/narrowed'
import { right, startVendors, type Vendors } from './support'

let v: Vendors
beforeEach(async () => {
  v = await startVendors()
})
afterEach(async () => v.sandbox.close())

const migrateAll = (from: Vendors['thordata'], to: Vendors['thordata']) =>
  pipe(
    migration(from, to),
    TE.flatMap((m) => pipe(plan(to, m.wanted), TE.flatMap((p) => apply(p)), TE.map((report) => ({ m, report })))),
  )

describe('migration from Thordata to Webshare', () => {
  beforeEach(async () => {
    await right(v.thordata.create({ username: 'alice001', password: 'Alice12345', trafficLimitBytes: 500 * MIB }))
    await right(v.thordata.create({ username: 'bob00002', password: 'Bob123456', status: 'disabled', trafficLimitBytes: GIB }))
    await right(v.thordata.create({ username: 'carol003', password: 'Carol1234' }))
  })

  it('says what cannot be carried over, skips disabled sub-users, and recreates the rest', async () => {
    const { m, report } = await right(migrateAll(v.thordata, v.webshare))
    expect(m.skipped).toEqual([{ username: 'bob00002', reason: 'disabled on thordata; webshare cannot hold a disabled sub-user, and recreating it would make it active' }])
    expect(m.notCarried).toEqual([
      { username: 'alice001', field: 'password', reason: 'webshare keeps no password on a sub-user' },
      { username: 'carol003', field: 'password', reason: 'webshare keeps no password on a sub-user' },
    ])
    expect(m.wanted).toEqual([
      { username: 'alice001', trafficLimitBytes: 500 * MIB },
      { username: 'carol003', trafficLimitBytes: null },
    ])
    expect(report).toMatchObject({ created: 2, failed: 0 })
    const made = v.sandbox.webshare.control.subusers().map((u) => [u.label, u.proxy_limit])
    expect(made).toEqual([
      ['alice001', 500 / 1024],
      ['carol003', 0],
    ])
    expect(JSON.stringify(m.notCarried)).not.toContain('Alice12345')
  })

  it('drops traffic limits, saying so, on a target that keeps none', async () => {
    const target = narrowed(v.webshare, withoutTraffic(v.webshare.capabilities))
    const { m, report } = await right(migrateAll(v.thordata, target))
    expect(m.notCarried).toContainEqual({ username: 'alice001', field: 'trafficLimitBytes', reason: 'webshare keeps no traffic limit' })
    expect(m.notCarried.filter((l) => l.username === 'carol003' && l.field === 'trafficLimitBytes')).toEqual([])
    expect(m.wanted).toEqual([{ username: 'alice001' }, { username: 'carol003' }])
    expect(report).toMatchObject({ created: 2, failed: 0 })
  })

  it('creates nothing the second time, and never changes the source', async () => {
    await right(migrateAll(v.thordata, v.webshare))
    const before = v.sandbox.thordata.control.users()
    const { report } = await right(migrateAll(v.thordata, v.webshare))
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 2 })
    expect(v.sandbox.webshare.control.subusers()).toHaveLength(2)
    expect(v.sandbox.thordata.control.users()).toEqual(before)
  })
})

describe('migration from Webshare to Thordata', () => {
  it('skips names Thordata refuses, raises limits to its minimum, and drops Webshare-only settings', async () => {
    await right(v.webshare.create({ username: 'team0001', trafficLimitBytes: 10 * GIB, vendor: { webshare: { maxThreadCount: 50 } } }))
    await right(v.webshare.create({ username: 'small001', trafficLimitBytes: 10 * MIB }))
    await right(v.webshare.create({ username: 'team-b' }))
    const { m, report } = await right(migrateAll(v.webshare, v.thordata))
    expect(m.skipped).toEqual([{ username: 'team-b', reason: expect.stringMatching(/^thordata refuses it: username /) }])
    expect(m.notCarried).toEqual(
      expect.arrayContaining([
        { username: 'team0001', field: 'password', reason: 'webshare keeps no password; thordata sets its own' },
        { username: 'team0001', field: 'vendor.webshare.maxThreadCount', reason: 'thordata has no such setting' },
        { username: 'small001', field: 'trafficLimitBytes', reason: '10MiB cannot be set on thordata (steps of 1MiB, at least 100MiB); raised to 100MiB' },
      ]),
    )
    expect(report).toMatchObject({ created: 2, failed: 0 })
    expect(v.sandbox.thordata.control.users().map((u) => [u.username, u.traffic_limit])).toEqual([
      ['team0001', 10 * 1024],
      ['small001', 100],
    ])
  })

  it('migrates one sub-user once when two share a label', async () => {
    await right(v.webshare.create({ username: 'twin0001' }))
    await right(v.webshare.create({ username: 'twin0001' }))
    const m = await right(migration(v.webshare, v.thordata))
    expect(m.wanted.map((w) => w.username)).toEqual(['twin0001'])
    expect(m.skipped).toEqual([{ username: 'twin0001', reason: 'another sub-user named twin0001 is migrated already' }])
  })
})

describe('migration to IPRoyal (no disabled status, no unlimited: a limit is an allocation)', () => {
  beforeEach(async () => {
    await right(v.thordata.create({ username: 'alice001', password: 'Alice12345', trafficLimitBytes: 500 * MIB }))
    await right(v.thordata.create({ username: 'bob00002', password: 'Bob123456', status: 'disabled', trafficLimitBytes: GIB }))
    await right(v.thordata.create({ username: 'carol003', password: 'Carol1234' }))
  })

  it('reports a disabled or an unlimited Thordata sub-user as not migrated before anything is sent, and moves the rest out of the main balance', async () => {
    const balance = v.sandbox.iproyal.control.mainBalanceBytes()
    const m = await right(migration(v.thordata, v.iproyal))
    expect(v.sandbox.stats().iproyal.requests).toBe(0)
    expect(m.skipped).toEqual([
      { username: 'bob00002', reason: 'disabled on thordata; iproyal cannot hold a disabled sub-user, and recreating it would make it active' },
      { username: 'carol003', reason: expect.stringMatching(/^unlimited on thordata; iproyal cannot represent an unlimited traffic limit: IPRoyal needs an allocation/) },
    ])
    expect(m.wanted).toEqual([{ username: 'alice001', password: 'Alice12345', trafficLimitBytes: 500 * MIB }])
    const report = await right(pipe(plan(v.iproyal, m.wanted), TE.flatMap((p) => apply(p))))
    expect(report).toMatchObject({ created: 1, failed: 0 })
    expect(v.sandbox.iproyal.control.subusers().map((u) => [u.username, u.password, u.availableBytes])).toEqual([['alice001', 'Alice12345', 500 * MIB]])
    expect(v.sandbox.iproyal.control.mainBalanceBytes()).toBe(balance - 500 * MIB)
  })

  it('reports an unlimited Webshare sub-user as not migrated', async () => {
    await right(v.webshare.create({ username: 'team0001' }))
    await right(v.webshare.create({ username: 'team0002', trafficLimitBytes: 2 * GIB }))
    const m = await right(migration(v.webshare, v.iproyal))
    expect(m.skipped).toEqual([{ username: 'team0001', reason: expect.stringMatching(/^unlimited on webshare; iproyal cannot represent an unlimited traffic limit/) }])
    expect(m.wanted).toEqual([{ username: 'team0002', trafficLimitBytes: 2 * GIB }])
    expect(m.notCarried).toEqual([
      { username: 'team0002', field: 'password', reason: 'webshare keeps no password; iproyal sets its own' },
      { username: 'team0002', field: 'vendor.webshare.maxThreadCount', reason: 'iproyal has no such setting' },
    ])
    expect(v.sandbox.stats().iproyal.requests).toBe(0)
  })

  it('carries an empty IPRoyal allocation to Thordata raised to its minimum, saying so', async () => {
    await right(v.iproyal.create({ username: 'empty001', password: 'Empty1234', trafficLimitBytes: 0 }))
    const m = await right(migration(v.iproyal, v.thordata))
    expect(m.wanted).toContainEqual({ username: 'empty001', password: 'Empty1234', trafficLimitBytes: 100 * MIB })
    expect(m.notCarried).toContainEqual({ username: 'empty001', field: 'trafficLimitBytes', reason: '0B cannot be set on thordata (steps of 1MiB, at least 100MiB); raised to 100MiB' })
  })
})
