import * as E from 'fp-ts/Either'
import { SubUserError } from '../../src/errors'
import { DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS, DEFAULT_MAX_RETRY_AFTER_MS, DEFAULT_RETRIES, retryDelay, retryPolicy, withRetry, type RetryPolicy } from '../../src/retry'
import { scripted } from '../support/scripted'

const policy: RetryPolicy = { retries: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 60_000 }
const failure = (retryable: boolean, retryAfterMs?: number) =>
  new SubUserError({ kind: retryable ? 'network' : 'not_found', provider: 'webshare', operation: 'get', message: 'x', retryable, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) })

describe('retryPolicy', () => {
  it('fills in the defaults, turns retries off with false, and refuses bad numbers', () => {
    expect(retryPolicy(undefined)).toEqual(E.right({ retries: DEFAULT_RETRIES, baseDelayMs: DEFAULT_BASE_DELAY_MS, maxDelayMs: DEFAULT_MAX_DELAY_MS, maxRetryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS }))
    expect(retryPolicy({ retries: 5 })).toEqual(E.right({ retries: 5, baseDelayMs: DEFAULT_BASE_DELAY_MS, maxDelayMs: DEFAULT_MAX_DELAY_MS, maxRetryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS }))
    expect(retryPolicy(false)).toEqual(E.right(expect.objectContaining({ retries: 0 })))
    expect(retryPolicy({ baseDelayMs: -1 })).toEqual(E.left({ path: 'retry.baseDelayMs', message: 'must be a number ≥ 0' }))
    expect(retryPolicy({ retries: Number.NaN })).toEqual(E.left({ path: 'retry.retries', message: 'must be a number ≥ 0' }))
  })
})

describe('retryDelay', () => {
  it('is full jitter under a doubling, capped ceiling', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => retryDelay(policy, n, undefined, () => 1))).toEqual([100, 200, 400, 800, 1_000, 1_000])
    expect(retryDelay(policy, 3, undefined, () => 0)).toBe(0)
    expect(retryDelay(policy, 1, undefined, () => 0.5)).toBe(100)
  })

  it('never waits less than the vendor asked', () => {
    expect(retryDelay(policy, 0, 5_000, () => 1)).toBe(5_000)
    expect(retryDelay(policy, 10, 50, () => 1)).toBe(1_000)
  })
})

describe('withRetry', () => {
  it('retries retryable failures with growing waits until one succeeds', async () => {
    const waits: number[] = []
    const s = scripted([failure(true), failure(true, 700)], 'ok')
    const r = await withRetry(policy, s.task, async (ms) => void waits.push(ms), () => 1)()
    expect(r).toEqual(E.right('ok'))
    expect(s.runs()).toBe(3)
    expect(waits).toEqual([100, 700])
  })

  it('gives up after the last retry with the last error', async () => {
    const last = failure(true)
    const s = scripted([failure(true), failure(true), failure(true), last, failure(true)], 'ok')
    const r = await withRetry(policy, s.task, async () => undefined)()
    expect(r).toEqual(E.left(last))
    expect(s.runs()).toBe(4)
  })

  it('never retries an error that is not retryable', async () => {
    const s = scripted([failure(false)], 'ok')
    const waits: number[] = []
    expect(E.isLeft(await withRetry(policy, s.task, async (ms) => void waits.push(ms))())).toBe(true)
    expect(s.runs()).toBe(1)
    expect(waits).toEqual([])
  })
})
