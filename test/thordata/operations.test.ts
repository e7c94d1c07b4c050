import type { SubUser } from '../../src/domain'
import { mib } from '../../src/units'
import userListFixture from '../../providers/thordata/fixtures/user-list.json'
import usageFixture from '../../providers/thordata/fixtures/usage-statistics.json'
import writeOk from '../../providers/thordata/fixtures/write-ok.json'
import {
  CREATE_URL, DELETE_URL, LIST_URL, UPDATE_URL, USAGE_URL,
  expectedGet, expectedPost, failure, rawUser, sent, setup, success, userListReply,
} from './support'

/** A SubUser with its password revealed, so that it compares by value. */
const plain = (u: SubUser) => ({ ...u, password: u.password === null ? null : u.password.reveal() })

const ALICE = {
  provider: 'thordata',
  id: 'alice01',
  username: 'alice01',
  status: 'active',
  trafficLimitBytes: 500 * 1_048_576,
  trafficUsedBytes: 20480 * 1024,
  createdAt: new Date('2025-03-01T00:00:00.000Z'),
  password: 'Pw12345a',
  vendor: { provider: 'thordata', proxyType: 'residential', gatewayUsername: 'td-customer-alice01' },
}
const BOB = {
  provider: 'thordata',
  id: 'bob0002',
  username: 'bob0002',
  status: 'disabled',
  trafficLimitBytes: null,
  trafficUsedBytes: 0,
  createdAt: new Date('2025-03-02T00:00:00.000Z'),
  password: 'Zx98765b',
  vendor: { provider: 'thordata', proxyType: 'residential', gatewayUsername: 'td-customer-bob0002' },
}

describe('thordata list and iterate', () => {
  it('reads every user with one user-list GET (credentials and proxy_type in the query) and maps each field', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, JSON.stringify(userListFixture))
    const users = await success(provider.list())
    expect(users.map(plain)).toEqual([ALICE, BOB])
    expect(sent(mock)).toEqual([expectedGet(LIST_URL)])
  })

  it('iterates the single page and stops (no next page is requested)', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, userListFixture)
    const names: string[] = []
    for await (const u of provider.iterate()) names.push(u.id)
    expect(names).toEqual(['alice01', 'bob0002'])
    expect(mock.history).toHaveLength(1)
  })

  it('keeps passwords out of JSON and string forms of a user', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, userListFixture)
    const [alice] = await success(provider.list())
    expect(JSON.stringify(alice)).not.toContain('Pw12345a')
    expect(String(alice?.password)).toBe('[REDACTED]')
  })
})

describe('thordata get', () => {
  it('picks the user named by id from user-list', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, userListFixture)
    expect(plain(await success(provider.get('bob0002')))).toEqual(BOB)
    expect(sent(mock)).toEqual([expectedGet(LIST_URL)])
  })

  it('is not_found when user-list has no such user', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, userListFixture)
    const e = await failure(provider.get('nobody1'))
    expect(e).toMatchObject({ kind: 'not_found', provider: 'thordata', operation: 'get', retryable: false })
    expect(e.message).toBe('thordata get: no sub-user named nobody1')
  })
})

describe('thordata create', () => {
  it('posts create-user as a form with credentials in headers, then reads the user back from user-list', async () => {
    const { mock, provider } = setup()
    mock.onPost(CREATE_URL).reply(200, writeOk)
    mock.onGet(LIST_URL).reply(200, userListReply([rawUser({ username: 'carol003', password: 'Secret77x', usage_traffic: 0, created_time: '2025-04-01' })]))
    const user = await success(provider.create({ username: 'carol003', password: 'Secret77x', trafficLimitBytes: mib(500) }))
    expect(plain(user)).toEqual({
      ...ALICE,
      id: 'carol003',
      username: 'carol003',
      password: 'Secret77x',
      trafficUsedBytes: 0,
      createdAt: new Date('2025-04-01T00:00:00.000Z'),
      vendor: { ...ALICE.vendor, gatewayUsername: 'td-customer-carol003' },
    })
    expect(sent(mock)).toEqual([
      expectedPost(CREATE_URL, 'proxy_type=1&username=carol003&password=Secret77x&traffic_limit=500&status=true'),
      expectedGet(LIST_URL),
    ])
  })

  it('sends an unlimited limit as 0 and a disabled status as "false"', async () => {
    const { mock, provider } = setup()
    mock.onPost(CREATE_URL).reply(200, writeOk)
    mock.onGet(LIST_URL).reply(200, userListReply([rawUser({ username: 'dave0004', status: false, traffic_limit: 0 })]))
    const user = await success(provider.create({ username: 'dave0004', password: 'Secret77x', trafficLimitBytes: null, status: 'disabled' }))
    expect(user).toMatchObject({ id: 'dave0004', status: 'disabled', trafficLimitBytes: null })
    expect(sent(mock)[0]?.body).toBe('proxy_type=1&username=dave0004&password=Secret77x&traffic_limit=0&status=false')
  })

  it('generates a compliant password (15 letters and digits, first a letter) when none is given', async () => {
    const { mock, provider } = setup()
    mock.onPost(CREATE_URL).reply(200, writeOk)
    mock.onGet(LIST_URL).reply(200, userListReply([rawUser({ username: 'erin0005' })]))
    await success(provider.create({ username: 'erin0005' }))
    const body = new URLSearchParams(String(sent(mock)[0]?.body))
    expect(body.get('password')).toMatch(/^[A-Za-z][A-Za-z0-9]{14}$/)
    expect(body.get('traffic_limit')).toBe('0')
    expect(body.get('status')).toBe('true')
  })

  it('generates a different password each time', async () => {
    const { mock, provider } = setup()
    mock.onPost(CREATE_URL).reply(200, writeOk)
    mock.onGet(LIST_URL).reply(200, userListReply([rawUser({ username: 'erin0005' })]))
    await success(provider.create({ username: 'erin0005' }))
    await success(provider.create({ username: 'erin0005' }))
    const [first, , second] = sent(mock).map((r) => new URLSearchParams(String(r.body)).get('password'))
    expect(first).not.toBe(second)
  })

  it('fails with a vendor error when the created user is then missing from user-list', async () => {
    const { mock, provider } = setup()
    mock.onPost(CREATE_URL).reply(200, writeOk)
    mock.onGet(LIST_URL).reply(200, userListFixture)
    const e = await failure(provider.create({ username: 'ghost007', password: 'Secret77x' }))
    expect(e).toMatchObject({ kind: 'vendor', operation: 'create', retryable: false })
    expect(e.message).toBe('thordata create: the vendor accepted ghost007 but its user-list does not show it')
  })

  it('does not read user-list when create-user fails', async () => {
    const { mock, provider } = setup()
    mock.onPost(CREATE_URL).reply(200, { code: 10018, data: {}, msg: 'exists' })
    const e = await failure(provider.create({ username: 'alice01', password: 'Secret77x' }))
    expect(e).toMatchObject({ kind: 'conflict', vendorCode: 10018 })
    expect(mock.history).toHaveLength(1)
  })

  it('refuses vendor.thordata settings (Thordata has none) before sending, and ignores vendor.webshare', async () => {
    const { mock, provider } = setup()
    const e = await failure(provider.create({ username: 'alice01', vendor: { thordata: { region: 'us' } as never } }))
    expect(e).toMatchObject({ kind: 'unsupported', fields: [{ path: 'vendor.thordata.region', message: 'Thordata has no vendor-specific settings' }] })
    expect(mock.history).toHaveLength(0)

    mock.onPost(CREATE_URL).reply(200, writeOk)
    mock.onGet(LIST_URL).reply(200, userListFixture)
    const user = await success(provider.create({ username: 'alice01', password: 'Pw12345a', vendor: { thordata: {}, webshare: { maxThreadCount: 5 } } }))
    expect(user.id).toBe('alice01')
    expect(sent(mock)[0]?.body).toBe('proxy_type=1&username=alice01&password=Pw12345a&traffic_limit=0&status=true')
  })
})

describe('thordata update', () => {
  const updated = (overrides: Record<string, unknown>) => userListReply([rawUser(overrides)])

  it('a password-only update re-sends the current limit and status (never resets them)', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).replyOnce(200, userListReply([rawUser({ status: 'false', traffic_limit: 2048 })]))
    mock.onPost(UPDATE_URL).reply(200, writeOk)
    mock.onGet(LIST_URL).replyOnce(200, updated({ password: 'Newpass99', status: 'false', traffic_limit: 2048 }))
    const user = await success(provider.update('alice01', { password: 'Newpass99' }))
    expect(sent(mock)).toEqual([
      expectedGet(LIST_URL),
      expectedPost(UPDATE_URL, 'proxy_type=1&username=alice01&new_username=alice01&new_password=Newpass99&new_traffic_limit=2048&new_status=false'),
      expectedGet(LIST_URL),
    ])
    expect(plain(user)).toEqual({ ...ALICE, password: 'Newpass99', status: 'disabled', trafficLimitBytes: mib(2048) })
  })

  it('a rename returns the new id and sends the current password back', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).replyOnce(200, userListFixture)
    mock.onPost(UPDATE_URL).reply(200, writeOk)
    mock.onGet(LIST_URL).replyOnce(200, updated({ username: 'alice99' }))
    const user = await success(provider.update('alice01', { username: 'alice99' }))
    expect(user).toMatchObject({ id: 'alice99', username: 'alice99', vendor: { gatewayUsername: 'td-customer-alice99' } })
    expect(sent(mock)[1]?.body).toBe(
      'proxy_type=1&username=alice01&new_username=alice99&new_password=Pw12345a&new_traffic_limit=500&new_status=true',
    )
  })

  it('a status-only update keeps name, password and limit', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).replyOnce(200, userListFixture)
    mock.onPost(UPDATE_URL).reply(200, writeOk)
    mock.onGet(LIST_URL).replyOnce(200, updated({ status: false }))
    const user = await success(provider.update('alice01', { status: 'disabled' }))
    expect(user.status).toBe('disabled')
    expect(sent(mock)[1]?.body).toBe(
      'proxy_type=1&username=alice01&new_username=alice01&new_password=Pw12345a&new_traffic_limit=500&new_status=false',
    )
  })

  it('enables a disabled user and makes its limit unlimited (null → 0)', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).replyOnce(200, userListFixture)
    mock.onPost(UPDATE_URL).reply(200, writeOk)
    mock.onGet(LIST_URL).replyOnce(200, userListReply([rawUser({ username: 'bob0002', password: 'Zx98765b', traffic_limit: 0 })]))
    const user = await success(provider.update('bob0002', { status: 'active', trafficLimitBytes: null }))
    expect(user).toMatchObject({ id: 'bob0002', status: 'active', trafficLimitBytes: null })
    expect(sent(mock)[1]?.body).toBe(
      'proxy_type=1&username=bob0002&new_username=bob0002&new_password=Zx98765b&new_traffic_limit=0&new_status=true',
    )
  })

  it('a limit-only update sends the new limit in MiB and keeps the rest', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).replyOnce(200, userListFixture)
    mock.onPost(UPDATE_URL).reply(200, writeOk)
    mock.onGet(LIST_URL).replyOnce(200, updated({ traffic_limit: 10240 }))
    const user = await success(provider.update('alice01', { trafficLimitBytes: mib(10240) }))
    expect(user.trafficLimitBytes).toBe(10 * 1_073_741_824)
    expect(sent(mock)[1]?.body).toBe(
      'proxy_type=1&username=alice01&new_username=alice01&new_password=Pw12345a&new_traffic_limit=10240&new_status=true',
    )
  })

  it('is not_found, with nothing written, when the user is not in user-list', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, userListFixture)
    const e = await failure(provider.update('nobody1', { status: 'disabled' }))
    expect(e).toMatchObject({ kind: 'not_found', operation: 'update' })
    expect(sent(mock)).toEqual([expectedGet(LIST_URL)])
  })

  it('redacts both the old and the new password from a vendor message', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).replyOnce(200, userListFixture)
    mock.onPost(UPDATE_URL).reply(200, { code: 10016, msg: 'password Newpass99 replaces Pw12345a badly', data: {} })
    const e = await failure(provider.update('alice01', { password: 'Newpass99' }))
    expect(e).toMatchObject({ kind: 'validation', vendorCode: 10016, fields: [{ path: 'password', message: 'refused by Thordata' }] })
    expect(e.message).toBe('thordata update: validation (HTTP 200, code 10016): password [REDACTED] replaces [REDACTED] badly')
  })

  it('refuses a patch that changes nothing', async () => {
    const { mock, provider } = setup()
    const e = await failure(provider.update('alice01', { vendor: { thordata: {} } }))
    expect(e).toMatchObject({ kind: 'validation', fields: [{ path: '', message: 'the patch changes nothing' }] })
    expect(mock.history).toHaveLength(0)
  })
})

describe('thordata delete', () => {
  it('posts delete-user with the username and returns nothing', async () => {
    const { mock, provider } = setup()
    mock.onPost(DELETE_URL).reply(200, writeOk)
    expect(await success(provider.delete('bob0002'))).toBeUndefined()
    expect(sent(mock)).toEqual([expectedPost(DELETE_URL, 'proxy_type=1&username=bob0002')])
  })

  it('maps 10020 (unknown username) to not_found', async () => {
    const { mock, provider } = setup()
    mock.onPost(DELETE_URL).reply(200, { code: 10020, msg: 'username does not exist', data: {} })
    expect(await failure(provider.delete('nobody1'))).toMatchObject({ kind: 'not_found', operation: 'delete', vendorCode: 10020, status: 200 })
  })
})

describe('thordata refresh', () => {
  beforeEach(() => {
    jest.useFakeTimers({
      now: new Date('2025-03-02T23:59:30.000Z'),
      doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'hrtime', 'performance'],
    })
  })
  afterEach(() => jest.useRealTimers())

  it('re-reads user-list, then usage-statistics for today (UTC), taking total_usage_traffic (KiB) as usage', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, userListFixture)
    mock.onGet(USAGE_URL).reply(200, usageFixture)
    const user = await success(provider.refresh('alice01'))
    expect(plain(user)).toEqual({ ...ALICE, trafficUsedBytes: 30720 * 1024 })
    expect(sent(mock)).toEqual([
      expectedGet(LIST_URL),
      expectedGet(USAGE_URL, { username: 'alice01', from_date: '2025-03-02', to_date: '2025-03-02' }),
    ])
  })

  it('is not_found without asking for usage when the user does not exist', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, userListFixture)
    expect(await failure(provider.refresh('nobody1'))).toMatchObject({ kind: 'not_found', operation: 'refresh' })
    expect(mock.history).toHaveLength(1)
  })

  it('maps a usage-statistics error code (10021) and decodes its reply strictly', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, userListFixture)
    mock.onGet(USAGE_URL).replyOnce(200, { code: 10021, msg: 'range too long', data: {} })
    expect(await failure(provider.refresh('alice01'))).toMatchObject({ kind: 'validation', vendorCode: 10021, operation: 'refresh' })
    mock.onGet(USAGE_URL).replyOnce(200, { code: 200, msg: 'ok', data: { total_usage_traffic: '30720' } })
    const e = await failure(provider.refresh('alice01'))
    expect(e).toMatchObject({ kind: 'decode', operation: 'refresh', fields: [{ path: 'data.total_usage_traffic', message: 'expected non-negative number' }] })
    expect(e.message).not.toContain('30720')
  })
})
