/**
 * `StreamingHttpClient.streamArray`: a reply's array handed over element by element as the body is read,
 * under the bounds of every exchange. Bodies are real streams (test/support/dripped-body.ts) that
 * count what they served, answered through axios-mock-adapter.
 */
import * as E from 'fp-ts/Either'
import { inspect } from 'node:util'
import { withCallOptions } from '../../src/call-options'
import { SubUserError } from '../../src/errors'
import { createHttpClient, type CommonOptions, type HttpResponse } from '../../src/http'
import { arrayStreams } from '../../src/http-stream'
import type { ArrayElement } from '../../src/json-array-stream'
import { drippedBody } from '../support/dripped-body'
import { mockedAxios } from '../support/mocked-axios'

const TOKEN = 'tok-SECRET-1234'
const URL = 'http://127.0.0.1:9/api/users'
const REQUEST = { method: 'GET', url: '/users', query: { token: TOKEN } } as const

const setup = (options: CommonOptions = {}) => {
  const { instance, mock } = mockedAxios()
  const http = createHttpClient({ provider: 'thordata', baseURL: 'http://127.0.0.1:9/api', secrets: [TOKEN], options: { axios: instance, retry: false, rateLimit: false, ...options }, rateLimit: { requestsPerMinute: 60, concurrency: 1 }, streaming: arrayStreams })
  return { http, mock }
}

/** A reply `{ code, data: { count, list } }` of `n` users, `code` first. */
const replyOf = (n: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ code: 200, ...extra, data: { count: n, list: Array.from({ length: n }, (_, i) => ({ name: `user${i}` })) } })

type Seen = { readonly body: unknown; readonly complete: boolean; readonly elements: number }
/** A check that accepts everything and records what it was shown (a copy: the envelope is live). */
const recording = () => {
  const seen: Seen[] = []
  const check = (res: HttpResponse, progress: { readonly complete: boolean; readonly elements: number }) => {
    seen.push({ body: structuredClone(res.body), ...progress })
    return E.right(undefined)
  }
  return { seen, check }
}

const rightOf = <A>(r: E.Either<SubUserError, A>): A => {
  if (E.isLeft(r)) throw r.left
  return r.right
}

/** A body's close is announced on the next turn. */
const closedSoon = async (body: { closed(): boolean }) => {
  await new Promise((resolve) => setImmediate(resolve))
  return body.closed()
}

/** Takes every element; returns them and the error the iteration ended with, if any. */
const drain = async (elements: AsyncIterable<ArrayElement>): Promise<{ taken: ArrayElement[]; error?: SubUserError }> => {
  const taken: ArrayElement[] = []
  try {
    for await (const e of elements) taken.push(e)
    return { taken }
  } catch (e) {
    if (!SubUserError.is(e)) throw e
    return { taken, error: e }
  }
}

describe('streamArray', () => {
  it('hands over every element with its path, in order, and shows the vendor the envelope so far, then whole', async () => {
    const { http, mock } = setup()
    const body = drippedBody(replyOf(50), { pieceBytes: 7 })
    mock.onGet(URL).reply(200, body.stream)
    const { seen, check } = recording()
    const reply = rightOf(await http.streamArray('list', REQUEST, { path: 'data.list', check })())
    const { taken, error } = await drain(reply.elements)
    expect(error).toBeUndefined()
    expect(taken).toEqual(Array.from({ length: 50 }, (_, i) => ({ value: { name: `user${i}` }, at: `data.list.${i}` })))
    expect(seen).toEqual([
      { body: { code: 200, data: { count: 50, list: [] } }, complete: false, elements: 1 },
      { body: { code: 200, data: { count: 50, list: [] } }, complete: true, elements: 50 },
    ])
    expect(reply.envelope()).toEqual({ code: 200, data: { count: 50, list: [] } })
    expect(mock.history.get).toHaveLength(1)
    expect(mock.history.get[0]).toMatchObject({ url: URL, params: { token: TOKEN }, responseType: 'stream' })
    expect(await closedSoon(body)).toBe(true)
  })

  it('streams a body that is the array itself (path "")', async () => {
    const { http, mock } = setup()
    mock.onGet(URL).reply(200, drippedBody('[1, "two", {"x": null}, [3]]\n', { pieceBytes: 3 }).stream)
    const { check } = recording()
    const reply = rightOf(await http.streamArray('list', REQUEST, { path: '', check })())
    expect((await drain(reply.elements)).taken).toEqual([
      { value: 1, at: '0' },
      { value: 'two', at: '1' },
      { value: { x: null }, at: '2' },
      { value: [3], at: '3' },
    ])
    expect(reply.envelope()).toEqual([])
  })

  it('reads no further than the consumer takes: stopping early closes the body, most of it never served', async () => {
    const { http, mock } = setup()
    const text = replyOf(5_000)
    const body = drippedBody(text, { pieceBytes: 256 })
    mock.onGet(URL).reply(200, body.stream)
    const reply = rightOf(await http.streamArray('list', REQUEST, { path: 'data.list', check: () => E.right(undefined) })())
    const taken: unknown[] = []
    for await (const e of reply.elements) {
      taken.push(e.value)
      if (taken.length === 10) {
        // Held: nothing more is read while the consumer has an element (the stream's own buffer
        // refills once, a piece).
        const held = body.served()
        await new Promise((resolve) => setTimeout(resolve, 50))
        expect(body.served()).toBeLessThanOrEqual(held + 256)
        break
      }
    }
    // Ten users are about 200 bytes in: at most a piece or two more were read ahead.
    expect(text.indexOf('user10')).toBeLessThan(body.served())
    expect(body.served()).toBeLessThan(text.indexOf('user10') + 4 * 256)
    expect(await closedSoon(body)).toBe(true)
  })

  it('cuts a reply off past maxResponseBytes as it arrives: the elements before stand, then a vendor error', async () => {
    const { http, mock } = setup({ maxResponseBytes: 2_000 })
    const body = drippedBody(replyOf(1_000), { pieceBytes: 100 })
    mock.onGet(URL).reply(200, body.stream)
    const reply = rightOf(await http.streamArray('list', REQUEST, { path: 'data.list', check: () => E.right(undefined) })())
    const { taken, error } = await drain(reply.elements)
    expect(taken.length).toBeGreaterThan(10)
    expect(taken.length).toBeLessThan(200)
    expect(error).toMatchObject({ kind: 'vendor', retryable: false, message: expect.stringContaining('larger than maxResponseBytes (2000) on GET /users') })
    expect(body.served()).toBeLessThanOrEqual(2_100)
    expect(await closedSoon(body)).toBe(true)
  })

  it('times out a body that stops arriving (timeoutMs, the whole exchange), without the query in the message', async () => {
    const { http, mock } = setup({ timeoutMs: 200 })
    const body = drippedBody(replyOf(1_000), { pieceBytes: 100, stallAfterBytes: 1_000 })
    mock.onGet(URL).reply(200, body.stream)
    const reply = rightOf(await http.streamArray('list', REQUEST, { path: 'data.list', check: () => E.right(undefined) })())
    const { taken, error } = await drain(reply.elements)
    expect(taken.length).toBeGreaterThan(0)
    expect(error).toMatchObject({ kind: 'timeout', retryable: true, message: 'thordata list: timed out (ETIMEDOUT) on GET /users' })
    expect(await closedSoon(body)).toBe(true)
  })

  it("holds a body that stops arriving to the call's deadline (deadlineMs) when it is the shorter", async () => {
    const { http, mock } = setup()
    mock.onGet(URL).reply(200, drippedBody(replyOf(1_000), { pieceBytes: 100, stallAfterBytes: 1_000 }).stream)
    const reply = rightOf(await withCallOptions({ deadlineMs: 200 }, () => http.streamArray('list', REQUEST, { path: 'data.list', check: () => E.right(undefined) }))())
    const { taken, error } = await drain(reply.elements)
    expect(taken.length).toBeGreaterThan(0)
    expect(error).toMatchObject({ kind: 'timeout', retryable: false, message: "thordata list: the call's deadline (deadlineMs) passed before an answer on GET /users" })
  })

  it('does not count the time the consumer holds an element against timeoutMs', async () => {
    const { http, mock } = setup({ timeoutMs: 150 })
    mock.onGet(URL).reply(200, drippedBody(replyOf(3), { pieceBytes: 10 }).stream)
    const reply = rightOf(await http.streamArray('list', REQUEST, { path: 'data.list', check: () => E.right(undefined) })())
    let n = 0
    for await (const _ of reply.elements) {
      n++
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect(n).toBe(3)
  })

  it('stops at once when the call is aborted, whether it is waiting for the vendor or the consumer holds an element', async () => {
    for (const when of ['waiting', 'held'] as const) {
      const { http, mock } = setup()
      const body = drippedBody(replyOf(1_000), { pieceBytes: 100, ...(when === 'waiting' ? { stallAfterBytes: 500 } : {}) })
      mock.onGet(URL).reply(200, body.stream)
      const controller = new AbortController()
      const reply = rightOf(await withCallOptions({ signal: controller.signal }, () => http.streamArray('list', REQUEST, { path: 'data.list', check: () => E.right(undefined) }))())
      const taken: unknown[] = []
      let error: unknown
      try {
        for await (const e of reply.elements) {
          taken.push(e)
          if (when === 'held' && taken.length === 2) controller.abort()
          if (when === 'waiting' && taken.length === 1) setTimeout(() => controller.abort(), 20)
        }
      } catch (e) {
        error = e
      }
      expect(error).toMatchObject({ kind: 'network', retryable: false, message: 'thordata list: request cancelled (GET /users)' })
      if (when === 'held') expect(taken).toHaveLength(2)
      expect(await closedSoon(body)).toBe(true)
    }
  })

  it('hands over the elements before malformed JSON, then fails as decode without quoting the body', async () => {
    const { http, mock } = setup()
    mock.onGet(URL).reply(200, drippedBody(`{"code":200,"data":{"list":[{"name":"a"},{"name":"b"},{"name":Pa55word-Secret}]}}`, { pieceBytes: 5 }).stream)
    const reply = rightOf(await http.streamArray('list', REQUEST, { path: 'data.list', check: () => E.right(undefined) })())
    const { taken, error } = await drain(reply.elements)
    expect(taken.map((e) => e.value)).toEqual([{ name: 'a' }, { name: 'b' }])
    expect(error).toMatchObject({ kind: 'decode', retryable: false, fields: [{ path: '', message: 'expected valid JSON' }], message: 'thordata list: unexpected response: (body) expected valid JSON' })
    expect(inspect(error)).not.toContain('Pa55')
  })

  it('refuses a body that breaks off, or holds a second value, as decode', async () => {
    for (const text of ['{"code":200,"data":{"list":[{"name":"a"},', '{"code":200,"data":{"list":[]}} {"code":200}']) {
      const { http, mock } = setup()
      mock.onGet(URL).reply(200, drippedBody(text, { pieceBytes: 4 }).stream)
      const r = await http.streamArray('list', REQUEST, { path: 'data.list', check: () => E.right(undefined) })()
      const error = E.isLeft(r) ? r.left : (await drain(r.right.elements)).error
      expect(error).toMatchObject({ kind: 'decode', message: 'thordata list: unexpected response: (body) expected valid JSON' })
    }
  })

  it("fails the call with the vendor's error when the envelope says so before the first element, and the iteration when after", async () => {
    const refuse = (res: HttpResponse) => {
      const code = (res.body as { code?: unknown } | undefined)?.code
      return code === undefined || code === 200 ? E.right(undefined) : E.left(new SubUserError({ kind: 'auth', provider: 'thordata', operation: 'list', vendorCode: code as number, message: `refused (code ${String(code)}) ${TOKEN}` }))
    }
    const first = setup()
    first.mock.onGet(URL).reply(200, drippedBody(JSON.stringify({ code: 10013, data: { list: [{ name: 'x' }] } }), { pieceBytes: 8 }).stream)
    const early = await first.http.streamArray('list', REQUEST, { path: 'data.list', check: refuse })()
    expect(early).toMatchObject({ _tag: 'Left', left: { kind: 'auth', vendorCode: 10013 } })
    expect(E.isLeft(early) && early.left.message).toBe('refused (code 10013) [REDACTED]')

    const last = setup()
    last.mock.onGet(URL).reply(200, drippedBody(JSON.stringify({ data: { list: [{ name: 'x' }, { name: 'y' }] }, code: 10013 }), { pieceBytes: 8 }).stream)
    const reply = rightOf(await last.http.streamArray('list', REQUEST, { path: 'data.list', check: refuse })())
    const { taken, error } = await drain(reply.elements)
    expect(taken.map((e) => e.value)).toEqual([{ name: 'x' }, { name: 'y' }])
    expect(error).toMatchObject({ kind: 'auth', vendorCode: 10013, message: 'refused (code 10013) [REDACTED]' })
  })

  it('redacts a credential added at run time (a session token) from a failure, as a plain call does', async () => {
    const session = 'session-SECRET-5678'
    const refuse = () => E.left(new SubUserError({ kind: 'auth', provider: 'thordata', operation: 'list', message: `refused ${session} ${TOKEN}` }))
    const { http, mock } = setup()
    http.addSecret(session)
    mock.onGet(URL).reply(200, drippedBody(replyOf(2), { pieceBytes: 8 }).stream)
    const r = await http.streamArray('list', REQUEST, { path: 'data.list', check: refuse })()
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'auth', message: 'refused [REDACTED] [REDACTED]' } })
  })

  it('is a method only of a client built with streaming', () => {
    const { instance } = mockedAxios()
    const plain = createHttpClient({ provider: 'thordata', baseURL: 'http://127.0.0.1:9/api', secrets: [TOKEN], options: { axios: instance }, rateLimit: { requestsPerMinute: 60, concurrency: 1 } })
    expect('streamArray' in plain).toBe(false)
    expect(typeof setup().http.streamArray).toBe('function')
  })

  it('retries a reply that fails before its first element; once elements were handed over, a failure ends the iteration', async () => {
    const { http, mock } = setup({ retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 } })
    mock
      .onGet(URL)
      .replyOnce(200, drippedBody(replyOf(100), { pieceBytes: 50, failAfterBytes: { bytes: 20, code: 'ECONNRESET' } }).stream)
      .onGet(URL)
      .replyOnce(200, drippedBody(replyOf(100), { pieceBytes: 50, failAfterBytes: { bytes: 500, code: 'ECONNRESET' } }).stream)
    const reply = rightOf(await http.streamArray('list', REQUEST, { path: 'data.list', check: () => E.right(undefined) })())
    const { taken, error } = await drain(reply.elements)
    expect(mock.history.get).toHaveLength(2)
    expect(taken.length).toBeGreaterThan(0)
    expect(taken.length).toBeLessThan(100)
    expect(error).toMatchObject({ kind: 'network', retryable: true, message: 'thordata list: network error (ECONNRESET) on GET /users' })
  })

  it('reads a reply whole when it is not a stream (a mock answering a string or an object) or not 2xx', async () => {
    const { http, mock } = setup()
    mock.onGet(URL).replyOnce(200, replyOf(3)).onGet(URL).replyOnce(200, JSON.parse(replyOf(2))).onGet(URL).replyOnce(503, drippedBody('{"code":503,"msg":"busy"}', { pieceBytes: 4 }).stream)
    for (const n of [3, 2]) {
      const { seen, check } = recording()
      const reply = rightOf(await http.streamArray('list', REQUEST, { path: 'data.list', check })())
      expect((await drain(reply.elements)).taken).toEqual(Array.from({ length: n }, (_, i) => ({ value: { name: `user${i}` }, at: `data.list.${i}` })))
      expect(seen).toEqual([{ body: { code: 200, data: { count: n, list: [] } }, complete: true, elements: n }])
    }
    const statuses: number[] = []
    const r = await http.streamArray('list', REQUEST, {
      path: 'data.list',
      check: (res) => {
        statuses.push(res.status)
        return E.left(new SubUserError({ kind: 'vendor', provider: 'thordata', operation: 'list', message: `status ${res.status}: ${res.text}` }))
      },
    })()
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'vendor', message: 'status 503: {"code":503,"msg":"busy"}' } })
    expect(statuses).toEqual([503])
  })

  it('leaves a value at the path that is not an array in the envelope, for the vendor to refuse', async () => {
    const { http, mock } = setup()
    mock.onGet(URL).reply(200, drippedBody('{"code":200,"data":{"list":{"k":{"name":"a"}}}}', { pieceBytes: 6 }).stream)
    const { seen, check } = recording()
    const reply = rightOf(await http.streamArray('list', REQUEST, { path: 'data.list', check })())
    expect((await drain(reply.elements)).taken).toEqual([])
    expect(seen).toEqual([{ body: { code: 200, data: { list: { k: { name: 'a' } } } }, complete: true, elements: 0 }])
  })
})
