/**
 * IPRoyal's one error table (vendor sheet §4): every status to a kind, Laravel's error bodies
 * read (`message`, `errors` as field problems), what may be retried, and nothing secret in
 * any message.
 */
import validationFixture from '../../providers/iproyal/fixtures/error-validation.json'
import { IPROYAL_ERROR_TABLE } from '../../providers/iproyal'
import { parseErrorBody } from '../../providers/iproyal/errors'
import { BASE, HASH, LIST_URL, TOKEN, everything, failure, giveUrl, itemUrl, rawSubUser, setup } from './support'

describe('the IPRoyal error table', () => {
  it.each([
    [400, 'validation'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'not_found'],
    [405, 'vendor'],
    [408, 'timeout'],
    [409, 'conflict'],
    [418, 'vendor'],
    [422, 'validation'],
    [429, 'rate_limited'],
    [500, 'vendor'],
    [503, 'vendor'],
  ] as const)('maps HTTP %i on a sub-user to %s, with the status as vendorCode', async (status, kind) => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(status, { message: 'Said by IPRoyal.' })
    const e = await failure(provider.get(HASH))
    expect(e).toMatchObject({ kind, status, vendorCode: status, operation: 'get', provider: 'iproyal' })
    expect(e.message).toContain('Said by IPRoyal.')
  })

  it('lists the documented statuses, each once', () => {
    expect(Object.keys(IPROYAL_ERROR_TABLE).sort()).toEqual(['400', '401', '403', '404', '405', '408', '409', '422', '429', '5xx', 'other'])
  })

  it('reads a 422 body into fields, one per message', async () => {
    const { mock, provider } = setup()
    mock.onPost(`${BASE}/residential-subusers`).reply(422, validationFixture)
    const e = await failure(provider.create({ username: 'team_a', password: 'Secret123', trafficLimitBytes: 0 }))
    expect(e).toMatchObject({
      kind: 'validation',
      status: 422,
      fields: [
        { path: 'username', message: 'The username has already been taken.' },
        { path: 'traffic', message: 'The traffic field must be a number.' },
      ],
    })
    expect(e.message).toBe('iproyal create: validation (HTTP 422, code 422): The username has already been taken. (and 1 more error)')
  })

  it('reads every body shape: message only, errors as strings, errors of another shape, plain text, HTML', () => {
    expect(parseErrorBody({ message: 'Unauthenticated.' }, '')).toEqual({ detail: 'Unauthenticated.', fields: [] })
    expect(parseErrorBody({ errors: { amount: 'too much' } }, '')).toEqual({ fields: [{ path: 'amount', message: 'too much' }] })
    expect(parseErrorBody({ message: 'Refused.', errors: 42 }, '')).toEqual({ detail: 'Refused.', fields: [] })
    expect(parseErrorBody(['x'], '["x"]')).toEqual({ fields: [] })
    expect(parseErrorBody(undefined, ' Bad   Gateway \n')).toEqual({ detail: 'Bad Gateway', fields: [] })
    expect(parseErrorBody(undefined, '<html><body>502</body></html>')).toEqual({ fields: [] })
  })

  it('says what a 401 and a 403 probably mean', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(401, { message: 'Unauthenticated.' }).onGet(itemUrl()).replyOnce(403, { message: 'Forbidden.' })
    expect((await failure(provider.get(HASH))).message).toContain('the API token is wrong or was reset')
    expect((await failure(provider.get(HASH))).message).toContain('API access enabled')
  })

  it('maps 404 to not_found on a sub-user, and to vendor on the list and the balance (a wrong base URL)', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(404, { message: 'Not Found' }).onGet(`${BASE}/me`).reply(404, '').onGet(`${BASE}/residential/me`).reply(404, '')
    expect(await failure(provider.list())).toMatchObject({ kind: 'vendor', status: 404 })
    expect(await failure(provider.create({ username: 'team_a', password: 'Secret123', trafficLimitBytes: 1024 * 1024 }))).toMatchObject({ kind: 'vendor', status: 404 })
  })

  it('waits as Retry-After says after a 429, else 5 s, and retries it', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(429, { message: 'Too Many Attempts.' }, { 'Retry-After': '2' }).onGet(itemUrl()).replyOnce(429, { message: 'Too Many Attempts.' })
    expect(await failure(provider.get(HASH))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 2_000, retryable: true })
    expect(await failure(provider.get(HASH))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 5_000, retryable: true })
  })

  it('marks a 5xx or 408 retryable on GET, PUT and DELETE, never on a POST (create, give, take move traffic)', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).replyOnce(503, '').onDelete(itemUrl()).replyOnce(500, '').onDelete(itemUrl()).replyOnce(408, '')
    expect(await failure(provider.get(HASH))).toMatchObject({ kind: 'vendor', status: 503, retryable: true })
    mock.onGet(itemUrl()).reply(200, rawSubUser())
    expect(await failure(provider.delete(HASH))).toMatchObject({ kind: 'vendor', status: 500, retryable: true })
    expect(await failure(provider.delete(HASH))).toMatchObject({ kind: 'timeout', status: 408, retryable: true })
    mock.onPost(giveUrl()).reply(502, '').onGet(`${BASE}/me`).reply(200, { available_traffic: 100 })
    const give = await failure(provider.update(HASH, { trafficLimitBytes: 11 * 2 ** 30 }))
    expect(give).toMatchObject({ kind: 'vendor', status: 502, retryable: false })
  })

  it('never shows the token, even when the vendor echoes it', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl()).reply(401, { message: `Token ${TOKEN} is invalid`, errors: { token: [`Bearer ${TOKEN}`] } })
    const e = await failure(provider.get(HASH))
    expect(everything(e)).not.toContain(TOKEN)
  })
})
