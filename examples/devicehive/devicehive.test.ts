/**
 * The DeviceHive example, tested as its author would: the package's contract suite against the
 * adapter over the sandbox (its fake mounted next to the package's own), then what is
 * DeviceHive's own: typed extras, locked users, expiring tokens, errors and safe writes.
 * Every `proxy-subusers` import here resolves to the built package (see jest.config.js).
 */
import { toPromises, type SubUserOf } from 'proxy-subusers'
import { startSandbox, type Sandbox } from 'proxy-subusers/sandbox'
import { runContractSuite } from 'proxy-subusers/testing'
import { createWebshareProvider } from 'proxy-subusers/webshare'
import { createDeviceHiveFake, createDeviceHiveProvider, deviceHiveMount, type DeviceHiveFake, type DeviceHiveFakeOptions } from '.'

let drawn = 0
runContractSuite('devicehive (a third-party adapter, sandbox over HTTP)', async () => {
  const fake = createDeviceHiveFake()
  const sandbox = await startSandbox({ fakes: [deviceHiveMount(fake)] })
  return {
    // Pages of 2, so that listing follows several pages.
    provider: createDeviceHiveProvider({ baseURL: sandbox.baseURLOf('devicehive'), login: fake.login, password: fake.password, rateLimit: false, pageSize: 2 }),
    // DeviceHive logins take what a proxy vendor's usernames do not: dots, hyphens, an @.
    username: () => `dh-user.${++drawn}@example.test`,
    password: () => `fake pass phrase ${++drawn}`,
    cleanup: () => sandbox.close(),
  }
})

describe('the DeviceHive adapter', () => {
  let sandbox: Sandbox
  let fake: DeviceHiveFake
  let clock: number
  const start = async (options: DeviceHiveFakeOptions = {}) => {
    clock = Date.parse('2026-01-01T00:00:00Z')
    fake = createDeviceHiveFake({ now: () => clock, ...options })
    sandbox = await startSandbox({ fakes: [deviceHiveMount(fake)] })
  }
  const provider = (o: { password?: string } = {}) =>
    createDeviceHiveProvider({ baseURL: sandbox.baseURLOf('devicehive'), login: fake.login, password: o.password ?? fake.password, rateLimit: false })
  afterEach(async () => sandbox.close())

  it('returns its own id and typed extras without a cast, and a union narrows on provider', async () => {
    await start()
    const dh = createDeviceHiveProvider({ baseURL: sandbox.baseURLOf('devicehive'), login: fake.login, password: fake.password, rateLimit: false })
    const ws = createWebshareProvider({ ...sandbox.webshare, rateLimit: false })
    const { id } = await toPromises(dh).create({ username: 'alice', vendor: { devicehive: { role: 'admin', data: { team: 'a' } } } })
    const u = await toPromises(dh).get(id)
    const role: 'admin' | 'client' = u.vendor.role
    expect([u.provider, role, u.vendor.data, u.vendor.locked]).toEqual(['devicehive', 'admin', { team: 'a' }, false])

    type Held = SubUserOf<typeof dh> | SubUserOf<typeof ws>
    const detail = (h: Held): string => (h.provider === 'devicehive' ? `role ${h.vendor.role}` : `webshare #${h.vendor.numericId}`)
    const team = await toPromises(ws).create({ username: 'team-a' })
    expect([u, team].map(detail)).toEqual(['role admin', `webshare #${team.vendor.numericId}`])
  })

  it('reads a locked user as disabled with the reason in its extras, and unlocks it', async () => {
    await start()
    const dh = toPromises(provider())
    const u = await dh.create({ username: 'bob-the-user', password: 'fake-bob-pw' })
    fake.control.setStatus(u.vendor.numericId, 1)
    expect(await dh.get(u.id)).toMatchObject({ status: 'disabled', vendor: { locked: true } })
    expect(await dh.update(u.id, { status: 'active' })).toMatchObject({ status: 'active', vendor: { locked: false } })
    expect(await dh.update(u.id, { status: 'disabled' })).toMatchObject({ status: 'disabled', vendor: { locked: false } })
    expect(fake.control.users().find((x) => x.id === u.vendor.numericId)).toMatchObject({ status: 2, password: 'fake-bob-pw' })
  })

  it('renews an expired access token with the refresh token, or by logging in again, and repeats the call once', async () => {
    await start({ accessTokenTtlMs: 60_000, refreshTokenTtlMs: 600_000 })
    const dh = toPromises(provider())
    const u = await dh.create({ username: 'carol' })
    expect(fake.control.tokenRequests()).toEqual({ login: 1, refresh: 0 })
    clock += 61_000
    // Five calls find the token expired at once: one refresh serves them all.
    const read = await Promise.all([1, 2, 3, 4, 5].map(() => dh.get(u.id)))
    expect(read.map((x) => x.username)).toEqual(Array(5).fill('carol'))
    expect(fake.control.tokenRequests()).toEqual({ login: 1, refresh: 1 })
    clock += 601_000
    expect((await dh.update(u.id, { username: 'carol-renamed' })).username).toBe('carol-renamed')
    expect(fake.control.tokenRequests()).toEqual({ login: 2, refresh: 2 })
  })

  it('maps DeviceHive errors through its table, never printing a credential', async () => {
    await start()
    const dh = toPromises(provider())
    const u = await dh.create({ username: 'dave' })
    await expect(dh.create({ username: 'dave' })).rejects.toMatchObject({ kind: 'conflict', status: 403, operation: 'create' })
    await expect(dh.update(u.id, { username: fake.login })).rejects.toMatchObject({ kind: 'conflict', operation: 'update' })
    await expect(dh.get('999')).rejects.toMatchObject({ kind: 'not_found', status: 404 })
    const requests = sandbox.stats()['devicehive']?.requests
    await expect(dh.get('not-a-number')).rejects.toMatchObject({ kind: 'validation', fields: [{ path: 'id' }] })
    await expect(dh.create({ username: 'erin', trafficLimitBytes: 1024 })).rejects.toMatchObject({ kind: 'unsupported', fields: [{ path: 'trafficLimitBytes' }] })
    await expect(dh.create({ username: 'erin', password: 'short' })).rejects.toMatchObject({ kind: 'validation', fields: [{ path: 'password' }] })
    expect(sandbox.stats()['devicehive']?.requests).toBe(requests)
    const wrong = 'fake-wrong-admin-password'
    const refused = await toPromises(provider({ password: wrong }))
      .list()
      .catch((e: unknown) => e)
    expect(refused).toMatchObject({ name: 'SubUserError', kind: 'auth', status: 401 })
    expect(JSON.stringify(refused) + String(refused)).not.toContain(wrong)
    expect(fake.control.users().map((x) => x.login)).toEqual([fake.login, 'dave'])
  })

  it('creates, updates and deletes once when the connection drops after DeviceHive applied the write', async () => {
    await start()
    const dh = toPromises(createDeviceHiveProvider({ baseURL: sandbox.baseURLOf('devicehive'), login: fake.login, password: fake.password, rateLimit: false, retry: { baseDelayMs: 1, maxDelayMs: 5, retries: 5 } }))
    await dh.list() // logged in before the faults
    sandbox.setFaults({ seed: 11, devicehive: { dropAfterApplyRate: 0.4 } })
    const made = []
    for (let i = 0; i < 8; i++) made.push(await dh.create({ username: `dropped-${i}`, vendor: { devicehive: { data: { i } } } }))
    for (const u of made) await dh.update(u.id, { status: 'disabled' })
    for (const u of made.slice(0, 4)) await dh.delete(u.id)
    expect(sandbox.stats()['devicehive']?.faulted).toBeGreaterThan(3)
    sandbox.setFaults({})
    const left = fake.control.users().filter((x) => x.login.startsWith('dropped-'))
    expect(left.map((x) => [x.login, x.status])).toEqual([4, 5, 6, 7].map((i) => [`dropped-${i}`, 2]))
  }, 30_000)
})

it('runs against the built package, as an installed dependency would', () => {
  for (const entry of ['proxy-subusers', 'proxy-subusers/adapter', 'proxy-subusers/sandbox', 'proxy-subusers/testing']) {
    expect(require.resolve(entry)).toMatch(/node_modules[\\/]\.cache[\\/]proxy-subusers-built-[0-9a-f]+[\\/][a-z]+\.js$/)
  }
})
