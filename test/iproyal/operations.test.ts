/**
 * The IPRoyal adapter's operations: the exact requests each sends (vendor sheet §3.10) and the
 * sub-users it maps from the replies.
 */
import subUserFixture from '../../providers/iproyal/fixtures/subuser.json'
import { IPROYAL_DEFAULT_BASE_URL, createIPRoyalProvider, iproyalCapabilities } from '../../providers/iproyal'
import type { IPRoyalSubUserOf } from '../../providers/iproyal'
import { SubUserError } from '../../src/errors'
import { GIB, gib, mib } from '../../src/units'
import { mockedAxios } from '../support/mocked-axios'
import {
  AUTH, BASE, HASH, LIST_URL, ME_URL, OTHER_HASH, TOKEN, calls, everything, expectedRead, expectedWrite, failure, giveUrl, itemUrl, rawMe, rawPage, rawSubUser, sent, setup, success, takeUrl,
} from './support'

/** subuser.json (the docs' example), mapped field by field. */
const SUBUSER123: IPRoyalSubUserOf = {
  provider: 'iproyal',
  id: '02JVRQ5BF83PTW19G1SRD955J0',
  username: 'subuser123',
  status: 'active',
  trafficLimitBytes: 10 * GIB,
  trafficUsedBytes: 0,
  createdAt: null,
  password: expect.objectContaining({ reveal: expect.any(Function) }) as never,
  vendor: { provider: 'iproyal', trafficAvailableBytes: 10 * GIB, legacyId: 5, limits: null, trafficBytes: null },
}

describe('iproyal create', () => {
  it('reads the main balance, then POSTs username, password and traffic in GB as JSON, and maps the reply', async () => {
    const { mock, provider } = setup()
    mock.onGet(ME_URL).reply(200, rawMe(32.6))
    mock.onPost(LIST_URL).reply(201, subUserFixture)
    const user = await success(provider.create({ username: 'subuser123', password: 'securepassword', trafficLimitBytes: gib(10) }))
    expect(sent(mock)).toEqual([expectedRead('GET', ME_URL), expectedWrite('POST', LIST_URL, '{"username":"subuser123","password":"securepassword","traffic":10}')])
    expect(user).toEqual(SUBUSER123)
    expect(user.password?.reveal()).toBe('securepassword')
  })

  it('creates an empty allocation (0) without reading the balance, and sends a whole-MiB amount as an exact GB float', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).replyOnce(201, rawSubUser({ traffic_available: 0 })).onGet(ME_URL).reply(200, rawMe(1)).onPost(LIST_URL).replyOnce(201, rawSubUser({ traffic_available: 0.0009765625 }))
    expect((await success(provider.create({ username: 'team_a', password: 'Secret123', trafficLimitBytes: 0 }))).trafficLimitBytes).toBe(0)
    expect((await success(provider.create({ username: 'team_a', password: 'Secret123', trafficLimitBytes: mib(1) }))).trafficLimitBytes).toBe(mib(1))
    expect(calls(mock)).toEqual([`POST ${LIST_URL}`, `GET ${ME_URL}`, `POST ${LIST_URL}`])
    expect(sent(mock)[0]?.body).toBe('{"username":"team_a","password":"Secret123","traffic":0}')
    expect(sent(mock)[2]?.body).toBe('{"username":"team_a","password":"Secret123","traffic":0.0009765625}')
  })

  it('generates a 16-character password of letters and digits when none is given, and never shows it in errors', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(422, { message: 'refused', errors: { username: ['refused'] } })
    const e = await failure(provider.create({ username: 'team_a', trafficLimitBytes: 0 }))
    const body = JSON.parse(String(sent(mock)[0]?.body)) as { password: string }
    expect(body.password).toMatch(/^[A-Za-z0-9]{16}$/)
    expect(everything(e)).not.toContain(body.password)
  })

  it('passes vendor.iproyal.limits through as given', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(201, rawSubUser({ traffic_available: 0 }))
    await success(provider.create({ username: 'team_a', password: 'Secret123', trafficLimitBytes: 0, vendor: { iproyal: { limits: { daily_limit: 5000, lifetime_limit: null } }, webshare: { maxThreadCount: 3 } } }))
    expect(sent(mock)[0]?.body).toBe('{"username":"team_a","password":"Secret123","traffic":0,"limits":{"daily_limit":5000,"lifetime_limit":null}}')
  })
})

describe('iproyal get, refresh and delete', () => {
  it('GETs the sub-user by hash with the bearer token', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl('02JVRQ5BF83PTW19G1SRD955J0')).reply(200, subUserFixture)
    expect(await success(provider.get('02JVRQ5BF83PTW19G1SRD955J0'))).toEqual(SUBUSER123)
    expect(sent(mock)).toEqual([expectedRead('GET', itemUrl('02JVRQ5BF83PTW19G1SRD955J0'))])
    expect(sent(mock)[0]?.authorization).toBe(AUTH)
  })

  it('refresh only re-reads (IPRoyal has nothing to renew)', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, rawSubUser({ traffic_available: 7.5, traffic_used: 2.5 }))
    const u = await success(provider.refresh(HASH))
    expect(sent(mock)).toEqual([expectedRead('GET', itemUrl())])
    expect(u).toMatchObject({ trafficLimitBytes: 10 * GIB, trafficUsedBytes: 2.5 * GIB, vendor: { trafficAvailableBytes: 7.5 * GIB } })
    expect(iproyalCapabilities.refresh).toBe('reread')
  })

  it.each([
    ['an empty 200', 200, ''],
    ['a 204', 204, ''],
    ['a 200 with a body', 200, '{"message":"Deleted."}'],
    ['a 202 with text', 202, 'ok'],
  ])('DELETEs the sub-user; %s is success', async (_name, status, body) => {
    const { mock, provider } = setup()
    mock.onDelete(itemUrl()).reply(status, body)
    expect(await success(provider.delete(HASH))).toBeUndefined()
    expect(sent(mock)).toEqual([expectedRead('DELETE', itemUrl())])
  })
})

describe('iproyal update', () => {
  it('reads first, PUTs only the credentials that change (never traffic), then reads back', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(200, rawSubUser()).onPut(itemUrl()).replyOnce(200, rawSubUser({ password: 'Newpass123' })).onGet(itemUrl()).replyOnce(200, rawSubUser({ password: 'Newpass123' }))
    const u = await success(provider.update(HASH, { username: 'team_a', password: 'Newpass123' }))
    expect(sent(mock)).toEqual([expectedRead('GET', itemUrl()), expectedWrite('PUT', itemUrl(), '{"password":"Newpass123"}'), expectedRead('GET', itemUrl())])
    expect(u.password?.reveal()).toBe('Newpass123')
    expect(u.vendor.applied).toEqual(['password'])
  })

  it('renames with PUT {username}: the id (hash) stays the same', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(200, rawSubUser()).onPut(itemUrl()).replyOnce(200, rawSubUser({ username: 'team_b' })).onGet(itemUrl()).replyOnce(200, rawSubUser({ username: 'team_b' }))
    const u = await success(provider.update(HASH, { username: 'team_b' }))
    expect(sent(mock)[1]).toEqual(expectedWrite('PUT', itemUrl(), '{"username":"team_b"}'))
    expect(u).toMatchObject({ id: HASH, username: 'team_b', vendor: { applied: ['username'] } })
  })

  it('sends vendor.iproyal.limits in the PUT', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, rawSubUser()).onPut(itemUrl()).reply(200, rawSubUser())
    const u = await success(provider.update(HASH, { vendor: { iproyal: { limits: { monthly_limit: 150000 } } } }))
    expect(sent(mock)[1]).toEqual(expectedWrite('PUT', itemUrl(), '{"limits":{"monthly_limit":150000}}'))
    expect(u.vendor.applied).toEqual(['vendor.iproyal.limits'])
  })

  it('reads only, for a patch that changes nothing IPRoyal stores (status active, the same password)', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, rawSubUser())
    const u = await success(provider.update(HASH, { status: 'active', password: 'Secret123' }))
    expect(calls(mock)).toEqual([`GET ${itemUrl()}`, `GET ${itemUrl()}`])
    expect(u.vendor.applied).toEqual([])
  })

  it('raises the limit with give-traffic of the exact difference, after checking the main balance', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(200, rawSubUser({ traffic_available: 8, traffic_used: 2 })).onGet(ME_URL).reply(200, rawMe(100))
    mock.onPost(giveUrl()).reply(200, rawSubUser({ traffic_available: 10.5, traffic_used: 2 })).onGet(itemUrl()).replyOnce(200, rawSubUser({ traffic_available: 10.5, traffic_used: 2 }))
    const u = await success(provider.update(HASH, { trafficLimitBytes: mib(12.5 * 1024) }))
    expect(sent(mock)).toEqual([expectedRead('GET', itemUrl()), expectedRead('GET', ME_URL), expectedWrite('POST', giveUrl(), '{"amount":2.5}'), expectedRead('GET', itemUrl())])
    expect(u).toMatchObject({ trafficLimitBytes: mib(12.5 * 1024), trafficUsedBytes: 2 * GIB, vendor: { trafficAvailableBytes: 10.5 * GIB, applied: ['trafficLimitBytes'] } })
  })

  it('lowers the limit with take-traffic of the exact difference, without reading the balance', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(200, rawSubUser({ traffic_available: 10, traffic_used: 0 }))
    mock.onPost(takeUrl()).reply(200, rawSubUser({ traffic_available: 9.5 })).onGet(itemUrl()).replyOnce(200, rawSubUser({ traffic_available: 9.5 }))
    await success(provider.update(HASH, { trafficLimitBytes: mib(9.5 * 1024) }))
    expect(sent(mock)).toEqual([expectedRead('GET', itemUrl()), expectedWrite('POST', takeUrl(), '{"amount":0.5}'), expectedRead('GET', itemUrl())])
  })

  it('sends no give or take when the limit is already the one asked', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, rawSubUser())
    const u = await success(provider.update(HASH, { trafficLimitBytes: gib(10) }))
    expect(calls(mock)).toEqual([`GET ${itemUrl()}`, `GET ${itemUrl()}`])
    expect(u.vendor.applied).toEqual([])
  })

  it('changes credentials first, then the limit, and says both were applied', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(200, rawSubUser()).onGet(ME_URL).reply(200, rawMe(100)).onPut(itemUrl()).reply(200, rawSubUser({ password: 'Newpass123' }))
    mock.onPost(giveUrl()).reply(200, rawSubUser({ password: 'Newpass123', traffic_available: 11 })).onGet(itemUrl()).replyOnce(200, rawSubUser({ password: 'Newpass123', traffic_available: 11 }))
    const u = await success(provider.update(HASH, { password: 'Newpass123', trafficLimitBytes: gib(11) }))
    expect(calls(mock)).toEqual([`GET ${itemUrl()}`, `GET ${ME_URL}`, `PUT ${itemUrl()}`, `POST ${giveUrl()}`, `GET ${itemUrl()}`])
    expect(sent(mock)[2]?.body).toBe('{"password":"Newpass123"}')
    expect(u.vendor.applied).toEqual(['password', 'trafficLimitBytes'])
  })
})

describe('iproyal list', () => {
  it('asks for page 1 with per_page=100 and maps each sub-user', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, rawPage([subUserFixture]))
    expect(await success(provider.list())).toEqual([SUBUSER123])
    expect(sent(mock)).toEqual([expectedRead('GET', LIST_URL, { page: '1', per_page: '100' })])
  })
})

describe('iproyal resetSessions', () => {
  it('DELETEs /sessions with the hashes as residential_user_hashes', async () => {
    const { mock, provider } = setup()
    mock.onDelete(`${BASE}/sessions`).reply(200, '')
    await success(provider.resetSessions([HASH, OTHER_HASH]))
    expect(sent(mock)).toEqual([expectedWrite('DELETE', `${BASE}/sessions`, `{"residential_user_hashes":["${HASH}","${OTHER_HASH}"]}`)])
  })

  it('refuses an empty list or a value that is not a hash, sending nothing', async () => {
    const { mock, provider } = setup()
    expect(await failure(provider.resetSessions([]))).toMatchObject({ kind: 'validation', operation: 'refresh', fields: [{ path: 'hashes' }] })
    expect(await failure(provider.resetSessions([HASH, '../me']))).toMatchObject({ kind: 'validation', fields: [{ path: 'hashes.1' }] })
    expect(mock.history).toHaveLength(0)
  })
})

describe('createIPRoyalProvider', () => {
  it('talks to resi-api.iproyal.com/v1 by default', async () => {
    const { instance, mock } = mockedAxios()
    mock.onGet(`${IPROYAL_DEFAULT_BASE_URL}/residential-subusers/${HASH}`).reply(200, rawSubUser())
    const p = createIPRoyalProvider({ apiToken: TOKEN, axios: instance, retry: false, rateLimit: false })
    await success(p.get(HASH))
    expect(IPROYAL_DEFAULT_BASE_URL).toBe('https://resi-api.iproyal.com/v1')
  })

  it.each([
    ['missing', undefined],
    ['too short', 'ab'],
    ['with a space inside', 'abc def'],
  ])('throws a validation error, naming apiToken, for a token %s', (_name, apiToken) => {
    expect(() => createIPRoyalProvider({ apiToken } as never)).toThrow(SubUserError)
    try {
      createIPRoyalProvider({ apiToken } as never)
    } catch (e) {
      expect(e).toMatchObject({ kind: 'validation', fields: [expect.objectContaining({ path: 'apiToken' })] })
    }
  })
})
