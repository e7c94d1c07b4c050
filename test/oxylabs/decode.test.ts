/**
 * Decoding Oxylabs' replies (vendor sheet §2, §3): every documented field, both stats shapes,
 * tolerant of unknown fields, and failures that name paths and types, never values.
 */
import * as E from 'fp-ts/Either'
import statsV1 from '../../providers/oxylabs/fixtures/stats-v1.json'
import statsV2 from '../../providers/oxylabs/fixtures/stats-v2.json'
import loginFixture from '../../providers/oxylabs/fixtures/login.json'
import createdFixture from '../../providers/oxylabs/fixtures/created.json'
import listFixture from '../../providers/oxylabs/fixtures/list.json'
import { OxylabsCreated, OxylabsLogin, OxylabsSubUserList, OxylabsSubUserStats } from '../../providers/oxylabs'
import { parseCreatedAt, toSubUser } from '../../providers/oxylabs/mapping'
import { decodeWith } from '../../src/decode'
import { GIB } from '../../src/units'
import { LIST_URL, everything, failure, itemUrl, mainRow, mockLogin, row, setup, success } from './support'

const decoded = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error('expected a decode')
  return r.right
}

describe('oxylabs codecs', () => {
  it('decode the documented examples', () => {
    expect(decoded(decodeWith(OxylabsSubUserList, 'oxylabs', 'list')(listFixture))).toHaveLength(3)
    expect(decoded(decodeWith(OxylabsLogin, 'oxylabs', 'list')(loginFixture))).toEqual(loginFixture)
    expect(decoded(decodeWith(OxylabsCreated, 'oxylabs', 'create')(createdFixture))).toEqual({ id: 12347 })
    expect(decoded(decodeWith(OxylabsSubUserStats, 'oxylabs', 'get')(statsV1))).toEqual(statsV1)
    expect(decoded(decodeWith(OxylabsSubUserStats, 'oxylabs', 'get')(statsV2))).toEqual(statsV2)
  })

  it('accept a row without the optional fields, and map them to null', () => {
    const bare = decoded(decodeWith(OxylabsSubUserList, 'oxylabs', 'list')([{ id: 3, username: 'bare', status: 'disabled', traffic_limit: 0.5 }]))[0]!
    expect(toSubUser(bare, { mainUsername: 'main_user' })).toEqual({
      provider: 'oxylabs', id: '3', username: 'bare', status: 'disabled', trafficLimitBytes: GIB / 2, trafficUsedBytes: null, createdAt: null, password: null,
      vendor: { provider: 'oxylabs', autoDisable: null, lifetime: null, isMainUser: false, usageStale: false },
    })
  })

  it('round GB to the nearest byte (the vendor’s 2000.68 is not whole MiB)', () => {
    const r = decoded(decodeWith(OxylabsSubUserList, 'oxylabs', 'list')([row({ traffic_limit: 2000.68, traffic: 0.1 })]))[0]!
    const u = toSubUser(r, { mainUsername: 'x' })
    expect(u.trafficLimitBytes).toBe(Math.round(2000.68 * GIB))
    expect(u.trafficUsedBytes).toBe(Math.round(0.1 * GIB))
    expect(Number.isSafeInteger(u.trafficLimitBytes)).toBe(true)
  })

  it('name every failing path and expected type, never a value', () => {
    const r = decodeWith(OxylabsSubUserList, 'oxylabs', 'list')([{ id: -1, username: 7, status: 'paused', traffic_limit: 'secret-1234', traffic: 1e309, auto_disable: 'yes' }])
    expect(E.isLeft(r) && r.left.fields).toEqual([
      { path: '0.id', message: 'expected whole number ≤ 2^53 − 1' },
      { path: '0.username', message: 'expected string' },
      { path: '0.status', message: 'expected OxylabsStatus' },
      { path: '0.traffic_limit', message: 'expected non-negative number | null' },
      { path: '0.traffic', message: 'expected non-negative number | null' },
      { path: '0.auto_disable', message: 'expected boolean | null' },
    ])
    expect(E.isLeft(r) && everything(r.left)).not.toContain('secret-1234')
  })

  it('refuse stats in neither shape, and results rows without a period', () => {
    for (const bad of [{ traffic: 1 }, { traffic: 1, results: [{ traffic: 1 }] }, { traffic: 1, traffic_by_period: { '2025-01-01': 'x' } }, []]) {
      expect(E.isLeft(decodeWith(OxylabsSubUserStats, 'oxylabs', 'get')(bad))).toBe(true)
    }
  })
})

describe('oxylabs created_at', () => {
  it.each([
    ['2022-01-24 13:54', '2022-01-24T13:54:00.000Z'],
    ['2024-02-29 00:00', '2024-02-29T00:00:00.000Z'],
    ['2022-01-24T13:54:00Z', '2022-01-24T13:54:00.000Z'],
    ['2022-01-24T13:54:00.123456+02:00', '2022-01-24T11:54:00.123Z'],
    ['2022-01-24T13:54-0130', '2022-01-24T15:24:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseCreatedAt(text)?.toISOString()).toBe(iso)
  })

  it.each(['2023-02-29 10:00', '2022-01-24 24:00', '2022-01-24', '2022-01-24T13:54:00', '24/01/2022 13:54', ''])('maps %j to null', (text) => {
    expect(parseCreatedAt(text)).toBeNull()
  })
})

describe('oxylabs decode through the provider', () => {
  it('answers a list that does not decode with decode, and a stats probe in an unknown shape too', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, [{ id: 'x' }]).onGet(LIST_URL).reply(200, [mainRow()])
    expect(await failure(provider.list())).toMatchObject({ kind: 'decode', operation: 'list', fields: expect.arrayContaining([{ path: '0.id', message: 'expected whole number ≤ 2^53 − 1' }]) })
    mock.onGet(itemUrl(5)).reply(200, { traffic: 1 })
    expect(await failure(provider.get('5'))).toMatchObject({ kind: 'decode', operation: 'get' })
  })

  it('takes the v2 stats shape on the probe as well as the v1 one', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [])
    mock.onGet(itemUrl(5)).reply(200, statsV2)
    expect(await failure(provider.get('5'))).toMatchObject({ kind: 'unsupported' })
  })

  it('refuses a create reply that does not decode', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [])
    mock.onPost(LIST_URL).reply(201, { id: 'new' })
    expect(await failure(provider.create({ username: 'team_a' }))).toMatchObject({ kind: 'decode', operation: 'create', fields: [{ path: 'id', message: 'expected whole number ≤ 2^53 − 1' }] })
  })

  it('lets unknown fields pass', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [row({ extra: { nested: true } })])
    expect((await success(provider.get('12345'))).username).toBe('team_a')
  })
})

describe('oxylabs reads of one sub-user decode only its row', () => {
  it('get and refresh are not stopped by a malformed other row, and name the path of their own', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [mainRow(), row({ id: 7, username: 'other_1', traffic_limit: 'lots' }), row(), 'not a row'])
    expect((await success(provider.get('12345'))).username).toBe('team_a')
    expect((await success(provider.refresh('12345'))).id).toBe('12345')
    const e = await failure(provider.get('7'))
    expect(e).toMatchObject({ kind: 'decode', operation: 'get', fields: [{ path: '1.traffic_limit', message: expect.any(String) }] })
    expect(e.message).toMatch(/^oxylabs get: unexpected response: 1\.traffic_limit expected /)
    expect(everything(e)).not.toContain('lots')
    // A whole-list read still decodes every row.
    expect(await failure(provider.list())).toMatchObject({ kind: 'decode', operation: 'list' })
  })

  it('update, access and delete are not stopped by a malformed other row either', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    const other = row({ id: 7, username: 'other_1', traffic_limit: 'lots' })
    mock.onGet(LIST_URL).replyOnce(200, [mainRow(), other, row()])
    mock.onPatch(itemUrl(12345)).replyOnce(204)
    mock.onGet(LIST_URL).replyOnce(200, [mainRow(), other, row({ traffic_limit: 2 })])
    expect((await success(provider.update('12345', { trafficLimitBytes: 2 * GIB }))).trafficLimitBytes).toBe(2 * GIB)
    expect(mock.history.filter((c) => c.method === 'patch').map((c) => JSON.parse(String(c.data)))).toEqual([{ traffic_limit: 2 }])
    mock.onGet(LIST_URL).replyOnce(200, [mainRow(), other, row()])
    expect((await success(provider.access('12345', { protocol: 'http' }))).subUserId).toBe('12345')
    mock.onDelete(itemUrl(12345)).replyOnce(204)
    await success(provider.delete('12345'))
    // The update's own row, malformed, still stops it before any PATCH, naming its path.
    mock.onGet(LIST_URL).replyOnce(200, [mainRow(), other, row()])
    expect(await failure(provider.update('7', { status: 'disabled' }))).toMatchObject({ kind: 'decode', operation: 'update', fields: [{ path: '1.traffic_limit', message: expect.any(String) }] })
    expect(mock.history.filter((c) => c.method === 'patch')).toHaveLength(1)
  })

  it('answers a reply that is not a list with decode, naming the body', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, { rows: [] })
    expect(await failure(provider.get('12345'))).toMatchObject({ kind: 'decode', operation: 'get', fields: [{ path: '', message: expect.stringContaining('OxylabsListRows') }] })
  })

  it('learns the main user from the row it passes, so deleting the main user is refused without another list', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [mainRow(), row()])
    await success(provider.get('12345'))
    const lists = () => mock.history.filter((c) => c.method === 'get' && c.url === LIST_URL).length
    expect(lists()).toBe(1)
    expect(await failure(provider.delete('1'))).toMatchObject({ kind: 'validation', operation: 'delete' })
    expect(lists()).toBe(1)
    expect(mock.history.filter((c) => c.method === 'delete')).toHaveLength(0)
  })
})

describe('oxylabs create reads the list for names, and decodes only the created row in full', () => {
  it('is not stopped by another row with a malformed status, and returns the created row', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    const other = row({ id: 7, username: 'other_1', status: 'maybe' })
    mock.onGet(LIST_URL).replyOnce(200, [mainRow(), other]).onGet(LIST_URL).reply(200, [mainRow(), other, row({ id: 8, username: 'team_b' })])
    mock.onPost(LIST_URL).reply(201, { id: 8 })
    expect(await success(provider.create({ username: 'team_b', password: 'Secret_Pass#1' }))).toMatchObject({ id: '8', username: 'team_b' })
  })

  it('still refuses a list whose rows lack an id or a username (the name check could not be trusted), before any POST', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [mainRow(), { id: 7, name: 'team_b' }])
    expect(await failure(provider.create({ username: 'team_b', password: 'Secret_Pass#1' }))).toMatchObject({ kind: 'decode', operation: 'create', fields: [{ path: '1.username', message: expect.any(String) }] })
    expect(mock.history.filter((c) => c.method === 'post' && c.url === LIST_URL)).toHaveLength(0)
  })

  it('names the created row by its index when that row does not decode', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(200, [mainRow()]).onGet(LIST_URL).reply(200, [mainRow(), row({ id: 8, username: 'team_b', traffic_limit: 'lots' })])
    mock.onPost(LIST_URL).reply(201, { id: 8 })
    const e = await failure(provider.create({ username: 'team_b', password: 'Secret_Pass#1' }))
    expect(e).toMatchObject({ kind: 'decode', operation: 'create', fields: [{ path: '1.traffic_limit', message: expect.any(String) }] })
    expect(everything(e)).not.toContain('lots')
    expect(everything(e)).not.toContain('Secret_Pass#1')
  })
})
