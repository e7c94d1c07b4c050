/**
 * A create left without an answer (vendor sheet §6.8): never sent again; the sub-user listed
 * (with `search=<username>`) under our username and password is adopted, or the original
 * error is returned.
 */
import { LIST_URL, calls, failure, rawPage, rawSubUser, sent, setup, success } from './support'

const ours = rawSubUser({ username: 'team_a', password: 'Secret123' })
const create = { username: 'team_a', password: 'Secret123', trafficLimitBytes: 0 }
const posts = (mock: Parameters<typeof calls>[0]) => calls(mock).filter((c) => c === `POST ${LIST_URL}`).length

describe('iproyal create left without an answer', () => {
  it.each([
    ['a lost connection', (m: ReturnType<typeof setup>['mock']) => m.onPost(LIST_URL).networkErrorOnce()],
    ['a timeout', (m: ReturnType<typeof setup>['mock']) => m.onPost(LIST_URL).timeoutOnce()],
    ['a 502', (m: ReturnType<typeof setup>['mock']) => m.onPost(LIST_URL).replyOnce(502, '')],
  ])('adopts the one sub-user with our username and password after %s, without sending the create again', async (_name, fault) => {
    const { mock, provider } = setup({ retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 1 } })
    fault(mock)
    mock.onGet(LIST_URL).reply(200, rawPage([rawSubUser({ hash: '01HQ5K3P97DY8EX9Y90YT1K6XB', username: 'team_a2' }), ours]))
    const u = await success(provider.create(create))
    expect(u).toMatchObject({ id: ours.hash, username: 'team_a' })
    expect(posts(mock)).toBe(1)
    expect(sent(mock)[1]?.params).toEqual({ page: '1', per_page: '100', search: 'team_a' })
  })

  it('returns the original error when no sub-user has our username, and never re-POSTs', async () => {
    const { mock, provider } = setup({ retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 1 } })
    mock.onPost(LIST_URL).networkError().onGet(LIST_URL).reply(200, rawPage([]))
    expect(await failure(provider.create(create))).toMatchObject({ kind: 'network', operation: 'create' })
    expect(posts(mock)).toBe(1)
  })

  it('returns the original error when the username is held with another password (not ours)', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).timeout().onGet(LIST_URL).reply(200, rawPage([rawSubUser({ username: 'team_a', password: 'Other4567' })]))
    expect(await failure(provider.create(create))).toMatchObject({ kind: 'timeout', operation: 'create' })
    expect(posts(mock)).toBe(1)
  })

  it('returns the original error when the listing cannot be read', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).networkError().onGet(LIST_URL).reply(500, '')
    expect(await failure(provider.create(create))).toMatchObject({ kind: 'network', operation: 'create' })
  })

  it('looks through every page, without search, for a username over 30 characters', async () => {
    const long = 'a_very_long_username_of_31_char'
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).networkError()
    mock.onGet(LIST_URL, { params: { page: '1', per_page: '100' } }).reply(200, rawPage([rawSubUser({ hash: '01HQ5K3P97DY8EX9Y90YT1K6XB', username: 'x' })], { last_page: 2, total: 2 }))
    mock.onGet(LIST_URL, { params: { page: '2', per_page: '100' } }).reply(200, rawPage([rawSubUser({ username: long })], { current_page: 2, last_page: 2, total: 2 }))
    expect((await success(provider.create({ ...create, username: long }))).username).toBe(long)
  })

  it('does not read back a definite refusal', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(422, { message: 'The username has already been taken.', errors: { username: ['The username has already been taken.'] } })
    expect(await failure(provider.create(create))).toMatchObject({ kind: 'validation' })
    expect(calls(mock)).toEqual([`POST ${LIST_URL}`])
  })
})
