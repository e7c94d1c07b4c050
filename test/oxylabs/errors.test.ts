/**
 * Oxylabs' one error table (vendor sheet §4): every status on every kind of path, every body
 * shape, what is retryable.
 */
import { OXYLABS_ERROR_TABLE } from '../../providers/oxylabs'
import { errorText } from '../../providers/oxylabs/errors'
import { LIST_URL, LOGIN_URL, failure, itemUrl, mainRow, mockLogin, setup } from './support'

describe('oxylabs error table', () => {
  it('maps each status to a kind, 404 to not_found only on a sub-user path', () => {
    expect(Object.fromEntries(Object.entries(OXYLABS_ERROR_TABLE).map(([status, rule]) => [status, [rule.kind, rule.offItem ?? rule.kind]]))).toEqual({
      400: ['validation', 'validation'],
      401: ['auth', 'auth'],
      403: ['auth', 'auth'],
      404: ['not_found', 'vendor'],
      405: ['vendor', 'vendor'],
      408: ['timeout', 'timeout'],
      409: ['conflict', 'conflict'],
      429: ['rate_limited', 'rate_limited'],
      '5xx': ['vendor', 'vendor'],
      other: ['vendor', 'vendor'],
    })
  })

  const onItem = [
    [400, 'validation', false],
    [404, 'not_found', false],
    [405, 'vendor', false],
    [408, 'timeout', true],
    [409, 'conflict', false],
    [418, 'vendor', false],
    [429, 'rate_limited', true],
    [500, 'vendor', true],
    [503, 'vendor', true],
  ] as const
  it.each(onItem)('a %s on a sub-user stats read is %s (retryable: %s), the status as vendorCode', async (status, kind, retryable) => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [mainRow()])
    mock.onGet(itemUrl(7)).reply(status, { error: 'the vendor says no' })
    expect(await failure(provider.get('7'))).toMatchObject({ kind, retryable, status, vendorCode: status, operation: 'get', message: `oxylabs get: ${kind} (HTTP ${status}, code ${status}): the vendor says no${status === 405 ? '; method not allowed (an adapter bug)' : ''}` })
  })

  it('a 404 on the list means a wrong base URL or user id (vendor); on the login, a wrong base URL', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(404, { error: 'Resource not found' })
    expect(await failure(provider.list())).toMatchObject({ kind: 'vendor', status: 404, message: 'oxylabs list: vendor (HTTP 404, code 404): Resource not found; the base URL or the user id is wrong' })
    const other = setup()
    other.mock.onPost(LOGIN_URL).reply(404, 'Not Found')
    expect(await failure(other.provider.list())).toMatchObject({ kind: 'vendor', status: 404, message: 'oxylabs list: vendor (HTTP 404, code 404): Not Found; the base URL is wrong' })
  })

  it('a 400 on create says it is likely the sub-user maximum (the input passed the local checks), without branching on the text', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [])
    mock.onPost(LIST_URL).reply(400, { error: 'Invalid parameters, or user has reached the maximum number of sub users' })
    expect(await failure(provider.create({ username: 'team_a' }))).toMatchObject({
      kind: 'validation',
      retryable: false,
      message:
        'oxylabs create: validation (HTTP 400, code 400): Invalid parameters, or user has reached the maximum number of sub users; the input passed the local checks, so this is likely the account’s maximum number of sub-users, or a username another Oxylabs customer holds',
    })
    expect(mock.history.post.filter((c) => c.url === LIST_URL)).toHaveLength(1)
  })

  it('takes the wait from Retry-After on a 429, else 5 s', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(429, { error: 'slow down' }, { 'Retry-After': '12' }).onGet(LIST_URL).replyOnce(429, { error: 'slow down' })
    expect(await failure(provider.list())).toMatchObject({ kind: 'rate_limited', retryAfterMs: 12_000 })
    expect(await failure(provider.list())).toMatchObject({ kind: 'rate_limited', retryAfterMs: 5_000 })
  })

  it('never retries a 5xx on a create: it is read back instead', async () => {
    const { mock, provider } = setup({ retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 1 }, timeoutMs: 5 })
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, [])
    mock.onPost(LIST_URL).reply(502, { error: 'Bad Gateway' })
    expect(await failure(provider.create({ username: 'team_a' }))).toMatchObject({ kind: 'vendor', status: 502, retryable: true })
    expect(mock.history.post.filter((c) => c.url === LIST_URL)).toHaveLength(1)
  })

  it('answers 2xx bodies that do not decode with decode, naming paths, never values', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(200, { error: 'not an array' })
    expect(await failure(provider.list())).toMatchObject({ kind: 'decode', fields: [{ path: '', message: 'expected OxylabsSubUserList' }] })
  })
})

describe('oxylabs error bodies', () => {
  it.each([
    ['error', { error: 'Invalid parameters' }, 'Invalid parameters'],
    ['message', { message: 'Token expired' }, 'Token expired'],
    ['detail', { detail: 'Not allowed' }, 'Not allowed'],
    ['error with more keys', { error: 'Invalid parameters', fields: ['password'] }, 'Invalid parameters (body: {"error":"Invalid parameters","fields":["password"]})'],
    ['another JSON object', { problem: 'x' }, '{"problem":"x"}'],
    ['a JSON string', 'oops', 'oops'],
  ] as const)('reads %s', (_name, body, expected) => {
    expect(errorText(body, JSON.stringify(body))).toBe(expected)
  })

  it('reads plain text, and leaves an HTML page and an empty body out', () => {
    expect(errorText(undefined, '  Bad\n  Gateway ')).toBe('Bad Gateway')
    expect(errorText(undefined, '<html><body>502</body></html>')).toBeUndefined()
    expect(errorText(undefined, '')).toBeUndefined()
  })

  it('puts the body text in the error message, cut and redacted by the kit', async () => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).reply(500, 'upstream exploded')
    expect(await failure(provider.list())).toMatchObject({ kind: 'vendor', status: 500, retryable: true, message: 'oxylabs list: vendor (HTTP 500, code 500): upstream exploded' })
  })
})
