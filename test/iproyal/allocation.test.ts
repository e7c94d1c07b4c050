/**
 * IPRoyal's allocation model (vendor sheet §6.3–§6.6): a limit change is a give-traffic or
 * take-traffic of the exact difference; one left without an answer is read back and never
 * applied twice; an update whose second step fails says what its first applied; the main
 * balance is checked before anything moves out of it.
 */
import { GIB, MIB, gib, mib } from '../../src/units'
import { BASE, HASH, LIST_URL, ME_URL, ONE_RETRY, calls, failure, giveUrl, itemUrl, rawMe, rawSubUser, sent, setup, success, takeUrl } from './support'

/** The sub-user holding `available` GB, with `used` GB used. */
const holding = (available: number, used = 0, overrides: Record<string, unknown> = {}) => rawSubUser({ traffic_available: available, traffic_used: used, ...overrides })
const sends = (mock: Parameters<typeof calls>[0], url: string) => calls(mock).filter((c) => c === `POST ${url}`).length

describe('iproyal limit changes', () => {
  it('give-traffic moves exactly the difference, counting used traffic in the allocation', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(200, holding(7, 3)).onGet(ME_URL).reply(200, rawMe(50))
    mock.onPost(giveUrl()).reply(200, holding(7 + 1 / 1024, 3)).onGet(itemUrl()).replyOnce(200, holding(7 + 1 / 1024, 3))
    const u = await success(provider.update(HASH, { trafficLimitBytes: gib(10) + MIB }))
    expect(sent(mock)[2]?.body).toBe('{"amount":0.0009765625}')
    expect(u).toMatchObject({ trafficLimitBytes: gib(10) + MIB, trafficUsedBytes: gib(3), vendor: { trafficAvailableBytes: gib(7) + MIB } })
  })

  it('take-traffic moves exactly the difference back', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(200, holding(10)).onPost(takeUrl()).reply(200, holding(0.25)).onGet(itemUrl()).replyOnce(200, holding(0.25))
    await success(provider.update(HASH, { trafficLimitBytes: mib(256) }))
    expect(sent(mock)[1]?.body).toBe('{"amount":9.75}')
  })

  it('refuses a limit below the traffic already used, as validation, changing nothing', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, holding(1, 3))
    const e = await failure(provider.update(HASH, { password: 'Newpass123', trafficLimitBytes: gib(2) }))
    expect(e).toMatchObject({ kind: 'validation', operation: 'update', fields: [{ path: 'trafficLimitBytes', message: expect.stringContaining('3GiB') }] })
    expect(calls(mock)).toEqual([`GET ${itemUrl()}`])
  })
})

describe('iproyal main balance', () => {
  it('refuses a create the main balance cannot cover, as quota, without sending it', async () => {
    const { mock, provider } = setup()
    mock.onGet(ME_URL).reply(200, rawMe(0.5))
    const e = await failure(provider.create({ username: 'team_a', password: 'Secret123', trafficLimitBytes: gib(1) }))
    expect(e).toMatchObject({ kind: 'quota', operation: 'create', retryable: false })
    expect(e.message).toContain('512MiB')
    expect(calls(mock)).toEqual([`GET ${ME_URL}`])
  })

  it('accepts a create the balance covers exactly', async () => {
    const { mock, provider } = setup()
    mock.onGet(ME_URL).reply(200, rawMe(1)).onPost(LIST_URL).reply(201, holding(1))
    await success(provider.create({ username: 'team_a', password: 'Secret123', trafficLimitBytes: gib(1) }))
  })

  it('refuses a give the balance cannot cover before any write, the credentials included', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, holding(10)).onGet(ME_URL).reply(200, rawMe(1))
    const e = await failure(provider.update(HASH, { password: 'Newpass123', trafficLimitBytes: gib(12) }))
    expect(e).toMatchObject({ kind: 'quota', operation: 'update' })
    expect(calls(mock)).toEqual([`GET ${itemUrl()}`, `GET ${ME_URL}`])
  })

  it('reads /residential/me when /me answers 404', async () => {
    const { mock, provider } = setup()
    mock.onGet(ME_URL).reply(404, { message: 'Not Found' }).onGet(`${BASE}/residential/me`).reply(200, rawMe(0))
    expect(await failure(provider.create({ username: 'team_a', password: 'Secret123', trafficLimitBytes: gib(1) }))).toMatchObject({ kind: 'quota' })
    expect(calls(mock)).toEqual([`GET ${ME_URL}`, `GET ${BASE}/residential/me`])
  })
})

describe('iproyal give or take left without an answer', () => {
  it('is done when the read-back shows the new allocation: sent once', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(200, holding(10)).onGet(ME_URL).reply(200, rawMe(50)).onPost(giveUrl()).networkErrorOnce()
    mock.onGet(itemUrl()).reply(200, holding(12))
    const u = await success(provider.update(HASH, { trafficLimitBytes: gib(12) }))
    expect(u).toMatchObject({ trafficLimitBytes: gib(12), vendor: { applied: ['trafficLimitBytes'] } })
    expect(sends(mock, giveUrl())).toBe(1)
  })

  it('is sent once more when the read-back shows it was not applied, and read back again', async () => {
    const { mock, provider } = setup({ retry: ONE_RETRY })
    mock.onGet(itemUrl()).replyOnce(200, holding(10)).onGet(ME_URL).reply(200, rawMe(50))
    mock.onPost(giveUrl()).timeoutOnce().onPost(giveUrl()).replyOnce(200, holding(12))
    // The read-back, the one after the settling wait, the one after the re-send, the final read.
    mock.onGet(itemUrl()).replyOnce(200, holding(10)).onGet(itemUrl()).replyOnce(200, holding(10)).onGet(itemUrl()).reply(200, holding(12))
    await success(provider.update(HASH, { trafficLimitBytes: gib(12) }))
    expect(sends(mock, giveUrl())).toBe(2)
    expect(calls(mock)).toEqual([`GET ${itemUrl()}`, `GET ${ME_URL}`, `POST ${giveUrl()}`, `GET ${itemUrl()}`, `GET ${itemUrl()}`, `POST ${giveUrl()}`, `GET ${itemUrl()}`, `GET ${itemUrl()}`])
  })

  it('fails with the error when it was not applied after the one re-send either, having sent it twice at most', async () => {
    const { mock, provider } = setup({ retry: ONE_RETRY })
    mock.onGet(itemUrl()).reply(200, holding(10)).onGet(ME_URL).reply(200, rawMe(50)).onPost(takeUrl()).reply(503, '')
    const e = await failure(provider.update(HASH, { trafficLimitBytes: gib(4) }))
    expect(e).toMatchObject({ kind: 'vendor', status: 503 })
    expect(e.applied).toBeUndefined()
    expect(sends(mock, takeUrl())).toBe(2)
  })

  it('is never sent again without retries, when not applied', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, holding(10)).onGet(ME_URL).reply(200, rawMe(50)).onPost(giveUrl()).networkError()
    expect(await failure(provider.update(HASH, { trafficLimitBytes: gib(12) }))).toMatchObject({ kind: 'network' })
    expect(sends(mock, giveUrl())).toBe(1)
  })

  it('fails as a concurrent allocation change, with both totals, when the read-back shows neither', async () => {
    const { mock, provider } = setup({ retry: ONE_RETRY })
    mock.onGet(itemUrl()).replyOnce(200, holding(10)).onGet(ME_URL).reply(200, rawMe(50)).onPost(giveUrl()).timeout()
    mock.onGet(itemUrl()).reply(200, holding(11))
    const e = await failure(provider.update(HASH, { trafficLimitBytes: gib(12) }))
    expect(e).toMatchObject({ kind: 'vendor', retryable: false })
    expect(e.message).toContain('concurrent allocation change')
    expect(e.message).toContain(`10GiB (${10 * GIB} bytes)`)
    expect(e.message).toContain(`12GiB (${12 * GIB} bytes)`)
    expect(e.message).toContain(`11GiB (${11 * GIB} bytes)`)
    expect(sends(mock, giveUrl())).toBe(1)
  })

  it('treats a read-back within 1 MiB of the target as applied, and one further off as not', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(200, holding(10)).onGet(ME_URL).reply(200, rawMe(50)).onPost(giveUrl()).networkErrorOnce()
    mock.onGet(itemUrl()).reply(200, holding(12 - 0.5 / 1024))
    await success(provider.update(HASH, { trafficLimitBytes: gib(12) }))

    const off = setup()
    off.mock.onGet(itemUrl()).replyOnce(200, holding(10)).onGet(ME_URL).reply(200, rawMe(50)).onPost(giveUrl()).networkErrorOnce()
    off.mock.onGet(itemUrl()).reply(200, holding(12 - 2 / 1024))
    expect((await failure(off.provider.update(HASH, { trafficLimitBytes: gib(12) }))).message).toContain('concurrent allocation change')
  })
})

describe('iproyal update in two steps', () => {
  it('returns the give’s error with what the PUT applied', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(200, holding(10)).onGet(ME_URL).reply(200, rawMe(50)).onPut(itemUrl()).reply(200, holding(10, 0, { password: 'Newpass123' }))
    mock.onPost(giveUrl()).reply(422, { message: 'Insufficient traffic balance.', errors: { amount: ['Insufficient traffic balance.'] } })
    const e = await failure(provider.update(HASH, { password: 'Newpass123', username: 'team_b', trafficLimitBytes: gib(12) }))
    expect(e).toMatchObject({ kind: 'validation', status: 422, applied: ['username', 'password'], fields: [{ path: 'amount' }] })
    expect(e.message).toContain('(applied before it failed: username, password)')
    expect(e.message).not.toContain('Newpass123')
    expect(sent(mock)[2]?.body).toBe('{"username":"team_b","password":"Newpass123"}')
  })

  it('fails as vendor, with everything applied, when the allocation read after the change is not the one asked', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(200, holding(10)).onGet(ME_URL).reply(200, rawMe(50)).onPut(itemUrl()).reply(200, holding(10))
    mock.onPost(giveUrl()).reply(200, holding(12)).onGet(itemUrl()).replyOnce(200, holding(11.5))
    const e = await failure(provider.update(HASH, { password: 'Newpass123', trafficLimitBytes: gib(12) }))
    expect(e).toMatchObject({ kind: 'vendor', applied: ['password', 'trafficLimitBytes'] })
    expect(e.message).toContain(`11776MiB (${11.5 * GIB} bytes) after the change`)
  })

  it('reports no applied field when the first write fails', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(200, holding(10)).onGet(ME_URL).reply(200, rawMe(50)).onPut(itemUrl()).reply(422, { message: 'The username has already been taken.' })
    const e = await failure(provider.update(HASH, { username: 'taken_1', trafficLimitBytes: gib(12) }))
    expect(e.applied).toBeUndefined()
    expect(sends(mock, giveUrl())).toBe(0)
  })

  it('reads back a PUT left without an answer, and does not send it again when it took', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(200, holding(10)).onPut(itemUrl()).networkErrorOnce()
    mock.onGet(itemUrl()).reply(200, holding(10, 0, { password: 'Newpass123' }))
    const u = await success(provider.update(HASH, { password: 'Newpass123' }))
    expect(u.password?.reveal()).toBe('Newpass123')
    expect(calls(mock).filter((c) => c.startsWith('PUT'))).toHaveLength(1)
  })
})
