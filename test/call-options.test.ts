/**
 * Per-call options override the provider's: retry, timeoutMs and an
 * AbortSignal; bad ones are refused before anything is sent.
 */
import { getEventListeners } from 'node:events'
import { startSandbox, type Sandbox } from '../providers/sandbox'
import { createWebshareProvider } from '../providers/webshare'
import { toPromises } from '../src/provider'
import * as TD from './thordata/support'
import * as WS from './webshare/support'

describe('per-call options (mocked)', () => {
  it('a call with retry: false makes one attempt where the provider would retry', async () => {
    const { mock, provider } = WS.setup({ retry: { retries: 3, baseDelayMs: 1 } })
    mock.onGet(WS.itemUrl(42)).reply(503, 'busy')
    expect(await WS.failure(provider.get('42', { retry: false }))).toMatchObject({ kind: 'vendor', status: 503 })
    expect(mock.history.get).toHaveLength(1)
    expect(await WS.failure(provider.get('42'))).toMatchObject({ kind: 'vendor', status: 503 })
    expect(mock.history.get).toHaveLength(1 + 4)
  })

  it('applies to every operation, list included, on both vendors', async () => {
    const td = TD.setup({ retry: { retries: 3, baseDelayMs: 1 } })
    td.mock.onGet(TD.LIST_URL).reply(503, 'busy')
    expect(await TD.failure(td.provider.list({ retry: false }))).toMatchObject({ kind: 'vendor', status: 503 })
    expect(await TD.failure(td.provider.get('alice001', { retry: false }))).toMatchObject({ kind: 'vendor', status: 503 })
    expect(td.mock.history.get).toHaveLength(2)
    const ws = WS.setup({ retry: { retries: 3, baseDelayMs: 1 } })
    ws.mock.onGet(WS.LIST_URL).reply(503, 'busy')
    expect(await WS.failure(ws.provider.list({ retry: false }))).toMatchObject({ kind: 'vendor', status: 503 })
    expect(ws.mock.history.get).toHaveLength(1)
  })

  it('a call can retry more than its provider', async () => {
    const { mock, provider } = WS.setup() // retry: false
    mock.onGet(WS.itemUrl(42)).replyOnce(502, 'x').onGet(WS.itemUrl(42)).reply(200, WS.rawSubUser({ id: 42 }))
    expect((await WS.success(provider.get('42', { retry: { retries: 1, baseDelayMs: 1 } }))).id).toBe('42')
  })

  it('bad call options are a validation error, and nothing is sent', async () => {
    const { mock, provider } = WS.setup()
    const e = await WS.failure(provider.get('42', { timeoutMs: -5, retry: { retries: Number.NaN }, signal: 'stop' as never }))
    expect(e).toMatchObject({ kind: 'validation', operation: 'get' })
    expect(e.fields?.map((f) => f.path)).toEqual(['retry.retries', 'timeoutMs', 'signal'])
    expect(mock.history.get).toHaveLength(0)
  })

  it('toPromises passes the options through', async () => {
    const { mock, provider } = WS.setup({ retry: { retries: 3, baseDelayMs: 1 } })
    mock.onGet(WS.itemUrl(42)).reply(500, 'down')
    await expect(toPromises(provider).get('42', { retry: false })).rejects.toMatchObject({ kind: 'vendor' })
    expect(mock.history.get).toHaveLength(1)
  })
})

describe('per-call options (sandbox over HTTP)', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ faults: { webshare: { hangPaths: ['/api/v2/subuser/9/'] } } })
  })
  afterAll(() => sandbox.close())
  const provider = () => createWebshareProvider({ ...sandbox.webshare, rateLimit: false, timeoutMs: 60_000, retry: { retries: 5, baseDelayMs: 1 } })

  it('a call timeoutMs replaces the provider one', async () => {
    const t0 = performance.now()
    const r = await provider().get('9', { timeoutMs: 200, retry: false })()
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'timeout' } })
    expect(performance.now() - t0).toBeGreaterThanOrEqual(195)
  })

  it('aborting the signal cancels the request in flight and the retries to come', async () => {
    const controller = new AbortController()
    const pending = provider().get('9', { signal: controller.signal })()
    setTimeout(() => controller.abort(), 100)
    const r = await pending
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'network', retryable: false, message: expect.stringContaining('cancelled') } })
  })

  it('one signal shared by 40 calls, queued and in flight, holds one listener (Node warns past ten), and aborting it cancels them all', async () => {
    const paced = createWebshareProvider({ ...sandbox.webshare, rateLimit: { requestsPerMinute: 60_000, concurrency: 4 }, timeoutMs: 60_000, retry: false })
    const controller = new AbortController()
    const before = sandbox.stats().webshare.requests
    const pending = Array.from({ length: 40 }, () => paced.get('9', { signal: controller.signal })())
    // Bounded wait until the first requests hang in the sandbox (the rest queue behind the pacing).
    for (let waited = 0; sandbox.stats().webshare.requests < before + 4 && waited < 5_000; waited += 10) await new Promise((r) => setTimeout(r, 10))
    expect(sandbox.stats().webshare.requests).toBeGreaterThanOrEqual(before + 4)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1)
    controller.abort()
    const results = await Promise.all(pending)
    for (const r of results) expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'network', retryable: false } })
    expect(sandbox.stats().webshare.requests).toBe(before + 4)
  })

  it('an already aborted signal sends nothing', async () => {
    const before = sandbox.stats().webshare.requests
    const r = await provider().list({ signal: AbortSignal.abort() })()
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'network', retryable: false } })
    expect(sandbox.stats().webshare.requests).toBe(before)
  })
})
