import fallback from '../../providers/thordata/fixtures/user-list-data-fallback.json'
import truncated from '../../providers/thordata/fixtures/user-list-truncated.json'
import { LIST_URL, failure, rawUser, setup, success, userListReply } from './support'

const listWith = async (records: ReadonlyArray<Record<string, unknown>>) => {
  const { mock, provider } = setup()
  mock.onGet(LIST_URL).reply(200, userListReply(records))
  return provider.list()
}

describe('thordata user-list decoding', () => {
  it.each([
    [true, 'active'],
    ['true', 'active'],
    [1, 'active'],
    ['1', 'active'],
    [false, 'disabled'],
    ['false', 'disabled'],
    [-2, 'disabled'],
    ['-2', 'disabled'],
    [0, 'disabled'],
    ['0', 'disabled'],
  ])('reads status %j as %s', async (status, expected) => {
    const [user] = await success(await listWith([rawUser({ status })]))
    expect(user?.status).toBe(expected)
  })

  it.each([['yes'], [2], ['TRUE'], [null], [-1], [{}]])('refuses status %j with a decode error at data.list.N.status', async (status) => {
    const e = await failure(await listWith([rawUser({ username: 'first01' }), rawUser({ status })]))
    expect(e).toMatchObject({ kind: 'decode', operation: 'list' })
    expect(e.fields).toEqual([{ path: 'data.list.1.status', message: 'expected true | false | "true" | "false" | 1 | "1" | 0 | "0" | -2 | "-2"' }])
  })

  it.each([
    ['username', undefined, 'expected string'],
    ['username', 12345678, 'expected string'],
    ['password', undefined, 'expected string'],
    ['password', 99887766, 'expected string'],
    ['traffic_limit', undefined, 'expected non-negative number'],
    ['traffic_limit', '500', 'expected non-negative number'],
    ['usage_traffic', '20480', 'expected non-negative number | null'],
    ['created_time', 20250301, 'expected string | null'],
  ])('a missing or wrong-typed %s (%j) is a decode error naming its path and type, not its value', async (field, value, message) => {
    const e = await failure(await listWith([rawUser({ [field]: value })]))
    expect(e).toMatchObject({ kind: 'decode', fields: [{ path: `data.list.0.${field}`, message }] })
    expect(e.message).toBe(`thordata list: unexpected response: data.list.0.${field} ${message}`)
    if (value !== undefined) expect([e.message, JSON.stringify(e)].join(' ')).not.toContain(String(value))
  })

  it.each([
    ['a traffic_limit of 1e309 (Infinity)', '"traffic_limit": 1e309', 'data.list.0.traffic_limit'],
    ['a negative traffic_limit', '"traffic_limit": -500', 'data.list.0.traffic_limit'],
    ['a negative usage_traffic', '"usage_traffic": -1', 'data.list.0.usage_traffic'],
  ])('%s is a decode error naming its path', async (_name, field, path) => {
    const { mock, provider } = setup()
    const user = JSON.stringify(rawUser()).slice(1, -1)
    const reply = JSON.stringify(userListReply([{ placeholder: true }])).replace('{"placeholder":true}', `{${user}, ${field}}`)
    mock.onGet(LIST_URL).reply(200, reply)
    const e = await failure(provider.list())
    expect(e).toMatchObject({ kind: 'decode', fields: [{ path, message: expect.stringMatching(/^expected non-negative number/) }] })
  })

  it('never shows a password in a decode error about the record that holds it', async () => {
    const e = await failure(await listWith([rawUser({ password: 'Leaky123pw', traffic_limit: 'lots' })]))
    expect(e.fields).toEqual([{ path: 'data.list.0.traffic_limit', message: 'expected non-negative number' }])
    expect(JSON.stringify(e)).not.toContain('Leaky123pw')
  })

  it('accepts unknown extra fields in the envelope, the list data and each user', async () => {
    const { mock, provider } = setup()
    const reply = userListReply([rawUser({ region: 'us', extra: { deep: [1] } })])
    mock.onGet(LIST_URL).reply(200, { ...reply, request_id: 'x', data: { ...reply.data, page_hint: 'none' } })
    const [user] = await success(provider.list())
    expect(user?.id).toBe('alice01')
    expect(Object.keys(user ?? {}).sort()).toEqual(
      ['createdAt', 'id', 'password', 'provider', 'status', 'trafficLimitBytes', 'trafficUsedBytes', 'username', 'vendor'],
    )
    expect(user?.vendor).toEqual({ provider: 'thordata', proxyType: 'residential', gatewayUsername: 'td-customer-alice01' })
  })

  it('fails with a decode error rather than truncate when user_count exceeds the list', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, truncated)
    const e = await failure(provider.list())
    expect(e).toMatchObject({
      kind: 'decode',
      fields: [{ path: 'data.list', message: 'expected at least data.user_count users (the list is truncated)' }],
    })
    expect(e.message).not.toMatch(/\b3\b/)
  })

  it('accepts a user_count equal to or below the list length, and no user_count at all', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).replyOnce(200, { code: 200, data: { user_count: 0, list: [rawUser()] } })
    expect(await success(provider.list())).toHaveLength(1)
    mock.onGet(LIST_URL).replyOnce(200, { code: 200, data: { list: [rawUser(), rawUser({ username: 'bob0002' })] } })
    expect(await success(provider.list())).toHaveLength(2)
  })

  it('falls back to data.data when data.list is absent', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, fallback)
    const [carol] = await success(provider.list())
    expect(carol).toMatchObject({ id: 'carol003', status: 'active', trafficLimitBytes: 1024 * 1_048_576, trafficUsedBytes: 1024 })
    expect(carol?.password?.reveal()).toBe('Qw55555c')
    // "2025-03-03 10:00:00" is not yyyy-mm-dd: the date is unknown rather than guessed.
    expect(carol?.createdAt).toBeNull()
  })

  it('an empty list is an empty result', async () => {
    expect(await success(await listWith([]))).toEqual([])
  })

  it('is a decode error when data holds neither list nor data', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, { code: 200, msg: 'ok', data: { limit: 100 } })
    expect(await failure(provider.list())).toMatchObject({
      kind: 'decode',
      fields: [{ path: 'data.list', message: 'expected Array<ThordataUser> (or data.data)' }],
    })
  })

  it('is a decode error naming data when it is missing or not an object', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).replyOnce(200, { code: 200, msg: 'ok' })
    expect((await failure(provider.list())).fields).toEqual([{ path: 'data', message: 'expected ThordataUserList' }])
    mock.onGet(LIST_URL).replyOnce(200, { code: 200, msg: 'ok', data: [] })
    expect((await failure(provider.list())).fields).toEqual([{ path: 'data', message: 'expected ThordataUserList' }])
    mock.onGet(LIST_URL).replyOnce(200, { code: 200, msg: 'ok', data: { list: 'none' } })
    expect((await failure(provider.list())).fields).toEqual([{ path: 'data.list', message: 'expected Array<ThordataUser>' }])
    mock.onGet(LIST_URL).replyOnce(200, { code: 200, msg: 'ok', data: { list: ['alice01'] } })
    const e = await failure(provider.list())
    expect(e.fields).toEqual([{ path: 'data.list.0', message: 'expected ThordataUser' }])
    expect(e.message).not.toContain('alice01')
  })

  it.each([
    ['2025-03-01', new Date('2025-03-01T00:00:00.000Z')],
    ['2024-02-29', new Date('2024-02-29T00:00:00.000Z')],
    ['2025-02-30', null],
    ['2025-3-1', null],
    ['01/03/2025', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('reads created_time %j as %s (UTC midnight)', async (created_time, expected) => {
    const [user] = await success(await listWith([rawUser({ created_time })]))
    expect(user?.createdAt).toEqual(expected)
  })

  it('reads usage_traffic in KiB, and no usage (missing or null) as null', async () => {
    const [a, b, c] = await success(
      await listWith([rawUser({ usage_traffic: 3 }), rawUser({ username: 'bob0002', usage_traffic: null }), rawUser({ username: 'carol03', usage_traffic: undefined })]),
    )
    expect([a?.trafficUsedBytes, b?.trafficUsedBytes, c?.trafficUsedBytes]).toEqual([3072, null, null])
  })

  it('reads traffic_limit in MiB, with 0 as unlimited', async () => {
    const [a, b] = await success(await listWith([rawUser({ traffic_limit: 100 }), rawUser({ username: 'bob0002', traffic_limit: 0 })]))
    expect([a?.trafficLimitBytes, b?.trafficLimitBytes]).toEqual([104_857_600, null])
  })
})

describe('thordata reads of one user decode only that user', () => {
  it('get is not stopped by a malformed other user, and names the path of its own', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, userListReply([rawUser({ username: 'other01', traffic_limit: 'lots' }), rawUser({ username: 'alice01' })]))
    expect((await success(provider.get('alice01'))).id).toBe('alice01')
    const e = await failure(provider.get('other01'))
    expect(e).toMatchObject({ kind: 'decode', operation: 'get', fields: [{ path: 'data.list.0.traffic_limit', message: 'expected non-negative number' }] })
    expect(e.message).toBe('thordata get: unexpected response: data.list.0.traffic_limit expected non-negative number')
    expect(await failure(provider.list())).toMatchObject({ kind: 'decode', fields: [{ path: 'data.list.0.traffic_limit' }] })
  })

  it('names data.data paths when the users come under data.data', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, { code: 200, msg: 'ok', data: { data: [rawUser({ username: 'alice01', password: 12345678 })] } })
    expect(await failure(provider.get('alice01'))).toMatchObject({ fields: [{ path: 'data.data.0.password', message: 'expected string' }] })
  })
})
