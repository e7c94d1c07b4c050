/**
 * The lighter deadline signal handed to axios instances the package makes itself
 * (src/deadline-signal.ts): it aborts once, at its deadline or with the caller's signal,
 * runs each listener once as axios's adapters expect, and leaves nothing behind when cleared.
 */
import { DeadlineSignal, abortAfter, deadlineAfter } from '../../src/deadline-signal'
import { mockedAxios } from '../support/mocked-axios'
import { createWebshareProvider } from '../../providers/webshare'

beforeEach(() => jest.useFakeTimers())
afterEach(() => jest.useRealTimers())

describe('DeadlineSignal', () => {
  it('runs each abort listener once, with itself as this and an abort event, and a second abort does nothing', () => {
    const s = new DeadlineSignal()
    const seen: unknown[] = []
    const listener = function (this: DeadlineSignal, event: { readonly type: string }) {
      seen.push([this, event.type, this.reason])
    }
    s.addEventListener('abort', listener)
    s.addEventListener('abort', listener)
    s.addEventListener('other', () => seen.push('other'))
    const reason = new Error('deadline')
    s.abort(reason)
    s.abort(new Error('again'))
    expect(s.aborted).toBe(true)
    expect(s.reason).toBe(reason)
    expect(seen).toEqual([[s, 'abort', reason]])
  })

  it('does not run a listener removed before the abort', () => {
    const s = new DeadlineSignal()
    const listener = jest.fn()
    s.addEventListener('abort', listener)
    s.removeEventListener('abort', listener)
    s.abort(undefined)
    expect(listener).not.toHaveBeenCalled()
  })
})

describe.each([
  ['abortAfter', abortAfter, AbortSignal],
  ['deadlineAfter', deadlineAfter, DeadlineSignal],
] as const)('%s', (_name, after, kind) => {
  it('hands out its kind of signal', () => {
    expect(after(1_000, undefined).signal).toBeInstanceOf(kind)
  })


  it('aborts at its deadline, not before, and says it timed out', () => {
    const d = after(1_000, undefined)
    jest.advanceTimersByTime(999)
    expect(d.signal?.aborted).toBe(false)
    jest.advanceTimersByTime(1)
    expect(d.signal?.aborted).toBe(true)
    expect(d.timedOut()).toBe(true)
  })

  it("aborts with the caller's signal and reason, not as timed out; cleared, it drops its timer", () => {
    const caller = new AbortController()
    const d = after(1_000, caller.signal)
    caller.abort('stop')
    expect(d.signal?.aborted).toBe(true)
    expect(d.signal?.reason).toBe('stop')
    expect(d.timedOut()).toBe(false)
    d.clear()
    expect(jest.getTimerCount()).toBe(0)
  })

  it("starts aborted when the caller's signal already is, and is the caller's signal itself with no deadline", () => {
    expect(after(1_000, AbortSignal.abort('gone')).signal).toMatchObject({ aborted: true, reason: 'gone' })
    const caller = new AbortController()
    expect(after(Infinity, caller.signal).signal).toBe(caller.signal)
  })

  it("once cleared, no longer follows the caller's signal", () => {
    const caller = new AbortController()
    const d = after(1_000, caller.signal)
    d.clear()
    caller.abort()
    expect(d.signal?.aborted).toBe(false)
  })
})

describe('which signal an exchange gets', () => {
  it('an injected axios instance gets a real AbortSignal (its adapter may need one)', async () => {
    jest.useRealTimers()
    const { instance, mock } = mockedAxios()
    mock.onGet('https://proxy.webshare.io/api/v2/subuser/42/').reply(200, { id: 42, label: 'team-a', proxy_limit: 1 })
    const p = createWebshareProvider({ apiKey: 'fake-key-0123456789', axios: instance, rateLimit: false, retry: false })
    expect(await p.get('42')()).toMatchObject({ _tag: 'Right', right: { id: '42' } })
    expect(mock.history[0]?.signal).toBeInstanceOf(AbortSignal)
  })
})
