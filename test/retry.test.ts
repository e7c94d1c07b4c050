/**
 * What the adapters retry (reads and idempotent writes that failed
 * transiently, and calls the vendor refused before applying them) and what
 * they never retry (a POST whose outcome is unknown, and definite errors).
 * Waits are shrunk with `baseDelayMs: 1`, a zero `Retry-After` and a short
 * `timeoutMs` (a write left without an answer settles for two of them before it is re-sent).
 */
import { mib } from '../src/units'
import * as TD from './thordata/support'
import * as WS from './webshare/support'

const fast = { retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 50 }
const thordataUser = { username: 'alice001', password: 'Pw12345a', status: true, traffic_limit: 100, usage_traffic: 0, created_time: '2025-03-01' }
const userList = { code: 200, msg: 'ok', data: { user_count: 1, list: [thordataUser] } }

describe('webshare retries', () => {
  it('retries a GET after 5xx answers and a reset, then returns the sub-user', async () => {
    const { mock, provider } = WS.setup(fast)
    mock.onGet(WS.itemUrl(42)).replyOnce(503, 'busy').onGet(WS.itemUrl(42)).networkErrorOnce().onGet(WS.itemUrl(42)).reply(200, WS.rawSubUser({ id: 42 }))
    expect((await WS.success(provider.get('42'))).id).toBe('42')
    expect(mock.history.get).toHaveLength(3)
  })

  it('reads a PATCH without an answer back: applied, it is returned without being sent again', async () => {
    const { mock, provider } = WS.setup(fast)
    mock.onPatch(WS.itemUrl(42)).timeout()
    mock.onGet(WS.itemUrl(42)).reply(200, WS.rawSubUser({ id: 42, label: 'renamed' }))
    expect((await WS.success(provider.update('42', { username: 'renamed' }))).username).toBe('renamed')
    expect(mock.history.patch).toHaveLength(1)
  })

  it('reads a PATCH without an answer back: not applied, it is sent again', async () => {
    const { mock, provider } = WS.setup(fast)
    mock.onPatch(WS.itemUrl(42)).replyOnce(503, 'busy').onPatch(WS.itemUrl(42)).reply(200, WS.rawSubUser({ id: 42, label: 'renamed' }))
    mock.onGet(WS.itemUrl(42)).reply(200, WS.rawSubUser({ id: 42, label: 'old' }))
    expect((await WS.success(provider.update('42', { username: 'renamed' }))).username).toBe('renamed')
    expect(mock.history.patch).toHaveLength(2)
  })

  it('takes a DELETE without an answer whose sub-user is gone as done', async () => {
    const { mock, provider } = WS.setup(fast)
    mock.onDelete(WS.itemUrl(42)).networkError()
    mock.onGet(WS.itemUrl(42)).reply(404, { detail: 'Not found.' })
    expect(await WS.success(provider.delete('42'))).toBeUndefined()
    expect(mock.history.delete).toHaveLength(1)
  })

  it('never re-sends a create that got a 5xx or no answer: it may have been applied', async () => {
    for (const fail of ['5xx', 'reset', 'timeout'] as const) {
      const { mock, provider } = WS.setup(fast)
      const route = mock.onPost(WS.LIST_URL)
      if (fail === '5xx') route.reply(502, 'bad gateway')
      else if (fail === 'reset') route.networkError()
      else route.timeout()
      expect(await WS.failure(provider.create({ username: 'team-a' }))).toMatchObject({ operation: 'create', retryable: false })
      expect(mock.history.post).toHaveLength(1)
    }
  })

  it('reads a create without an answer back twice before re-sending: a listing that skipped it (pages shifted) does not cause a duplicate', async () => {
    const { mock, provider } = WS.setup(fast)
    mock.onPost(WS.LIST_URL).networkErrorOnce()
    const now = new Date().toISOString()
    const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results })
    mock.onGet(WS.LIST_URL).replyOnce(200, page([])).onGet(WS.LIST_URL).reply(200, page([WS.rawSubUser({ id: 7, label: 'team-a', created_at: now })]))
    expect((await WS.success(provider.create({ username: 'team-a' }))).id).toBe('7')
    expect(mock.history.post).toHaveLength(1)
    expect(mock.history.get).toHaveLength(2)
  })

  it('re-sends a create without an answer only when two listings agree it is not there, before and after the settling wait', async () => {
    const { mock, provider } = WS.setup(fast)
    mock.onPost(WS.LIST_URL).networkErrorOnce().onPost(WS.LIST_URL).reply(201, WS.rawSubUser({ id: 8, label: 'team-a' }))
    mock.onGet(WS.LIST_URL).reply(200, { count: 0, next: null, previous: null, results: [] })
    expect((await WS.success(provider.create({ username: 'team-a' }))).id).toBe('8')
    // Two listings, two more after the settling wait, and two after the re-send went through (no doubled create).
    expect(mock.history.get).toHaveLength(6)
    expect(mock.history.post).toHaveLength(2)
  })

  it('re-sends a create refused with 429 (not applied) once the wait is over', async () => {
    const { mock, provider } = WS.setup(fast)
    mock.onPost(WS.LIST_URL).replyOnce(429, { detail: 'throttled' }, { 'Retry-After': '0' }).onPost(WS.LIST_URL).reply(201, WS.rawSubUser({ id: 42, label: 'customer7' }))
    expect((await WS.success(provider.create({ username: 'customer7' }))).id).toBe('42')
    expect(mock.history.post).toHaveLength(2)
  })

  it('does not retry definite answers (404, 400) or undecodable bodies', async () => {
    const { mock, provider } = WS.setup(fast)
    mock.onGet(WS.itemUrl(1)).reply(404, { detail: 'Not found.' })
    mock.onGet(WS.itemUrl(2)).reply(200, '<html>')
    mock.onPatch(WS.itemUrl(3)).reply(400, { label: ['bad'] })
    expect(await WS.failure(provider.get('1'))).toMatchObject({ kind: 'not_found' })
    expect(await WS.failure(provider.get('2'))).toMatchObject({ kind: 'decode' })
    expect(await WS.failure(provider.update('3', { username: 'x' }))).toMatchObject({ kind: 'validation' })
    expect(mock.history.get).toHaveLength(2)
    expect(mock.history.patch).toHaveLength(1)
  })

  it('gives up after the configured retries with the last error', async () => {
    const { mock, provider } = WS.setup({ retry: { retries: 2, baseDelayMs: 1 } })
    mock.onGet(WS.itemUrl(42)).reply(500, 'down')
    expect(await WS.failure(provider.get('42'))).toMatchObject({ kind: 'vendor', status: 500, retryable: true })
    expect(mock.history.get).toHaveLength(3)
  })

  it('refuses a bad retry option when the provider is made', () => {
    expect(() => WS.setup({ retry: { retries: -1 } })).toThrow(expect.objectContaining({ kind: 'validation', fields: [{ path: 'retry.retries', message: 'must be a number ≥ 0' }] }))
  })
})

describe('thordata retries', () => {
  it('retries user-list after a reset, then reads the sub-user', async () => {
    const { mock, provider } = TD.setup(fast)
    mock.onGet(TD.LIST_URL).networkErrorOnce().onGet(TD.LIST_URL).reply(200, userList)
    expect((await TD.success(provider.get('alice001'))).username).toBe('alice001')
    expect(mock.history.get).toHaveLength(2)
  })

  it('never re-sends a write (every Thordata write is a POST) that got no answer', async () => {
    const { mock, provider } = TD.setup(fast)
    mock.onPost(TD.CREATE_URL).timeout()
    expect(await TD.failure(provider.create({ username: 'alice001', password: 'Pw12345a', trafficLimitBytes: mib(100) }))).toMatchObject({ kind: 'timeout', retryable: false })
    expect(mock.history.post).toHaveLength(1)
  })

  it('reads an update without an answer back, a rename included: applied, it is not sent again', async () => {
    const { mock, provider } = TD.setup(fast)
    const renamed = { ...thordataUser, username: 'alice002', traffic_limit: 200 }
    mock.onGet(TD.LIST_URL).replyOnce(200, userList).onGet(TD.LIST_URL).reply(200, { ...userList, data: { user_count: 1, list: [renamed] } })
    mock.onPost(TD.UPDATE_URL).timeout()
    const updated = await TD.success(provider.update('alice001', { username: 'alice002', trafficLimitBytes: mib(200) }))
    expect(updated).toMatchObject({ id: 'alice002', trafficLimitBytes: mib(200) })
    expect(mock.history.post).toHaveLength(1)
  })

  it('reads a delete without an answer back: the user is still there, so it is sent again', async () => {
    const { mock, provider } = TD.setup(fast)
    mock.onPost(TD.DELETE_URL).replyOnce(502, 'bad gateway').onPost(TD.DELETE_URL).reply(200, { code: 200, msg: 'ok', data: {} })
    mock.onGet(TD.LIST_URL).reply(200, userList)
    expect(await TD.success(provider.delete('alice001'))).toBeUndefined()
    expect(mock.history.post).toHaveLength(2)
  })

  it('treats 10011 as rate limiting: waits at least 3 s, then re-sends (the call was not applied)', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] })
    try {
      const { mock, provider } = TD.setup(fast)
      mock.onPost(TD.DELETE_URL).replyOnce(200, { code: 10011, msg: 'too frequent', data: {} }).onPost(TD.DELETE_URL).reply(200, { code: 200, msg: 'ok', data: {} })
      const pending = provider.delete('alice001')()
      await jest.advanceTimersByTimeAsync(2_900)
      expect(mock.history.post).toHaveLength(1)
      await jest.advanceTimersByTimeAsync(200)
      expect(await pending).toEqual({ _tag: 'Right', right: undefined })
      expect(mock.history.post).toHaveLength(2)
    } finally {
      jest.useRealTimers()
    }
  })
})
