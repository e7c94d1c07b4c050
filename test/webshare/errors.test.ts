import bodies from '../../providers/webshare/fixtures/error-bodies.json'
import { WEBSHARE_ERROR_TABLE } from '../../providers/webshare'
import { parseErrorBody } from '../../providers/webshare/errors'
import { API_KEY, LIST_URL, everything, failure, itemUrl, setup } from './support'

const REFRESH_URL = `${itemUrl(42)}refresh/`

describe('webshare 400: field errors in every shape', () => {
  it('reads lists of strings (documented shape) into fields, naming the fields in the message', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(400, bodies.fieldStrings)
    const e = await failure(provider.create({ username: 'team-a' }))
    expect(e).toMatchObject({
      kind: 'validation', provider: 'webshare', operation: 'create', status: 400, retryable: false,
      message: 'webshare create: validation (HTTP 400): refused: label, proxy_limit',
      fields: [
        { path: 'label', message: 'This field is required.' },
        { path: 'proxy_limit', message: 'A valid number is required.' },
      ],
    })
    expect(e.vendorCode).toBeUndefined()
  })

  it('reads lists of {message, code} objects (live shape); the first code becomes vendorCode', async () => {
    const { mock, provider } = setup()
    mock.onPatch(itemUrl(42)).reply(400, bodies.fieldObjects)
    const e = await failure(provider.update('42', { username: 'x' }))
    expect(e).toMatchObject({
      kind: 'validation', operation: 'update', status: 400, vendorCode: 'required',
      fields: [
        { path: 'label', message: 'This field is required.' },
        { path: 'proxy_limit', message: 'Ensure this value is greater than or equal to 0.' },
      ],
    })
  })

  it('reads mixed lists and a bare string', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(400, bodies.fieldMixed)
    const e = await failure(provider.create({ username: 'team-a' }))
    expect(e).toMatchObject({
      kind: 'validation', vendorCode: 'unique',
      message: 'webshare create: validation (HTTP 400, code unique): refused: label, max_thread_count',
      fields: [
        { path: 'label', message: 'Too long.' },
        { path: 'label', message: 'Must be unique.' },
        { path: 'max_thread_count', message: 'A valid integer is required.' },
      ],
    })
  })

  it('gives non_field_errors the path "" (e.g. a refresh without a custom proxy list)', async () => {
    const { mock, provider } = setup()
    mock.onPost(REFRESH_URL).reply(400, bodies.nonFieldStrings)
    expect(await failure(provider.refresh('42'))).toMatchObject({
      kind: 'validation', operation: 'refresh', status: 400,
      message: 'webshare refresh: validation (HTTP 400): refused: (request)',
      fields: [{ path: '', message: 'Sub-user has no custom proxy list.' }],
    })
  })

  it('maps subuser_limit_reached to quota, wherever the code appears', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).replyOnce(400, bodies.quota)
    mock.onPost(LIST_URL).replyOnce(400, { label: [{ message: 'Odd.', code: 'invalid' }], non_field_errors: [{ message: 'Full.', code: 'subuser_limit_reached' }] })
    const first = await failure(provider.create({ username: 'team-a' }))
    expect(first).toMatchObject({
      kind: 'quota', status: 400, vendorCode: 'subuser_limit_reached', retryable: false,
      fields: [{ path: '', message: 'You have reached the maximum number of sub-users for this plan.' }],
    })
    expect(await failure(provider.create({ username: 'team-a' }))).toMatchObject({ kind: 'quota', vendorCode: 'subuser_limit_reached' })
  })

  it('keeps validation for a body code that only looks like an object key', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(400, { non_field_errors: [{ message: 'Odd.', code: 'constructor' }] })
    expect(await failure(provider.create({ username: 'team-a' }))).toMatchObject({ kind: 'validation', vendorCode: 'constructor' })
  })

  it('reads a detail with a code, a top-level list, and nested field errors', () => {
    expect(parseErrorBody({ detail: 'Nope.', code: 'bad_request' }, '')).toEqual({ detail: 'Nope.', codes: ['bad_request'], fields: [] })
    expect(parseErrorBody(['First.', { message: 'Second.', code: 'x' }], '')).toEqual({
      codes: ['x'],
      fields: [{ path: '', message: 'First.' }, { path: '', message: 'Second.' }],
    })
    expect(parseErrorBody({ proxy_countries: { US: ['Must be at least 0.'] } }, '')).toEqual({
      codes: [],
      fields: [{ path: 'proxy_countries.US', message: 'Must be at least 0.' }],
    })
    expect(parseErrorBody(undefined, '  Service\n  Unavailable ')).toEqual({ detail: 'Service Unavailable', codes: [], fields: [] })
    expect(parseErrorBody(undefined, '<html><body>Bad Gateway</body></html>')).toEqual({ codes: [], fields: [] })
  })
})

describe('webshare status table', () => {
  it('holds the documented kinds', () => {
    expect(WEBSHARE_ERROR_TABLE[400]?.kind).toBe('validation')
    expect(WEBSHARE_ERROR_TABLE[404]).toEqual({ kind: 'not_found', offItem: 'vendor' })
    expect(WEBSHARE_ERROR_TABLE[429]).toEqual({ kind: 'rate_limited', retry: 'always', defaultRetryAfterMs: 60_000 })
    expect(WEBSHARE_ERROR_TABLE['5xx']).toEqual({ kind: 'vendor', retry: 'unless-post' })
  })

  it('401 → auth, with the vendor detail', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(42)).reply(401, bodies.invalidToken)
    expect(await failure(provider.get('42'))).toMatchObject({
      kind: 'auth', status: 401, retryable: false, message: 'webshare get: auth (HTTP 401): Invalid token.',
    })
  })

  it('403 → auth, with the code as vendorCode and a hint about sub-user API access', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(42)).reply(403, bodies.twoFactor)
    expect(await failure(provider.get('42'))).toMatchObject({
      kind: 'auth', status: 403, vendorCode: '2fa_needed',
      message:
        'webshare get: auth (HTTP 403, code 2fa_needed): Two-factor authentication is required.; the API key may lack sub-user API access (sub-user terms not accepted, plan upgrade needed, 2FA or account state)',
    })
  })

  it('403 without a body → auth saying the sub-user API may not be enabled', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(403, '')
    const e = await failure(provider.create({ username: 'team-a' }))
    expect(e).toMatchObject({ kind: 'auth', status: 403 })
    expect(e.vendorCode).toBeUndefined()
    expect(e.message).toBe('webshare create: auth (HTTP 403): the API key may lack sub-user API access (sub-user terms not accepted, plan upgrade needed, 2FA or account state)')
  })

  it('404 → not_found on every id path', async () => {
    const { mock, provider } = setup()
    mock.onAny().reply(404, bodies.notFound)
    for (const [operation, task] of [
      ['get', provider.get('42')],
      ['update', provider.update('42', { username: 'x' })],
      ['delete', provider.delete('42')],
      ['refresh', provider.refresh('42')],
    ] as const) {
      expect(await failure(task)).toMatchObject({ kind: 'not_found', operation, status: 404, retryable: false, message: `webshare ${operation}: not_found (HTTP 404): Not found.` })
    }
  })

  it('404 on create (not an id path: a wrong base URL) → vendor', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(404, bodies.notFound)
    expect(await failure(provider.create({ username: 'team-a' }))).toMatchObject({ kind: 'vendor', status: 404 })
  })

  it.each([405, 406])('%i → vendor (an adapter bug), not retryable', async (status) => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(42)).reply(status, bodies.methodNotAllowed)
    const e = await failure(provider.get('42'))
    expect(e).toMatchObject({ kind: 'vendor', status, retryable: false })
    expect(e.message).toContain('an adapter bug')
  })

  it('408 → timeout, retryable even for a POST (the request was not processed)', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(408, '')
    expect(await failure(provider.create({ username: 'team-a' }))).toMatchObject({ kind: 'timeout', status: 408, retryable: true })
  })

  it('409 → conflict', async () => {
    const { mock, provider } = setup()
    mock.onPatch(itemUrl(42)).reply(409, bodies.conflict)
    expect(await failure(provider.update('42', { username: 'x' }))).toMatchObject({
      kind: 'conflict', status: 409, retryable: false, message: 'webshare update: conflict (HTTP 409): A sub-user with this label is being modified.',
    })
  })

  it.each([418, 302])('an unlisted status (%i) → vendor', async (status) => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(42)).reply(status, '')
    expect(await failure(provider.get('42'))).toMatchObject({ kind: 'vendor', status, retryable: false })
  })
})

describe('webshare 429', () => {
  afterEach(() => jest.restoreAllMocks())

  it('takes retryAfterMs from Retry-After in seconds, and is retryable even for a POST', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(429, bodies.throttled, { 'Retry-After': '30' })
    expect(await failure(provider.create({ username: 'team-a' }))).toMatchObject({
      kind: 'rate_limited', status: 429, retryable: true, retryAfterMs: 30_000,
      message: 'webshare create: rate_limited (HTTP 429): Request was throttled. Expected available in 60 seconds.',
    })
  })

  it('takes retryAfterMs from Retry-After as an HTTP date', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2025, 0, 1, 0, 0, 0))
    const { mock, provider } = setup()
    mock.onGet(itemUrl(42)).reply(429, bodies.throttled, { 'Retry-After': 'Wed, 01 Jan 2025 00:01:30 GMT' })
    expect(await failure(provider.get('42'))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 90_000 })
  })

  it.each([
    ['no Retry-After', {}],
    ['an unreadable Retry-After', { 'Retry-After': 'soon' }],
  ])('waits 60 s with %s', async (_name, headers) => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(429, bodies.throttled, headers)
    expect(await failure(provider.list())).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 60_000 })
  })
})

describe('webshare 5xx', () => {
  it.each([500, 502, 503])('%i with a plain-text body → vendor with the text; retryable for a GET only (a write is read back)', async (status) => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(42)).reply(status, 'Internal   failure\n')
    mock.onPatch(itemUrl(42)).reply(status, 'Internal failure')
    mock.onDelete(itemUrl(42)).reply(status, 'Internal failure')
    expect(await failure(provider.get('42'))).toMatchObject({ kind: 'vendor', status, retryable: true, message: `webshare get: vendor (HTTP ${status}): Internal failure` })
    expect(await failure(provider.update('42', { username: 'x' }))).toMatchObject({ kind: 'vendor', status, retryable: false })
    expect(await failure(provider.delete('42'))).toMatchObject({ kind: 'vendor', status, retryable: false })
  })

  it.each([500, 502, 503])('%i on a POST (create, refresh) → vendor, not retryable: it may have been applied', async (status) => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).reply(status, 'oops')
    mock.onPost(REFRESH_URL).reply(status, 'oops')
    expect(await failure(provider.create({ username: 'team-a' }))).toMatchObject({ kind: 'vendor', status, retryable: false })
    expect(await failure(provider.refresh('42'))).toMatchObject({ kind: 'vendor', status, retryable: false })
  })

  it('leaves an HTML error page out of the message', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(42)).reply(502, '<html><body><h1>502 Bad Gateway</h1></body></html>')
    expect(await failure(provider.get('42'))).toMatchObject({ kind: 'vendor', status: 502, message: 'webshare get: vendor (HTTP 502)' })
  })
})

describe('webshare transport failures', () => {
  it('a reset connection or a timeout on a GET is retryable', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(1)).networkError()
    mock.onGet(itemUrl(2)).timeout()
    expect(await failure(provider.get('1'))).toMatchObject({ kind: 'network', retryable: true })
    expect(await failure(provider.get('2'))).toMatchObject({ kind: 'timeout', retryable: true })
  })

  it('a reset connection or a timeout on a create or refresh is not retryable: it may have been applied', async () => {
    const { mock, provider } = setup()
    mock.onPost(LIST_URL).networkError()
    mock.onPost(REFRESH_URL).timeout()
    expect(await failure(provider.create({ username: 'team-a' }))).toMatchObject({ kind: 'network', operation: 'create', retryable: false })
    expect(await failure(provider.refresh('42'))).toMatchObject({
      kind: 'timeout', operation: 'refresh', retryable: false, message: 'webshare refresh: timed out (ECONNABORTED) on POST /api/v2/subuser/42/refresh/; it may have been applied, so it is not to be retried blindly',
    })
  })
})

describe('webshare error messages never show the API key', () => {
  it('redacts a key the vendor echoes in a detail, a field error or a plain-text body', async () => {
    const { mock, provider } = setup()
    mock.onGet(itemUrl(1)).reply(401, { detail: `bad key ${API_KEY}` })
    mock.onGet(itemUrl(2)).reply(400, { label: [`got ${API_KEY}`] })
    mock.onGet(itemUrl(3)).reply(500, `trace: Authorization: Token ${API_KEY}`)
    for (const id of ['1', '2', '3']) {
      const e = await failure(provider.get(id))
      expect(everything(e)).not.toContain(API_KEY)
      expect(everything(e)).toContain('[REDACTED]')
    }
  })
})
