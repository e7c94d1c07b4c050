import axios from 'axios'
import { THORDATA_CODE_KINDS } from '../../providers/thordata'
import duplicate from '../../providers/thordata/fixtures/error-username-exists.json'
import { DELETE_URL, KEY, LIST_URL, TOKEN, everything, failure, setup } from './support'

const CODE_TABLE: ReadonlyArray<readonly [number, string, boolean]> = [
  [10000, 'validation', false],
  [10001, 'vendor', false],
  [10002, 'validation', false],
  [10003, 'validation', false],
  [10004, 'validation', false],
  [10005, 'quota', false],
  [10006, 'validation', false],
  [10007, 'vendor', false],
  [10008, 'quota', false],
  [10009, 'vendor', false],
  [10010, 'not_found', false],
  [10011, 'rate_limited', true],
  [10012, 'quota', false],
  [10013, 'auth', false],
  [10014, 'auth', false],
  [10015, 'validation', false],
  [10016, 'validation', false],
  [10017, 'quota', false],
  [10018, 'conflict', false],
  [10019, 'quota', false],
  [10020, 'not_found', false],
  [10021, 'validation', false],
  [99999, 'vendor', false],
  [500, 'vendor', false],
]

describe('thordata body codes', () => {
  it.each(CODE_TABLE)('code %d → %s (retryable %s), vendorCode = code', async (code, kind, retryable) => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, { code, msg: 'something', data: {} })
    const e = await failure(provider.list())
    expect(e).toMatchObject({ kind, retryable, vendorCode: code, status: 200, provider: 'thordata', operation: 'list' })
    expect(e.message).toBe(`thordata list: ${kind} (HTTP 200, code ${code}): something`)
  })

  it('names the username field for 10015 and the password field for 10016; other codes name none', async () => {
    const { mock, provider } = setup()
    mock.onPost(DELETE_URL).replyOnce(200, { code: 10015, msg: 'bad username', data: {} })
    expect((await failure(provider.delete('alice01'))).fields).toEqual([{ path: 'username', message: 'refused by Thordata' }])
    mock.onPost(DELETE_URL).replyOnce(200, { code: 10016, msg: 'bad password', data: {} })
    expect((await failure(provider.delete('alice01'))).fields).toEqual([{ path: 'password', message: 'refused by Thordata' }])
    mock.onPost(DELETE_URL).replyOnce(200, duplicate)
    const e = await failure(provider.delete('alice01'))
    expect(e.fields).toBeUndefined()
    expect(e).toMatchObject({ kind: 'conflict', vendorCode: 10018 })
  })

  it('lists exactly the codes of vendor sheet §4 in its one table', () => {
    expect(Object.keys(THORDATA_CODE_KINDS).map(Number).sort()).toEqual(
      [10000, 10002, 10003, 10004, 10005, 10006, 10008, 10010, 10011, 10012, 10013, 10014, 10015, 10016, 10017, 10018, 10019, 10020, 10021],
    )
  })

  it('lets a failing body code win over the HTTP status', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).replyOnce(500, { code: 10018, msg: 'exists', data: {} })
    expect(await failure(provider.list())).toMatchObject({ kind: 'conflict', status: 500, vendorCode: 10018, retryable: false })
    mock.onGet(LIST_URL).replyOnce(403, { code: 10011, msg: 'slow down' })
    expect(await failure(provider.list())).toMatchObject({ kind: 'rate_limited', status: 403, vendorCode: 10011, retryable: true })
  })

  it('never branches on msg: the same code with any msg gives the same kind, and a non-string msg is left out', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).replyOnce(200, { code: 10020, msg: 'operations too frequent' })
    expect(await failure(provider.list())).toMatchObject({ kind: 'not_found', vendorCode: 10020 })
    mock.onGet(LIST_URL).replyOnce(200, { code: 10013, msg: { nested: true } })
    expect((await failure(provider.list())).message).toBe('thordata list: auth (HTTP 200, code 10013)')
  })

  it('redacts the token and key if the vendor echoes them', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, { code: 10014, msg: `key ${KEY} does not match token ${TOKEN}` })
    const e = await failure(provider.list())
    expect(e.message).toBe('thordata list: auth (HTTP 200, code 10014): key [REDACTED] does not match token [REDACTED]')
    expect(everything(e)).not.toMatch(/fake-(token|key)/)
  })
})

describe('thordata HTTP status fallback (no body code)', () => {
  const STATUS_TABLE: ReadonlyArray<readonly [number, string, boolean]> = [
    [400, 'validation', false],
    [422, 'validation', false],
    [401, 'auth', false],
    [403, 'auth', false],
    [402, 'quota', false],
    [429, 'rate_limited', true],
    [404, 'vendor', false],
    [500, 'vendor', true],
    [502, 'vendor', true],
    [503, 'vendor', true],
  ]
  it.each(STATUS_TABLE)('HTTP %d → %s (retryable %s)', async (status, kind, retryable) => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(status, '<html><body>Error</body></html>')
    const e = await failure(provider.list())
    expect(e).toMatchObject({ kind, retryable, status })
    expect(e.vendorCode).toBeUndefined()
    expect(e.message).toBe(`thordata list: ${kind} (HTTP ${status})`)
  })

  it('maps the HTTP status when the body code is 200 but the status is an error', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(503, { code: 200, msg: 'ok', data: {} })
    expect(await failure(provider.list())).toMatchObject({ kind: 'vendor', status: 503, retryable: true })
  })

  it('maps the HTTP status when a JSON error body has no numeric code', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(401, { error: 'unauthorized' })
    expect(await failure(provider.list())).toMatchObject({ kind: 'auth', status: 401 })
  })
})

describe('thordata replies that are not a Thordata envelope', () => {
  it.each([
    ['an empty body', ''],
    ['an HTML page', '<!doctype html><html><body>hello</body></html>'],
    ['malformed JSON', '{"code":200,"data":'],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"ok"'],
  ])('a 2xx with %s is a decode error about the body', async (_what, body) => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, body)
    const e = await failure(provider.list())
    expect(e).toMatchObject({ kind: 'decode', provider: 'thordata', operation: 'list', retryable: false })
    expect(e.fields?.[0]?.path).toBe('')
  })

  it('a 2xx whose code is not a number is a decode error naming code, without its value', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, '{"code":"sekritcode","data":{}}')
    const e = await failure(provider.list())
    expect(e).toMatchObject({ kind: 'decode', fields: [{ path: 'code', message: 'expected number' }] })
    expect(e.message).toBe('thordata list: unexpected response: code expected number')
  })

  it('a 2xx without a code is a decode error naming code', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).reply(200, { msg: 'ok', data: { list: [] } })
    expect(await failure(provider.list())).toMatchObject({ kind: 'decode', fields: [{ path: 'code', message: 'expected number' }] })
  })
})

describe('thordata transport failures', () => {
  it('a network error or timeout is a SubUserError, never an AxiosError, and holds no credential', async () => {
    const { mock, provider } = setup()
    mock.onGet(LIST_URL).networkErrorOnce()
    mock.onGet(LIST_URL).timeoutOnce()
    const net = await failure(provider.list())
    const slow = await failure(provider.list())
    expect(net).toMatchObject({ kind: 'network', retryable: true })
    expect(slow).toMatchObject({ kind: 'timeout', retryable: true })
    for (const e of [net, slow]) {
      expect(axios.isAxiosError(e)).toBe(false)
      expect(everything(e)).not.toMatch(/fake-(token|key)/)
    }
  })
})
