import listFixture from '../../providers/oxylabs/fixtures/list.json'
import { OXYLABS_DEFAULT_BASE_URL, oxylabsCapabilities } from '../../providers/oxylabs'
import type { OxylabsSubUserOf } from '../../providers/oxylabs/domain'
import { GIB, MIB, gib, mib } from '../../src/units'
import { LIST_URL, USERNAME, expectedLogin, expectedRead, expectedWrite, failure, itemUrl, mainRow, mockLogin, row, sent, setup, success } from './support'

/** list.json's second row, mapped field by field. */
const TEST_USER: OxylabsSubUserOf = {
  provider: 'oxylabs',
  id: '12345',
  username: 'test_username_123',
  status: 'active',
  trafficLimitBytes: 1000 * GIB,
  trafficUsedBytes: Math.round(92.45 * GIB),
  createdAt: new Date('2022-01-24T13:54:00.000Z'),
  password: null,
  vendor: { provider: 'oxylabs', autoDisable: true, lifetime: true, isMainUser: false, usageStale: false },
}

const mapped = (overrides: Partial<Omit<OxylabsSubUserOf, 'vendor'>> & { vendor?: Partial<OxylabsSubUserOf['vendor']> } = {}): OxylabsSubUserOf => {
  const { vendor, ...rest } = overrides
  return {
    provider: 'oxylabs',
    id: '12345',
    username: 'team_a',
    status: 'active',
    trafficLimitBytes: null,
    trafficUsedBytes: 0,
    createdAt: new Date('2025-05-01T10:30:00.000Z'),
    password: null,
    ...rest,
    vendor: { provider: 'oxylabs', autoDisable: false, lifetime: false, isMainUser: false, usageStale: false, ...vendor },
  }
}

const plain = (u: OxylabsSubUserOf) => ({ ...u, password: u.password?.reveal() ?? null })

describe('oxylabs capabilities', () => {
  it('say what the vendor can do: no rename, no password read, both statuses, refresh re-reads, one listing that may omit disabled, 0 bytes allowed, access and unbounded usage', () => {
    expect(oxylabsCapabilities).toEqual({
      create: ['username', 'password', 'status', 'trafficLimitBytes'],
      update: ['password', 'status', 'trafficLimitBytes'],
      statuses: ['active', 'disabled'],
      readsPassword: false,
      refresh: 'reread',
      listing: 'single-response',
      trafficLimit: { stepBytes: MIB, minBytes: 0 },
      settings: ['autoDisable', 'lifetime'],
      listMayOmitDisabled: true,
      access: {
        protocols: ['http', 'https', 'socks5'],
        defaultProtocols: ['http', 'https'],
        country: true,
        session: { idLength: { min: 1, max: 64 }, minutes: { min: 1, max: 1440 } },
        revealsPassword: false,
      },
      usage: { historyDays: null, windowDays: null },
    })
    expect(OXYLABS_DEFAULT_BASE_URL).toBe('https://residential-api.oxylabs.io/v2')
  })
})

describe('oxylabs create', () => {
  it('logs in, checks the list, POSTs the body once (unlimited as an explicit null), and reads the new row back by its id', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, [mainRow()]).onGet(LIST_URL).replyOnce(200, [mainRow(), row({ id: 77, username: 'other' }), row()])
    mock.onPost(LIST_URL).reply(201, { id: 12345 })
    const user = await success(provider.create({ username: 'team_a', password: 'Strong_Password#209' }))
    expect(sent(mock)).toEqual([
      expectedLogin,
      expectedRead(LIST_URL),
      expectedWrite('POST', LIST_URL, '{"username":"team_a","password":"Strong_Password#209","traffic_limit":null}'),
      expectedRead(LIST_URL),
    ])
    expect(plain(user)).toEqual({ ...plain(mapped()), password: 'Strong_Password#209' })
  })

  it('sends a whole-MiB limit as exact GB, 0 as no traffic, and the settings only when given', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, []).onGet(LIST_URL).replyOnce(200, [row({ traffic_limit: 2.5, auto_disable: true, lifetime: false })])
    mock.onPost(LIST_URL).reply(201, { id: 12345 })
    const user = await success(provider.create({ username: 'team_a', password: 'Strong_Password#209', trafficLimitBytes: mib(2560), vendor: { oxylabs: { autoDisable: true, lifetime: false } } }))
    expect(sent(mock)[2]?.body).toBe('{"username":"team_a","password":"Strong_Password#209","traffic_limit":2.5,"lifetime":false,"auto_disable":true}')
    expect(user.trafficLimitBytes).toBe(gib(2.5))
    expect(user.vendor).toMatchObject({ autoDisable: true, lifetime: false })

    const zero = setup()
    mockLogin(zero.mock)
    zero.mock.onGet(LIST_URL).replyOnce(200, []).onGet(LIST_URL).replyOnce(200, [row({ traffic_limit: 0 })])
    zero.mock.onPost(LIST_URL).reply(201, { id: 12345 })
    expect((await success(zero.provider.create({ username: 'team_a', password: 'Strong_Password#209', trafficLimitBytes: 0 }))).trafficLimitBytes).toBe(0)
    expect(sent(zero.mock)[2]?.body).toBe('{"username":"team_a","password":"Strong_Password#209","traffic_limit":0}')
  })

  it('generates a compliant 16-character password when none is given, and returns it', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, []).onGet(LIST_URL).replyOnce(200, [row()])
    mock.onPost(LIST_URL).reply(201, { id: 12345 })
    const user = await success(provider.create({ username: 'team_a' }))
    const body = JSON.parse(sent(mock)[2]?.body as string) as { password: string }
    expect(body.password).toMatch(/^[A-Za-z0-9#_~+=]{16}$/)
    for (const cls of [/[a-z]/, /[A-Z]/, /\d/, /[#_~+=]/]) expect(body.password).toMatch(cls)
    expect(user.password?.reveal()).toBe(body.password)
  })

  it('refuses a username already in the list as a conflict, sending no POST', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [mainRow(), row()])
    expect(await failure(provider.create({ username: 'team_a' }))).toMatchObject({ kind: 'conflict', operation: 'create', message: 'oxylabs create: a sub-user named team_a already exists (id 12345)' })
    expect(await failure(provider.create({ username: USERNAME }))).toMatchObject({ kind: 'conflict', message: expect.stringContaining('(id 1)') })
    expect(mock.history.post.filter((c) => c.url === LIST_URL)).toHaveLength(0)
  })

  it('creates a disabled sub-user by creating it, then PATCHing its status, and checks it took', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock
      .onGet(LIST_URL).replyOnce(200, [])
      .onGet(LIST_URL).replyOnce(200, [row()])
      .onGet(LIST_URL).replyOnce(200, [row({ status: 'disabled' })])
    mock.onPost(LIST_URL).reply(201, { id: 12345 })
    mock.onPatch(itemUrl(12345)).reply(200, '')
    const user = await success(provider.create({ username: 'team_a', password: 'Strong_Password#209', status: 'disabled' }))
    expect(sent(mock).slice(2)).toEqual([
      expectedWrite('POST', LIST_URL, '{"username":"team_a","password":"Strong_Password#209","traffic_limit":null}'),
      expectedRead(LIST_URL),
      expectedWrite('PATCH', itemUrl(12345), '{"status":"disabled"}'),
      expectedRead(LIST_URL),
    ])
    expect(plain(user)).toEqual({ ...plain(mapped({ status: 'disabled' })), password: 'Strong_Password#209' })
  })

  it('says the sub-user exists and is still active when disabling it after the create fails', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, []).onGet(LIST_URL).replyOnce(200, [row()])
    mock.onPost(LIST_URL).reply(201, { id: 12345 })
    mock.onPatch(itemUrl(12345)).reply(400, { error: 'Invalid parameters' })
    expect(await failure(provider.create({ username: 'team_a', status: 'disabled' }))).toMatchObject({
      kind: 'validation',
      operation: 'create',
      retryable: false,
      message: expect.stringMatching(/^oxylabs create: team_a was created \(id 12345\) but is still active: disabling it failed: oxylabs update: validation \(HTTP 400, code 400\): Invalid parameters/),
    })
  })

  it('finds the row by username when the 2xx reply has no body, and fails as vendor when the list lacks it', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, []).onGet(LIST_URL).replyOnce(200, [row({ id: 9 })])
    mock.onPost(LIST_URL).replyOnce(201, '')
    expect((await success(provider.create({ username: 'team_a' }))).id).toBe('9')
    mock.onGet(LIST_URL).reply(200, [])
    mock.onPost(LIST_URL).replyOnce(201, { id: 10 })
    expect(await failure(provider.create({ username: 'team_b' }))).toMatchObject({ kind: 'vendor', message: 'oxylabs create: Oxylabs accepted team_b (id 10) but its list does not show it' })
  })
})

describe('oxylabs get, refresh, list and iterate', () => {
  it('reads the list (one GET) and maps every documented field; the main user is marked', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, listFixture)
    expect(await success(provider.get('12345'))).toEqual(TEST_USER)
    expect(sent(mock)).toEqual([expectedLogin, expectedRead(LIST_URL)])
    const all = await success(provider.list())
    expect(all.map((u) => [u.id, u.username, u.status, u.trafficLimitBytes, u.vendor.isMainUser])).toEqual([
      ['1', 'main_user', 'active', null, true],
      ['12345', 'test_username_123', 'active', 1000 * GIB, false],
      ['12346', 'paused_user', 'disabled', 0, false],
    ])
    expect(all[2]?.createdAt).toEqual(new Date('2023-06-30T10:00:00.000Z'))
    expect(all[2]?.trafficUsedBytes).toBe(gib(2.5))
    const iterated: string[] = []
    for await (const u of provider.iterate()) iterated.push(u.id)
    expect(iterated).toEqual(['1', '12345', '12346'])
    // One login for all of it.
    expect(mock.history.post).toHaveLength(1)
  })

  it('refresh re-reads the list (Oxylabs has nothing to renew)', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, listFixture)
    expect(await success(provider.refresh('12345'))).toEqual(TEST_USER)
    expect(sent(mock)).toEqual([expectedLogin, expectedRead(LIST_URL)])
  })

  it('probes the stats path for an id the list lacks: 404 is not_found, 200 is unsupported (exists, not listed)', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [mainRow()])
    mock.onGet(itemUrl(404)).reply(404, { error: 'Resource not found' })
    mock.onGet(itemUrl(5)).reply(200, { traffic: 0, traffic_by_period: {} })
    expect(await failure(provider.get('404'))).toMatchObject({ kind: 'not_found', operation: 'get', status: 404 })
    expect(sent(mock).slice(-2)).toEqual([expectedRead(LIST_URL), expectedRead(itemUrl(404), { type: '24h' })])
    expect(await failure(provider.refresh('5'))).toMatchObject({
      kind: 'unsupported',
      operation: 'refresh',
      fields: [{ path: 'id', message: 'exists but Oxylabs does not list it (probably disabled); its record cannot be read' }],
      message: 'oxylabs refresh: sub-user 5 exists but Oxylabs does not list it (probably disabled); its record cannot be read',
    })
  })
})

describe('oxylabs update', () => {
  it('PATCHes only the fields that change (an explicit null for unlimited), then re-reads and returns the row', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock
      .onGet(LIST_URL).replyOnce(200, [row({ traffic_limit: 2, status: 'active', lifetime: false })])
      .onGet(LIST_URL).replyOnce(200, [row({ traffic_limit: null, status: 'active', lifetime: true })])
    mock.onPatch(itemUrl(12345)).reply(200, '')
    const user = await success(provider.update('12345', { trafficLimitBytes: null, status: 'active', vendor: { oxylabs: { lifetime: true, autoDisable: false } } }))
    expect(sent(mock)).toEqual([expectedLogin, expectedRead(LIST_URL), expectedWrite('PATCH', itemUrl(12345), '{"traffic_limit":null,"lifetime":true}'), expectedRead(LIST_URL)])
    expect(user).toEqual(mapped({ vendor: { lifetime: true } }))
  })

  it('always sends a new password (it cannot be read to compare) and returns it', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [row()])
    mock.onPatch(itemUrl(12345)).reply(200, '')
    const user = await success(provider.update('12345', { password: 'New_Password#561' }))
    expect(sent(mock)[2]).toEqual(expectedWrite('PATCH', itemUrl(12345), '{"password":"New_Password#561"}'))
    expect(user.password?.reveal()).toBe('New_Password#561')
  })

  it('sends nothing when the sub-user already holds every value, and returns it as read', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [row({ traffic_limit: 0.5 })])
    expect(await success(provider.update('12345', { trafficLimitBytes: mib(512), status: 'active' }))).toEqual(mapped({ trafficLimitBytes: mib(512) }))
    expect(mock.history.patch).toHaveLength(0)
  })

  it('returns the row read before, with the sent values, when disabling takes it off the list (usage marked stale)', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, [row({ traffic: 1 })]).onGet(LIST_URL).replyOnce(200, [])
    mock.onPatch(itemUrl(12345)).reply(200, '')
    const user = await success(provider.update('12345', { status: 'disabled', trafficLimitBytes: gib(3) }))
    expect(sent(mock)[2]?.body).toBe('{"traffic_limit":3,"status":"disabled"}')
    expect(user).toEqual(mapped({ status: 'disabled', trafficLimitBytes: gib(3), trafficUsedBytes: GIB, vendor: { usageStale: true } }))
  })

  it('reaches a sub-user the list lacks only to set it active (probe first), and refuses anything else before sending', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, []).onGet(LIST_URL).replyOnce(200, [row()]).onGet(LIST_URL).reply(200, [])
    mock.onGet(itemUrl(12345)).reply(200, { traffic: 0, traffic_by_period: {} })
    mock.onPatch(itemUrl(12345)).reply(200, '')
    expect(await success(provider.update('12345', { status: 'active' }))).toEqual(mapped())
    expect(sent(mock).slice(1)).toEqual([
      expectedRead(LIST_URL),
      expectedRead(itemUrl(12345), { type: '24h' }),
      expectedWrite('PATCH', itemUrl(12345), '{"status":"active"}'),
      expectedRead(LIST_URL),
    ])
    expect(await failure(provider.update('12345', { trafficLimitBytes: mib(5) }))).toMatchObject({
      kind: 'unsupported',
      operation: 'update',
      message: "oxylabs update: sub-user 12345 exists but Oxylabs does not list it (probably disabled); its record cannot be read; only an update that sets status 'active' can reach it",
    })
    expect(mock.history.patch).toHaveLength(1)
  })

  it('counts a limit the vendor rounds within 1 MiB as applied', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, [row()]).onGet(LIST_URL).replyOnce(200, [row({ traffic_limit: 0.001 })])
    mock.onPatch(itemUrl(12345)).reply(200, '')
    const user = await success(provider.update('12345', { trafficLimitBytes: MIB }))
    expect(sent(mock)[2]?.body).toBe('{"traffic_limit":0.0009765625}')
    expect(user.trafficLimitBytes).toBe(Math.round(0.001 * GIB))
  })
})

describe('oxylabs delete', () => {
  it('reads the list once to know the main user, then DELETEs; later deletes go straight to DELETE', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [mainRow(), row()])
    mock.onDelete(itemUrl(12345)).reply(204)
    mock.onDelete(itemUrl(12346)).reply(204)
    expect(await success(provider.delete('12345'))).toBeUndefined()
    expect(await success(provider.delete('12346'))).toBeUndefined()
    expect(sent(mock)).toEqual([expectedLogin, expectedRead(LIST_URL), expectedRead(itemUrl(12345), undefined, 'DELETE'), expectedRead(itemUrl(12346), undefined, 'DELETE')])
  })

  it('reports an unknown id as not_found (DELETE 404)', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [mainRow()])
    mock.onDelete(itemUrl(9)).reply(404, { error: 'Resource not found' })
    expect(await failure(provider.delete('9'))).toMatchObject({ kind: 'not_found', operation: 'delete', status: 404 })
  })
})

describe('oxylabs main-user protection', () => {
  it('refuses to delete, disable or re-password the main proxy user, before sending any write', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [mainRow(), row()])
    const lockOut = (what: string) => ({
      kind: 'validation',
      fields: [{ path: 'id', message: `is the main proxy user (sub-user 1), the one this provider logs in as: ${what} would lock the provider out of the API` }],
    })
    expect(await failure(provider.delete('1'))).toMatchObject({ ...lockOut('deleting it'), operation: 'delete' })
    expect(await failure(provider.update('1', { status: 'disabled' }))).toMatchObject({ ...lockOut('disabling it'), operation: 'update' })
    expect(await failure(provider.update('1', { password: 'New_Password#561' }))).toMatchObject({ ...lockOut('changing its password'), operation: 'update' })
    expect([mock.history.delete.length, mock.history.patch.length]).toEqual([0, 0])
  })

  it('still lets the main user take a new limit', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, [mainRow()]).onGet(LIST_URL).replyOnce(200, [mainRow({ traffic_limit: 10 })])
    mock.onPatch(itemUrl(1)).reply(200, '')
    expect((await success(provider.update('1', { trafficLimitBytes: gib(10) }))).vendor.isMainUser).toBe(true)
  })
})
