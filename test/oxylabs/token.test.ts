/**
 * Oxylabs' token lifecycle (vendor sheet §1, §6.2): lazy login, one token for every call,
 * renewal before expiry on the injected clock, one shared login under concurrency, one
 * re-login on 401/403 with the call repeated once, a refused login is `auth`.
 */
import { inspect } from 'node:util'
import { OXYLABS_TOKEN_MARGIN_MS, OXYLABS_TOKEN_RENEW_AFTER_MS } from '../../providers/oxylabs'
import { jwtExpiry, tokenRenewAt } from '../../providers/oxylabs/token'
import { BASIC, LIST_URL, LOGIN_URL, PASSWORD, T0, TOKEN, USERNAME, USER_ID, everything, expectedLogin, expectedRead, failure, mainRow, mockLogin, row, sent, setup, success } from './support'

const jwt = (claims: object) => `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2lnbmF0dXJl`

describe('oxylabs token lifecycle', () => {
  it('logs in lazily: building a provider sends nothing', () => {
    const { mock } = setup()
    expect(mock.history).toHaveLength(0)
  })

  it('logs in once and reuses the token for every call until 55 minutes have passed on the clock', async () => {
    const { mock, provider, advance } = setup()
    mock.onPost(LOGIN_URL).replyOnce(200, { user_id: USER_ID, token: 'token-one-0001' }).onPost(LOGIN_URL).replyOnce(200, { user_id: USER_ID, token: 'token-two-0002' })
    mock.onGet(LIST_URL).reply(200, [mainRow()])
    await success(provider.list())
    advance(OXYLABS_TOKEN_RENEW_AFTER_MS - 1)
    await success(provider.list())
    advance(1)
    await success(provider.list())
    expect(sent(mock)).toEqual([expectedLogin, expectedRead(LIST_URL, undefined, 'GET', 'token-one-0001'), expectedRead(LIST_URL, undefined, 'GET', 'token-one-0001'), expectedLogin, expectedRead(LIST_URL, undefined, 'GET', 'token-two-0002')])
  })

  it('renews a JWT 5 minutes before its exp', async () => {
    const { mock, provider, advance } = setup()
    const exp = T0 + 20 * 60_000
    mock.onPost(LOGIN_URL).replyOnce(200, { user_id: USER_ID, token: jwt({ sub: 'x', exp: exp / 1000 }) }).onPost(LOGIN_URL).reply(200, { user_id: USER_ID, token: TOKEN })
    mock.onGet(LIST_URL).reply(200, [])
    await success(provider.list())
    advance(15 * 60_000 - 1)
    await success(provider.list())
    expect(mock.history.post).toHaveLength(1)
    advance(1)
    await success(provider.list())
    expect(mock.history.post).toHaveLength(2)
  })

  it('reads the exp of a JWT, and falls back to 55 minutes for an opaque token or an exp already within the margin', () => {
    expect(jwtExpiry(jwt({ exp: 1_700_000_000 }))).toBe(1_700_000_000_000)
    expect([jwtExpiry('opaque'), jwtExpiry('a.b.c'), jwtExpiry(jwt({ exp: 'soon' })), jwtExpiry(jwt({}))]).toEqual([undefined, undefined, undefined, undefined])
    expect(tokenRenewAt(jwt({ exp: 3_600 }), 0)).toBe(3_600_000 - OXYLABS_TOKEN_MARGIN_MS)
    expect(tokenRenewAt('opaque', 1_000)).toBe(1_000 + OXYLABS_TOKEN_RENEW_AFTER_MS)
    expect(tokenRenewAt(jwt({ exp: 100 }), 0)).toBe(OXYLABS_TOKEN_RENEW_AFTER_MS)
  })

  it('shares one login among concurrent calls', async () => {
    const { mock, provider } = setup()
    mock.onPost(LOGIN_URL).reply(() => new Promise((resolve) => setTimeout(() => resolve([200, { user_id: USER_ID, token: TOKEN }]), 20)))
    mock.onGet(LIST_URL).reply(200, [mainRow(), row()])
    const results = await Promise.all([provider.list(), provider.get('12345'), provider.list(), provider.refresh('12345'), provider.list()].map((t) => t()))
    expect(results.every((r) => r._tag === 'Right')).toBe(true)
    expect(mock.history.post).toHaveLength(1)
    expect(mock.history.get).toHaveLength(5)
  })

  it.each([401, 403])('on a %s from a call, logs in again once and repeats that call once', async (status) => {
    const { mock, provider } = setup()
    mock.onPost(LOGIN_URL).replyOnce(200, { user_id: USER_ID, token: 'token-one-0001' }).onPost(LOGIN_URL).replyOnce(200, { user_id: USER_ID, token: 'token-two-0002' })
    mock.onGet(LIST_URL).replyOnce(status, { error: 'expired' }).onGet(LIST_URL).replyOnce(200, [row()])
    expect((await success(provider.list())).map((u) => u.id)).toEqual(['12345'])
    expect(sent(mock)).toEqual([expectedLogin, expectedRead(LIST_URL, undefined, 'GET', 'token-one-0001'), expectedLogin, expectedRead(LIST_URL, undefined, 'GET', 'token-two-0002')])
  })

  it.each([401, 403])('gives up with auth when the repeated call gets a %s too (two logins, two attempts, no more)', async (status) => {
    const { mock, provider } = setup({ retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 1 } })
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(status, { error: 'no access' })
    expect(await failure(provider.list())).toMatchObject({ kind: 'auth', status, operation: 'list', retryable: false })
    expect([mock.history.post.length, mock.history.get.length]).toEqual([2, 2])
  })

  it('repeats a create refused for its token (a refused request was not applied), without a second pre-read', async () => {
    const { mock, provider } = setup()
    mock.onPost(LOGIN_URL).replyOnce(200, { user_id: USER_ID, token: 'token-one-0001' }).onPost(LOGIN_URL).replyOnce(200, { user_id: USER_ID, token: 'token-two-0002' })
    mock.onGet(LIST_URL).replyOnce(200, []).onGet(LIST_URL).replyOnce(200, [row()])
    mock.onPost(LIST_URL).replyOnce(401, { error: 'expired' }).onPost(LIST_URL).replyOnce(201, { id: 12345 })
    expect((await success(provider.create({ username: 'team_a' }))).id).toBe('12345')
    expect(mock.history.post.map((c) => [c.url, c.headers?.Authorization])).toEqual([
      [LOGIN_URL, BASIC],
      [LIST_URL, 'Bearer token-one-0001'],
      [LOGIN_URL, BASIC],
      [LIST_URL, 'Bearer token-two-0002'],
    ])
  })

  it('reports a refused login as auth, not retried even with retries on, and does not log in again within the call', async () => {
    const { mock, provider } = setup({ retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 1 } })
    mock.onPost(LOGIN_URL).reply(401, { error: 'Invalid credentials' })
    expect(await failure(provider.get('12345'))).toMatchObject({
      kind: 'auth',
      operation: 'get',
      status: 401,
      retryable: false,
      message: 'oxylabs get: auth (HTTP 401, code 401): Invalid credentials; the main proxy user’s username or password was refused',
    })
    expect(mock.history.post).toHaveLength(1)
    expect(mock.history.get).toHaveLength(0)
  })

  it('retries a login that met a lost connection or a 5xx, like a GET (it changes nothing)', async () => {
    const { mock, provider } = setup({ retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 } })
    mock.onPost(LOGIN_URL).networkErrorOnce().onPost(LOGIN_URL).replyOnce(503, { error: 'busy' }).onPost(LOGIN_URL).replyOnce(200, { user_id: USER_ID, token: TOKEN })
    mock.onGet(LIST_URL).reply(200, [])
    expect(await success(provider.list())).toEqual([])
    expect(mock.history.post).toHaveLength(3)
  })

  it('refuses a login reply whose token is not a usable header value as decode, never printing it', async () => {
    const { mock, provider } = setup()
    mock.onPost(LOGIN_URL).reply(200, { user_id: USER_ID, token: 'bad\r\ntoken-value' })
    const e = await failure(provider.list())
    expect(e).toMatchObject({ kind: 'decode', fields: [{ path: 'token', message: 'expected a printable token of at least 4 characters' }] })
    expect(everything(e)).not.toContain('token-value')
    expect(mock.history.get).toHaveLength(0)
  })

  it('never shows the password, the Basic header or a token obtained at run time, in any error or inspect output', async () => {
    const token = 'runtime-token-6f1d9a'
    const { mock, provider } = setup()
    mock.onPost(LOGIN_URL).reply(200, { user_id: USER_ID, token })
    // The vendor echoes the token and the password back in its error texts.
    mock.onGet(LIST_URL).reply(400, { error: `bad request for Bearer ${token} (${PASSWORD})` })
    mock.onPatch(`${LIST_URL}/5`).networkError()
    const errors = [await failure(provider.list()), await failure(provider.update('5', { password: 'New_Password#561' }))]
    const other = setup()
    other.mock.onPost(LOGIN_URL).reply(500, { error: `login failed for ${USERNAME}:${PASSWORD} ${BASIC}` })
    const refused = await failure(other.provider.list())
    expect(refused).toMatchObject({ kind: 'vendor', status: 500 })
    errors.push(refused)
    for (const e of errors) {
      const shown = everything(e)
      for (const secret of [token, PASSWORD, BASIC.slice(6), 'New_Password#561']) expect(shown).not.toContain(secret)
    }
    expect(errors[0]?.message).toBe('oxylabs list: validation (HTTP 400, code 400): bad request for [REDACTED] ([REDACTED])')
    expect(inspect(provider)).not.toContain(PASSWORD)
    expect(inspect(provider, { depth: 10 })).not.toContain(token)
  })
})
