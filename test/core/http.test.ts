import axios from 'axios'
import * as E from 'fp-ts/Either'
import { inspect } from 'node:util'
import { createHttpClient, parseRetryAfter, responseError } from '../../src/http'
import { mockedAxios } from '../support/mocked-axios'

const TOKEN = 'tok-SECRET-1234'
const setup = () => {
  const { instance, mock } = mockedAxios()
  const http = createHttpClient({ provider: 'thordata', baseURL: 'http://127.0.0.1:9/api/', secrets: [TOKEN], options: { axios: instance, timeoutMs: 1234, rateLimit: false }, rateLimit: { requestsPerMinute: 60, concurrency: 1 } })
  return { mock, http }
}
const leftOf = <A, B>(r: E.Either<A, B>): A => {
  if (E.isRight(r)) throw new Error('expected a failure')
  return r.left
}

describe('createHttpClient', () => {
  it('sends form bodies as strings under the base URL, with the timeout, and parses JSON replies', async () => {
    const { mock, http } = setup()
    mock.onPost('http://127.0.0.1:9/api/x').reply(200, '{"code":200}', { 'X-Thing': 'a' })
    const r = await http.send('create', { method: 'POST', url: '/x', headers: { token: TOKEN }, form: { a: '1', b: 'c d' } })()
    expect(r).toEqual(E.right({ status: 200, headers: { 'x-thing': 'a' }, body: { code: 200 }, text: '{"code":200}' }))
    const sent = mock.history.post[0]!
    expect(sent.data).toBe('a=1&b=c+d')
    expect(sent.headers?.['Content-Type']).toBe('application/x-www-form-urlencoded')
    expect(sent.timeout).toBe(1234)
  })

  it('sends JSON bodies and query parameters, and returns non-2xx replies as data', async () => {
    const { mock, http } = setup()
    mock.onPatch('http://127.0.0.1:9/api/y', { label: null }).reply(404, '<html>nope</html>')
    const r = await http.send('update', { method: 'PATCH', url: '/y', json: { label: null }, query: { a: 'b' } })()
    expect(r).toEqual(E.right({ status: 404, headers: {}, body: undefined, text: '<html>nope</html>' }))
    expect(mock.history.patch[0]!.params).toEqual({ a: 'b' })
    expect(mock.history.patch[0]!.headers?.['Content-Type']).toBe('application/json')
  })

  it('measures the body even when the adapter (a mock) does not enforce maxResponseBytes', async () => {
    const { instance, mock } = mockedAxios()
    const http = createHttpClient({ provider: 'thordata', baseURL: 'http://127.0.0.1:9/api/', secrets: [TOKEN], options: { axios: instance, maxResponseBytes: 1_000, rateLimit: false }, rateLimit: { requestsPerMinute: 60, concurrency: 1 } })
    mock.onGet('http://127.0.0.1:9/api/big').reply(200, `"${'é'.repeat(600)}"`)
    mock.onGet('http://127.0.0.1:9/api/small').reply(200, `"${'é'.repeat(400)}"`)
    expect(leftOf(await http.send('list', { method: 'GET', url: '/big' })())).toMatchObject({ kind: 'vendor', retryable: false, message: expect.stringContaining('maxResponseBytes (1000)') })
    expect(E.isRight(await http.send('list', { method: 'GET', url: '/small' })())).toBe(true)
  })

  it('retries a request marked idempotent like a GET (a login, an absolute PATCH), and no other write', async () => {
    const { mock, http } = setup()
    mock.onPost('http://127.0.0.1:9/api/login').networkError()
    mock.onPost('http://127.0.0.1:9/api/make').networkError()
    const login = leftOf(await http.send('list', { method: 'POST', url: '/login', idempotent: true })())
    const make = leftOf(await http.send('create', { method: 'POST', url: '/make' })())
    expect([login.retryable, make.retryable]).toEqual([true, false])
    expect(make.message).toContain('it may have been applied')
    expect(login.message).not.toContain('it may have been applied')
  })

  it('redacts a credential added at run time from every later error, through the array it hands out', async () => {
    const { mock, http } = setup()
    const held = http.secrets
    http.addSecret('session-token-0001')
    expect(held).toEqual([TOKEN, 'session-token-0001'])
    mock.onGet('http://127.0.0.1:9/api/echo').reply(400, 'bad session-token-0001')
    const r = await http.send('get', { method: 'GET', url: '/echo' })()
    const e = responseError(http, 'get', {}, { kind: 'validation', status: 400, detail: E.isRight(r) ? r.right.text : '' })
    expect(e.message).toBe('thordata get: validation (HTTP 400): bad [REDACTED]')
    for (let i = 0; i < 20; i++) http.addSecret(`session-token-${1000 + i}`)
    expect(held[0]).toBe(TOKEN)
    expect(held).toHaveLength(1 + 16)
    expect(held).toContain('session-token-1019')
    expect(held).not.toContain('session-token-0001')
  })

  it('turns transport failures into network and timeout errors without the query or secrets', async () => {
    const { mock, http } = setup()
    mock.onGet('http://127.0.0.1:9/api/net').networkError()
    mock.onGet('http://127.0.0.1:9/api/slow').timeout()
    const net = leftOf(await http.send('list', { method: 'GET', url: '/net', query: { token: TOKEN } })())
    expect(net).toMatchObject({ kind: 'network', retryable: true, provider: 'thordata', operation: 'list' })
    const slow = leftOf(await http.send('get', { method: 'GET', url: '/slow', query: { token: TOKEN } })())
    expect(slow).toMatchObject({ kind: 'timeout', retryable: true, message: 'thordata get: timed out (ECONNABORTED) on GET /slow' })
    for (const e of [net, slow]) {
      expect(axios.isAxiosError(e)).toBe(false)
      expect([e.message, String(e), JSON.stringify(e), inspect(e)].join(' ')).not.toContain(TOKEN)
    }
  })

  it('marks a write (POST, PATCH) without an answer as not retryable: it may have been applied', async () => {
    const { mock, http } = setup()
    mock.onPost('http://127.0.0.1:9/api/w').networkError()
    mock.onPatch('http://127.0.0.1:9/api/w').timeout()
    expect(leftOf(await http.send('create', { method: 'POST', url: '/w', form: {} })())).toMatchObject({
      kind: 'network', retryable: false,
      message: 'thordata create: network error (no response) on POST /w; it may have been applied, so it is not to be retried blindly',
    })
    expect(leftOf(await http.send('update', { method: 'PATCH', url: '/w', json: {} })())).toMatchObject({ kind: 'timeout', retryable: false })
  })

  it('reports a request no mock answers as a network error that says so', async () => {
    const { http } = setup()
    const e = leftOf(await http.send('get', { method: 'GET', url: '/unmocked' })())
    expect(e).toMatchObject({ kind: 'network', message: 'thordata get: network error (no mock for this request) on GET /unmocked' })
  })
})

describe('responseError', () => {
  it('redacts credentials and request secrets from vendor text', () => {
    const e = responseError({ provider: 'thordata', secrets: [TOKEN] }, 'update', { secrets: ['Passw0rdXY'] }, {
      kind: 'validation', status: 200, vendorCode: 10016, detail: `bad password Passw0rdXY for ${TOKEN}`,
      fields: [{ path: 'password', message: 'Passw0rdXY is bad' }],
    })
    expect(e.message).toBe('thordata update: validation (HTTP 200, code 10016): bad password [REDACTED] for [REDACTED]')
    expect(e.fields).toEqual([{ path: 'password', message: '[REDACTED] is bad' }])
    expect(e.vendorCode).toBe(10016)
  })
})

describe('an Authorization header', () => {
  it('is a secret in every form it travels in: the Basic token, and the user:password it decodes to', async () => {
    const { mock, http } = setup()
    const basic = Buffer.from('main-user:main-Pa55/word').toString('base64')
    const headers = { Authorization: `Basic ${basic}` }
    const e = responseError(http, 'get', { headers }, { kind: 'auth', status: 401, detail: `bad ${basic} for main-user:main-Pa55/word (${encodeURIComponent('main-Pa55/word')})` })
    expect(e.message).toBe('thordata get: auth (HTTP 401): bad [REDACTED] for [REDACTED] ([REDACTED])')
    mock.onGet('http://127.0.0.1:9/api/u/main-Pa55%2Fword').networkError()
    const n = leftOf(await http.send('get', { method: 'GET', url: '/u/main-Pa55%2Fword', headers })())
    expect(n.message).toBe('thordata get: network error (no response) on GET /u/[REDACTED]')
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('30', now)).toBe(30_000)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:05 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })
})
